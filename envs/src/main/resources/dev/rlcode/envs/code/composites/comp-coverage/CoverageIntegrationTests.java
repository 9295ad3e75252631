import java.util.*;

public class CoverageIntegrationTests {

    public static void testOverlap() {
        check(7, Coverage.total(new int[][] {{1, 3}, {2, 6}, {8, 10}}));
    }

    public static void testTouching() {
        check(4, Coverage.total(new int[][] {{1, 4}, {4, 5}}));
    }

    public static void testEmpty() {
        check(0, Coverage.total(new int[0][]));
    }

    public static void testTooLong() {
        checkThrows(ArithmeticException.class, () -> Coverage.total(new int[][] {{0, 2_000_000_000}, {2_000_000_001, Integer.MAX_VALUE}, {-2_000_000_000, -1}}));
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
