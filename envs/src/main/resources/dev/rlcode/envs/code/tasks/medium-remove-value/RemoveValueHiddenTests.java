import java.util.*;

public class RemoveValueHiddenTests {

    public static void testValueLooksLikeIndex() {
        List<Integer> xs = new ArrayList<>(List.of(10, 0, 20, 0));
        check(2, RemoveValue.removeAll(xs, 0));
        check(List.of(10, 20), xs);
    }

    public static void testIndexOutOfRangeValue() {
        List<Integer> xs = new ArrayList<>(List.of(7, 7, 7));
        check(3, RemoveValue.removeAll(xs, 7));
        check(List.of(), xs);
    }

    public static void testBigValues() {
        List<Integer> xs = new ArrayList<>(List.of(1000, 1, 1000));
        check(2, RemoveValue.removeAll(xs, 1000));
        check(List.of(1), xs);
    }

    public static void testLinkedList() {
        List<Integer> xs = new LinkedList<>(List.of(3, 1, 3));
        check(2, RemoveValue.removeAll(xs, 3));
        check(List.of(1), xs);
    }

    public static void testEmpty() {
        List<Integer> xs = new ArrayList<>();
        check(0, RemoveValue.removeAll(xs, 1));
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
