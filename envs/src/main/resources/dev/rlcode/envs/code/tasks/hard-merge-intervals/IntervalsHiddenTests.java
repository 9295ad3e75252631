import java.util.*;

public class IntervalsHiddenTests {

    public static void testEmpty() {
        check(new int[0][], Intervals.merge(new int[0][]));
    }

    public static void testUnsorted() {
        check(new int[][] {{0, 4}, {7, 9}}, Intervals.merge(new int[][] {{7, 9}, {3, 4}, {0, 2}, {1, 3}}));
    }

    public static void testContained() {
        check(new int[][] {{1, 10}}, Intervals.merge(new int[][] {{1, 10}, {2, 3}, {4, 5}}));
    }

    public static void testExtremeValues() {
        check(new int[][] {{Integer.MIN_VALUE, -5}, {Integer.MAX_VALUE - 1, Integer.MAX_VALUE}}, Intervals.merge(new int[][] {{Integer.MAX_VALUE - 1, Integer.MAX_VALUE}, {Integer.MIN_VALUE, -5}}));
    }

    public static void testGapOfOne() {
        check(new int[][] {{1, 2}, {3, 4}}, Intervals.merge(new int[][] {{3, 4}, {1, 2}}));
    }

    public static void testNotModified() {
        int[][] in = {{5, 6}, {1, 5}};
        Intervals.merge(in);
        check(new int[][] {{5, 6}, {1, 5}}, in);
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
