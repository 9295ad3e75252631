import java.util.*;

public class WordBreakHiddenTests {

    public static void testEmptyString() {
        check(true, WordBreak.canBreak("", List.of("a")));
    }

    public static void testReuse() {
        check(true, WordBreak.canBreak("applepenapple", List.of("apple", "pen")));
    }

    public static void testNoWords() {
        check(false, WordBreak.canBreak("a", List.of()));
    }

    public static void testExponentialTrap() {
        check(false, WordBreak.canBreak("a".repeat(1000) + "b", List.of("a", "aa", "aaa", "aaaa")));
    }

    public static void testNeedsBacktrack() {
        check(true, WordBreak.canBreak("aaab", List.of("aa", "a", "ab")));
    }

    public static void testEmptyWord() {
        check(false, WordBreak.canBreak("x", List.of("")));
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
