import java.util.*;

public class RotateHiddenTests {

    public static void testNegative() {
        check(new int[] {2, 3, 4, 5, 1}, Rotate.rotateRight(new int[] {1, 2, 3, 4, 5}, -1));
    }

    public static void testLargerThanLength() {
        check(new int[] {3, 1, 2}, Rotate.rotateRight(new int[] {1, 2, 3}, 7));
    }

    public static void testLargeNegative() {
        check(new int[] {2, 3, 1}, Rotate.rotateRight(new int[] {1, 2, 3}, -7));
    }

    public static void testEmpty() {
        check(new int[0], Rotate.rotateRight(new int[0], 3));
    }

    public static void testMinValueK() {
        check(new int[] {3, 1, 2}, Rotate.rotateRight(new int[] {1, 2, 3}, Integer.MIN_VALUE));
    }

    public static void testInputUnchanged() {
        int[] in = {1, 2, 3};
        Rotate.rotateRight(in, 1);
        check(new int[] {1, 2, 3}, in);
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
