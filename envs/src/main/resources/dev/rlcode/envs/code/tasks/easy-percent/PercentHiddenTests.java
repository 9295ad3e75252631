import java.util.*;

public class PercentHiddenTests {

    public static void testZeroWhole() {
        checkThrows(ArithmeticException.class, () -> Percent.of(1, 0));
    }

    public static void testNegativeHalf() {
        check(-3, Percent.of(-1, 40));
    }

    public static void testPositiveHalf() {
        check(3, Percent.of(1, 40));
    }

    public static void testOverflowProduct() {
        check(100, Percent.of(Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    public static void testBigRatio() {
        check(200, Percent.of(2000000000, 1000000000));
    }

    public static void testNegativeWhole() {
        check(-50, Percent.of(1, -2));
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
