import java.util.*;

public class TopoOrderHiddenTests {

    public static void testNoDeps() {
        check(new int[] {0, 1, 2, 3}, TopoOrder.order(4, new int[0][]));
    }

    public static void testDuplicates() {
        check(new int[] {1, 0}, TopoOrder.order(2, new int[][] {{1, 0}, {1, 0}}));
    }

    public static void testLexicographic() {
        check(new int[] {3, 1, 2, 0, 4}, TopoOrder.order(5, new int[][] {{3, 1}, {1, 0}, {2, 0}, {3, 2}}));
    }

    public static void testSelfLoop() {
        check(new int[0], TopoOrder.order(3, new int[][] {{1, 1}}));
    }

    public static void testLongerCycle() {
        check(new int[0], TopoOrder.order(4, new int[][] {{0, 1}, {1, 2}, {2, 3}, {3, 1}}));
    }

    public static void testZero() {
        check(new int[0], TopoOrder.order(0, new int[0][]));
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
