import java.util.*;

public class CaesarHiddenTests {

    public static void testNegative() {
        check("zab", Caesar.shift("abc", -1));
    }

    public static void testLarge() {
        check("bcd", Caesar.shift("abc", 53));
    }

    public static void testLargeNegative() {
        check("xyz", Caesar.shift("abc", -29));
    }

    public static void testMinValue() {
        check("cde", Caesar.shift("abc", Integer.MIN_VALUE));
    }

    public static void testPunctuation() {
        check("Ifmmp, Xpsme!", Caesar.shift("Hello, World!", 1));
    }

    public static void testNonAsciiUnchanged() {
        check("é", Caesar.shift("é", 3));
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
