import java.util.*;

public class SafeSumHiddenTests {

    public static void testEmpty() {
        check(0, SafeSum.sumExact(new int[0]));
    }

    public static void testComesBack() {
        check(Integer.MAX_VALUE, SafeSum.sumExact(new int[] {Integer.MAX_VALUE, 1, -1}));
    }

    public static void testUnderflow() {
        checkThrows(ArithmeticException.class, () -> SafeSum.sumExact(new int[] {Integer.MIN_VALUE, -1}));
    }

    public static void testMinValue() {
        check(Integer.MIN_VALUE, SafeSum.sumExact(new int[] {Integer.MIN_VALUE, 5, -5}));
    }

    public static void testManyMax() {
        checkThrows(ArithmeticException.class, () -> SafeSum.sumExact(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}));
    }

    public static void testCancel() {
        check(0, SafeSum.sumExact(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, -Integer.MAX_VALUE, -Integer.MAX_VALUE}));
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
