import java.util.*;

public class PermutationHiddenTests {

    public static void testDuplicates() {
        check(new int[] {1, 5, 1}, Permutation.next(new int[] {1, 1, 5}));
    }

    public static void testDuplicatesWrap() {
        check(new int[] {1, 1, 5}, Permutation.next(new int[] {5, 1, 1}));
    }

    public static void testMiddle() {
        check(new int[] {1, 3, 1, 2, 4}, Permutation.next(new int[] {1, 2, 4, 3, 1}));
    }

    public static void testEmpty() {
        check(new int[0], Permutation.next(new int[0]));
    }

    public static void testSingle() {
        check(new int[] {7}, Permutation.next(new int[] {7}));
    }

    public static void testAllSame() {
        check(new int[] {2, 2, 2}, Permutation.next(new int[] {2, 2, 2}));
    }

    public static void testNotModified() {
        int[] in = {1, 2};
        Permutation.next(in);
        check(new int[] {1, 2}, in);
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
