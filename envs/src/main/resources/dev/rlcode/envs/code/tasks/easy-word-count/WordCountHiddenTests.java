import java.util.*;

public class WordCountHiddenTests {

    public static void testEmpty() {
        check(0, WordCount.count(""));
    }

    public static void testBlank() {
        check(0, WordCount.count("   \t\n"));
    }

    public static void testLeadingSpace() {
        check(2, WordCount.count("  two words"));
    }

    public static void testTrailingSpace() {
        check(2, WordCount.count("two words   "));
    }

    public static void testTabs() {
        check(3, WordCount.count("a\tb\nc"));
    }

    private static void check(Object expected, Object actual) {
        if (!Objects.deepEquals(expected, actual)) {
            throw new AssertionError("expected " + show(expected) + ", actual " + show(actual));
        }
    }

    private static void checkClose(double expected, double actual) {
        if (!(Math.abs(expected - actual) <= 1e-9 * Math.max(1.0, Math.abs(expected)))) {
            throw new AssertionError("expected " + expected + ", actual " + actual);
        }
    }

    private static void checkThrows(Class<? extends Throwable> type, Runnable call) {
        try {
            call.run();
        } catch (Throwable t) {
            if (type.isInstance(t)) {
                return;
            }
            throw new AssertionError("expected " + type.getSimpleName() + ", actual " + t, t);
        }
        throw new AssertionError("expected " + type.getSimpleName() + ", actual no exception");
    }

    private static List<Object> flat(Map<?, ?> map) {
        List<Object> out = new ArrayList<>();
        map.forEach((k, v) -> {
            out.add(k);
            out.add(v);
        });
        return out;
    }

    private static String show(Object o) {
        String s = Arrays.deepToString(new Object[] {o});
        return s.substring(1, s.length() - 1);
    }
}
