import java.util.*;

public class KnapsackHiddenTests {

    public static void testOnceOnly() {
        check(10L, Knapsack.maxValue(new int[] {1}, new int[] {10}, 5));
    }

    public static void testZeroCapacity() {
        check(7L, Knapsack.maxValue(new int[] {0, 1}, new int[] {7, 9}, 0));
    }

    public static void testEmpty() {
        check(0L, Knapsack.maxValue(new int[0], new int[0], 10));
    }

    public static void testMismatch() {
        checkThrows(IllegalArgumentException.class, () -> Knapsack.maxValue(new int[] {1}, new int[0], 1));
    }

    public static void testBigValues() {
        check(4294967294L, Knapsack.maxValue(new int[] {1, 1}, new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE}, 2));
    }

    public static void testNotGreedy() {
        check(90L, Knapsack.maxValue(new int[] {5, 4, 6, 3}, new int[] {10, 40, 30, 50}, 10));
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
