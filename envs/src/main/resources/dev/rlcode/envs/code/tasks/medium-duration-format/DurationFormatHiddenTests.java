import java.util.*;

public class DurationFormatHiddenTests {

    public static void testNegative() {
        check("-1m 5s", DurationFormat.format(-65));
    }

    public static void testGaps() {
        check("2h 5s", DurationFormat.format(7205));
    }

    public static void testDays() {
        check("1d", DurationFormat.format(86400));
    }

    public static void testAllUnits() {
        check("1d 2h 3m 4s", DurationFormat.format(93784));
    }

    public static void testLongMin() {
        check("-106751991167300d 15h 30m 8s", DurationFormat.format(Long.MIN_VALUE));
    }

    public static void testLongMax() {
        check("106751991167300d 15h 30m 7s", DurationFormat.format(Long.MAX_VALUE));
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
