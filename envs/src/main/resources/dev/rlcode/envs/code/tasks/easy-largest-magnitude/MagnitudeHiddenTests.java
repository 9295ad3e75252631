import java.util.*;

public class MagnitudeHiddenTests {

    public static void testMinValue() {
        check(2147483648L, Magnitude.largestAbs(new int[] {1, Integer.MIN_VALUE, 5}));
    }

    public static void testMaxValue() {
        check(2147483647L, Magnitude.largestAbs(new int[] {Integer.MAX_VALUE, -3}));
    }

    public static void testZeros() {
        check(0L, Magnitude.largestAbs(new int[] {0, 0}));
    }

    public static void testEmpty() {
        checkThrows(IllegalArgumentException.class, () -> Magnitude.largestAbs(new int[0]));
    }

    public static void testAllNegative() {
        check(9L, Magnitude.largestAbs(new int[] {-1, -9, -4}));
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
