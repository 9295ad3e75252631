import java.util.*;

public class DedupHiddenTests {

    public static void testEmpty() {
        check(List.of(), Dedup.distinct(List.of()));
    }

    public static void testWithNull() {
        check(Arrays.asList(1, null, 2), Dedup.distinct(Arrays.asList(1, null, 2, null, 1)));
    }

    public static void testBigIntegers() {
        check(List.of(1000, 2000), Dedup.distinct(List.of(1000, 2000, 1000)));
    }

    public static void testResultIsMutable() {
        List<Integer> out = Dedup.distinct(List.of(1, 1));
        out.add(2);
        check(List.of(1, 2), out);
    }

    public static void testInputUnchanged() {
        List<Integer> in = new ArrayList<>(List.of(2, 2, 3));
        Dedup.distinct(in);
        check(List.of(2, 2, 3), in);
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
