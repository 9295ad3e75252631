import java.util.*;

public class SlidingMaxHiddenTests {

    public static void testKTooBig() {
        check(new int[0], SlidingMax.maxes(new int[] {1, 2}, 3));
    }

    public static void testKZero() {
        checkThrows(IllegalArgumentException.class, () -> SlidingMax.maxes(new int[] {1}, 0));
    }

    public static void testWholeArray() {
        check(new int[] {9}, SlidingMax.maxes(new int[] {2, 9, 4}, 3));
    }

    public static void testMinValues() {
        check(new int[] {Integer.MIN_VALUE, Integer.MIN_VALUE}, SlidingMax.maxes(new int[] {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE}, 2));
    }

    public static void testDescending() {
        check(new int[] {5, 4, 3}, SlidingMax.maxes(new int[] {5, 4, 3, 2}, 2));
    }

    public static void testLarge() {
        int n = 1_000_000;
        int[] xs = new int[n];
        for (int i = 0; i < n; i++) {
        xs[i] = i % 1000;
        }
        int[] out = SlidingMax.maxes(xs, 500_000);
        check(n - 500_000 + 1, out.length);
        check(999, out[0]);
        check(999, out[out.length - 1]);
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
