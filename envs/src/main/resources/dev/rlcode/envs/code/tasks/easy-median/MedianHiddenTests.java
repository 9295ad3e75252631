import java.util.*;

public class MedianHiddenTests {

    public static void testEmpty() {
        checkThrows(IllegalArgumentException.class, () -> Median.median(new int[0]));
    }

    public static void testEvenOddSum() {
        checkClose(-0.5, Median.median(new int[] {-1, 0}));
    }

    public static void testOverflow() {
        checkClose(2147483646.5, Median.median(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 1}));
    }

    public static void testNegativeOverflow() {
        checkClose(-2147483648.0, Median.median(new int[] {Integer.MIN_VALUE, Integer.MIN_VALUE}));
    }

    public static void testDuplicates() {
        checkClose(5.0, Median.median(new int[] {5, 5, 1, 9, 5}));
    }

    public static void testNotModified() {
        int[] in = {3, 1, 2};
        Median.median(in);
        check(new int[] {3, 1, 2}, in);
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
