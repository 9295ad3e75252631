import java.util.*;

public class IntParseHiddenTests {

    public static void testNullInput() {
        check(7, IntParse.parseOrDefault(null, 7));
    }

    public static void testWhitespace() {
        check(15, IntParse.parseOrDefault("  15\n", 0));
    }

    public static void testPlusSign() {
        check(8, IntParse.parseOrDefault("+8", 0));
    }

    public static void testOverflow() {
        check(-1, IntParse.parseOrDefault("2147483648", -1));
    }

    public static void testMinValue() {
        check(Integer.MIN_VALUE, IntParse.parseOrDefault("-2147483648", 0));
    }

    public static void testEmpty() {
        check(3, IntParse.parseOrDefault("", 3));
    }

    public static void testInnerSpace() {
        check(3, IntParse.parseOrDefault("1 2", 3));
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
