import java.util.*;

public class FractionHiddenTests {

    public static void testZero() {
        check("0/1", Fraction.simplify(0, -5));
    }

    public static void testBothNegative() {
        check("2/3", Fraction.simplify(-4, -6));
    }

    public static void testDivByZero() {
        checkThrows(ArithmeticException.class, () -> Fraction.simplify(1, 0));
    }

    public static void testMinValueOverMinusTwo() {
        check("1073741824/1", Fraction.simplify(Integer.MIN_VALUE, -2));
    }

    public static void testMinValueDen() {
        check("-1/2147483648", Fraction.simplify(1, Integer.MIN_VALUE));
    }

    public static void testWhole() {
        check("5/1", Fraction.simplify(10, 2));
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
