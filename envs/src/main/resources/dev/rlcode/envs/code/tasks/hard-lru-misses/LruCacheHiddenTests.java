import java.util.*;

public class LruCacheHiddenTests {

    public static void testZeroCapacity() {
        check(3, LruCache.misses(0, new int[] {1, 1, 1}));
    }

    public static void testNegative() {
        checkThrows(IllegalArgumentException.class, () -> LruCache.misses(-1, new int[] {1}));
    }

    public static void testHitRefreshes() {
        check(3, LruCache.misses(2, new int[] {1, 2, 1, 3, 1}));
    }

    public static void testFifoWouldDiffer() {
        check(4, LruCache.misses(2, new int[] {1, 2, 1, 3, 1, 2}));
    }

    public static void testEmpty() {
        check(0, LruCache.misses(3, new int[0]));
    }

    public static void testLarge() {
        int[] req = new int[100_000];
        for (int i = 0; i < req.length; i++) {
        req[i] = i % 1000;
        }
        check(1000, LruCache.misses(1000, req));
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
