import java.util.*;

public class EditDistanceHiddenTests {

    public static void testBothEmpty() {
        check(0, EditDistance.distance("", ""));
    }

    public static void testOneEmpty() {
        check(4, EditDistance.distance("", "abcd"));
    }

    public static void testOtherEmpty() {
        check(3, EditDistance.distance("abc", ""));
    }

    public static void testSame() {
        check(0, EditDistance.distance("same", "same"));
    }

    public static void testCaseMatters() {
        check(1, EditDistance.distance("a", "A"));
    }

    public static void testLong() {
        check(3000, EditDistance.distance("a".repeat(3000), "b".repeat(3000)));
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
