import java.util.*;

public class PackingIntegrationTests {

    public static void testClassic() {
        check(54, Packing.percentOfTotal(new int[] {1, 3, 4}, new int[] {15, 20, 30}, 4));
    }

    public static void testEverything() {
        check(100, Packing.percentOfTotal(new int[] {1, 1}, new int[] {3, 4}, 5));
    }

    public static void testZeroTotal() {
        checkThrows(ArithmeticException.class, () -> Packing.percentOfTotal(new int[] {1}, new int[] {0}, 1));
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
