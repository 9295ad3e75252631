import java.util.*;

public class LisHiddenTests {

    public static void testEmpty() {
        check(0, Lis.length(new int[0]));
    }

    public static void testDuplicatesNotIncreasing() {
        check(1, Lis.length(new int[] {7, 7, 7, 7}));
    }

    public static void testDuplicatesMixed() {
        check(3, Lis.length(new int[] {1, 2, 2, 2, 3}));
    }

    public static void testManyDuplicates() {
        check(4, Lis.length(new int[] {2, 2, 1, 1, 3, 3, 2, 2, 4, 4, 5, 5}));
    }

    public static void testExtremes() {
        check(3, Lis.length(new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}));
    }

    public static void testLarge() {
        int[] xs = new int[200_000];
        for (int i = 0; i < xs.length; i++) {
        xs[i] = (i % 2 == 0) ? i : -i;
        }
        check(100_000, Lis.length(xs));
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
