import java.util.*;

public class DaysBetweenHiddenTests {

    public static void testAcrossMonths() {
        check(59L, DaysBetween.days("2023-01-01", "2023-03-01"));
    }

    public static void testAcrossYears() {
        check(366L, DaysBetween.days("2024-01-01", "2025-01-01"));
    }

    public static void testCenturyNotLeap() {
        check(365L, DaysBetween.days("1900-01-01", "1901-01-01"));
    }

    public static void testLongSpan() {
        check(36524L, DaysBetween.days("1900-01-01", "2000-01-01"));
    }

    public static void testSame() {
        check(0L, DaysBetween.days("2020-02-29", "2020-02-29"));
    }

    public static void testImpossibleDate() {
        checkThrows(IllegalArgumentException.class, () -> DaysBetween.days("2023-02-29", "2023-03-01"));
    }

    public static void testBadFormat() {
        checkThrows(IllegalArgumentException.class, () -> DaysBetween.days("2023/01/01", "2023-03-01"));
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
