import java.util.*;

public class ModeHiddenTests {

    public static void testEmpty() {
        checkThrows(IllegalArgumentException.class, () -> Mode.mode(new int[0]));
    }

    public static void testNegativeTie() {
        check(-3, Mode.mode(new int[] {-3, 7, 7, -3}));
    }

    public static void testManyCountsTie() {
        int[] xs = new int[600];
        for (int i = 0; i < 300; i++) {
        xs[i] = 1000;
        xs[300 + i] = 999;
        }
        check(999, Mode.mode(xs));
    }

    public static void testManyCountsWinner() {
        int[] xs = new int[501];
        for (int i = 0; i < 250; i++) {
        xs[i] = 5000;
        xs[250 + i] = 6000;
        }
        xs[500] = 6000;
        check(6000, Mode.mode(xs));
    }

    public static void testMinValue() {
        check(Integer.MIN_VALUE, Mode.mode(new int[] {Integer.MIN_VALUE, 0}));
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
