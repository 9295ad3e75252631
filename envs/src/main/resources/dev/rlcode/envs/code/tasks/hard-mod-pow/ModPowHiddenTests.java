import java.util.*;

public class ModPowHiddenTests {

    public static void testModOne() {
        check(0L, ModPow.modPow(5, 0, 1));
    }

    public static void testNegativeBase() {
        check(5L, ModPow.modPow(-2, 3, 13));
    }

    public static void testBigModulus() {
        check(java.math.BigInteger.valueOf(3).modPow(java.math.BigInteger.valueOf(1_000_000_007L), java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue(), ModPow.modPow(3, 1_000_000_007L, Long.MAX_VALUE));
    }

    public static void testSquareOverflow() {
        check(4L, ModPow.modPow(Long.MAX_VALUE - 2, 2, Long.MAX_VALUE));
    }

    public static void testNegativeExponent() {
        checkThrows(IllegalArgumentException.class, () -> ModPow.modPow(2, -1, 5));
    }

    public static void testZeroModulus() {
        checkThrows(IllegalArgumentException.class, () -> ModPow.modPow(2, 1, 0));
    }

    public static void testHugeExponent() {
        check(1L, ModPow.modPow(2, Long.MAX_VALUE - 1, 3));
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
