import java.util.*;

public class BaseConvertHiddenTests {

    public static void testUpperCase() {
        check("255", BaseConvert.convert("FF", 16, 10));
    }

    public static void testNegative() {
        check("-ff", BaseConvert.convert("-255", 10, 16));
    }

    public static void testZero() {
        check("0", BaseConvert.convert("0", 7, 3));
    }

    public static void testLongMin() {
        check("-8000000000000000", BaseConvert.convert("-9223372036854775808", 10, 16));
    }

    public static void testBase36() {
        check("zz", BaseConvert.convert("1295", 10, 36));
    }

    public static void testBadDigit() {
        checkThrows(NumberFormatException.class, () -> BaseConvert.convert("12", 2, 10));
    }

    public static void testBadBase() {
        checkThrows(IllegalArgumentException.class, () -> BaseConvert.convert("1", 10, 37));
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
