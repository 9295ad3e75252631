import java.util.*;

public class HistogramHiddenTests {

    public static void testEmpty() {
        check(0L, Histogram.largestRectangle(new int[0]));
    }

    public static void testZeros() {
        check(0L, Histogram.largestRectangle(new int[] {0, 0}));
    }

    public static void testOverflow() {
        check(4294967294L, Histogram.largestRectangle(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE}));
    }

    public static void testEqual() {
        check(15L, Histogram.largestRectangle(new int[] {3, 3, 3, 3, 3}));
    }

    public static void testValley() {
        check(7L, Histogram.largestRectangle(new int[] {6, 1, 1, 1, 1, 1, 6}));
    }

    public static void testLarge() {
        int[] h = new int[200_000];
        Arrays.fill(h, 50_000);
        check(10_000_000_000L, Histogram.largestRectangle(h));
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
