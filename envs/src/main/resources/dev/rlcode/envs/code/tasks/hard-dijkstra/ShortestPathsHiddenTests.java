import java.util.*;

public class ShortestPathsHiddenTests {

    public static void testDirected() {
        check(new long[] {-1, 0, 5}, ShortestPaths.distances(3, new int[][] {{1, 2, 5}, {0, 1, 1}}, 1));
    }

    public static void testBigWeights() {
        check(new long[] {0, 2147483647L, 4294967294L}, ShortestPaths.distances(3, new int[][] {{0, 1, Integer.MAX_VALUE}, {1, 2, Integer.MAX_VALUE}}, 0));
    }

    public static void testParallelEdges() {
        check(new long[] {0, 2}, ShortestPaths.distances(2, new int[][] {{0, 1, 9}, {0, 1, 2}, {1, 1, 0}}, 0));
    }

    public static void testZeroWeights() {
        check(new long[] {0, 0, 0}, ShortestPaths.distances(3, new int[][] {{0, 1, 0}, {1, 2, 0}}, 0));
    }

    public static void testLaterCheaper() {
        check(new long[] {0, 5, 6}, ShortestPaths.distances(3, new int[][] {{0, 2, 10}, {0, 1, 5}, {1, 2, 1}}, 0));
    }

    public static void testChain() {
        int n = 50_000;
        int[][] edges = new int[2 * (n - 1)][];
        for (int i = 0; i + 1 < n; i++) {
        edges[2 * i] = new int[] {i, i + 1, 1};
        edges[2 * i + 1] = new int[] {0, i + 1, 2 * (i + 1)};
        }
        long[] d = ShortestPaths.distances(n, edges, 0);
        check((long) (n - 1), d[n - 1]);
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
