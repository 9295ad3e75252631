import java.util.*;

public class CoinsHiddenTests {

    public static void testZero() {
        check(0, Coins.minCoins(new int[] {3}, 0));
    }

    public static void testGreedyFails() {
        check(2, Coins.minCoins(new int[] {1, 3, 4}, 6));
    }

    public static void testNoCoins() {
        check(-1, Coins.minCoins(new int[0], 5));
    }

    public static void testBigCoin() {
        check(-1, Coins.minCoins(new int[] {10}, 7));
    }

    public static void testUnreachableThenReachable() {
        check(3, Coins.minCoins(new int[] {5, 7}, 19));
    }

    public static void testLarger() {
        check(512, Coins.minCoins(new int[] {7, 500}, 9993));
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
