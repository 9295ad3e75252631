import java.util.*;

public class CsvLineHiddenTests {

    public static void testEscapedQuote() {
        check(List.of("say \"hi\"", "ok"), CsvLine.parse("\"say \"\"hi\"\"\",ok"));
    }

    public static void testTrailingEmpty() {
        check(List.of("a", "", ""), CsvLine.parse("a,,"));
    }

    public static void testEmptyLine() {
        check(List.of(""), CsvLine.parse(""));
    }

    public static void testEmptyQuoted() {
        check(List.of("", "b"), CsvLine.parse("\"\",b"));
    }

    public static void testSpacesKept() {
        check(List.of(" a ", " b"), CsvLine.parse(" a , b"));
    }

    public static void testUnterminated() {
        checkThrows(IllegalArgumentException.class, () -> CsvLine.parse("\"abc,d"));
    }

    public static void testOnlyCommas() {
        check(List.of("", "", ""), CsvLine.parse(",,"));
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
