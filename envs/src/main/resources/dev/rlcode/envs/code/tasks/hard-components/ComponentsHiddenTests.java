import java.util.*;

public class ComponentsHiddenTests {

    public static void testZero() {
        check(0, Components.count(0, new int[0][]));
    }

    public static void testSelfLoop() {
        check(2, Components.count(2, new int[][] {{0, 0}, {1, 1}}));
    }

    public static void testDuplicates() {
        check(1, Components.count(2, new int[][] {{0, 1}, {1, 0}, {0, 1}}));
    }

    public static void testCycle() {
        check(1, Components.count(3, new int[][] {{0, 1}, {1, 2}, {2, 0}}));
    }

    public static void testLongPath() {
        int n = 1_000_000;
        int[][] edges = new int[n - 1][];
        for (int i = 0; i + 1 < n; i++) {
        edges[i] = new int[] {i, i + 1};
        }
        check(1, Components.count(n, edges));
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
