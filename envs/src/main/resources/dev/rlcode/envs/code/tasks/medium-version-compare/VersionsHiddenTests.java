import java.util.*;

public class VersionsHiddenTests {

    public static void testGreater() {
        check(true, Versions.compare("1.10", "1.9") > 0);
    }

    public static void testLeadingZeros() {
        check(0, Versions.compare("1.01", "1.001"));
    }

    public static void testLonger() {
        check(true, Versions.compare("1.0.0.1", "1") > 0);
    }

    public static void testHugeComponent() {
        check(true, Versions.compare("1.99999999999999999999", "1.99999999999999999998") > 0);
    }

    public static void testEqual() {
        check(0, Versions.compare("3.4.5", "3.4.5"));
    }

    public static void testShorterLess() {
        check(true, Versions.compare("0.9", "0.9.1") < 0);
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
