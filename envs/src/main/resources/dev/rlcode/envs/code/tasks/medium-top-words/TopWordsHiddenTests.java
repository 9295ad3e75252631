import java.util.*;

public class TopWordsHiddenTests {

    public static void testCaseInsensitive() {
        check(List.of("go", "stop"), TopWords.topK("Go GO go! stop, STOP", 2));
    }

    public static void testFewerWords() {
        check(List.of("x", "y"), TopWords.topK("y x", 5));
    }

    public static void testZero() {
        check(List.of(), TopWords.topK("a b c", 0));
    }

    public static void testEmpty() {
        check(List.of(), TopWords.topK("", 3));
    }

    public static void testNegative() {
        checkThrows(IllegalArgumentException.class, () -> TopWords.topK("a", -1));
    }

    public static void testDigitsSplitWords() {
        check(List.of("ab", "cd"), TopWords.topK("ab1cd ab", 2));
    }

    public static void testTieBreakManyCounts() {
        check(List.of("z", "a", "b"), TopWords.topK("z z z b a", 3));
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
