import java.util.*;

public class SecondLargestHiddenTests {

    public static void testEmpty() {
        check(null, SecondLargest.find(new int[0]));
    }

    public static void testMinValueIsSecond() {
        check(Integer.MIN_VALUE, SecondLargest.find(new int[] {Integer.MIN_VALUE, 3}));
    }

    public static void testDuplicateMax() {
        check(2, SecondLargest.find(new int[] {9, 9, 2, 9}));
    }

    public static void testNegatives() {
        check(-3, SecondLargest.find(new int[] {-5, -3, -1}));
    }

    public static void testDescending() {
        check(8, SecondLargest.find(new int[] {10, 8, 6}));
    }

    public static void testMinValueOnly() {
        check(null, SecondLargest.find(new int[] {Integer.MIN_VALUE, Integer.MIN_VALUE}));
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
