import java.util.*;

public class KeyValuesHiddenTests {

    public static void testEmptySegments() {
        check(List.of("a", "1", "b", "2"), flat(KeyValues.parse(";a=1;;b=2;")));
    }

    public static void testOverrideKeepsPosition() {
        check(List.of("b", "3", "a", "2"), flat(KeyValues.parse("b=1;a=2;b=3")));
    }

    public static void testEmptyValue() {
        check(List.of("k", ""), flat(KeyValues.parse("k=")));
    }

    public static void testMissingEquals() {
        checkThrows(IllegalArgumentException.class, () -> KeyValues.parse("a=1;oops"));
    }

    public static void testEmptyKey() {
        checkThrows(IllegalArgumentException.class, () -> KeyValues.parse(" =1"));
    }

    public static void testEmpty() {
        check(List.of(), flat(KeyValues.parse("")));
    }

    public static void testTrailingEquals() {
        check(List.of("x", "a=="), flat(KeyValues.parse("x = a== ")));
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
