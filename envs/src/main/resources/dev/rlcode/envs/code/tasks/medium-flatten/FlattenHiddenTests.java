import java.util.*;

public class FlattenHiddenTests {

    public static void testDeep() {
        check(List.of(1, 2, 3, 4), Flatten.flatten(List.of(List.of(List.of(1, List.of(2)), 3), 4)));
    }

    public static void testEmpty() {
        check(List.of(), Flatten.flatten(List.of()));
    }

    public static void testNullElement() {
        checkThrows(IllegalArgumentException.class, () -> Flatten.flatten(Arrays.asList(1, null)));
    }

    public static void testWrongType() {
        checkThrows(IllegalArgumentException.class, () -> Flatten.flatten(List.of(1, "2")));
    }

    public static void testVeryDeep() {
        List<Object> list = new ArrayList<>(List.of(7));
        for (int i = 0; i < 100_000; i++) {
        list = new ArrayList<>(List.of(list));
        }
        check(List.of(7), Flatten.flatten(list));
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
