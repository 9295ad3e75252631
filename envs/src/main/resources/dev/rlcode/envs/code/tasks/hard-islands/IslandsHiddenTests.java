import java.util.*;

public class IslandsHiddenTests {

    public static void testEmpty() {
        check(0, Islands.count(new char[0][]));
    }

    public static void testDiagonalNotConnected() {
        check(2, Islands.count(new char[][] {"10".toCharArray(), "01".toCharArray()}));
    }

    public static void testRing() {
        check(2, Islands.count(new char[][] {"111".toCharArray(), "101".toCharArray(), "111".toCharArray(), "000".toCharArray(), "100".toCharArray()}));
    }

    public static void testAllLand() {
        check(1, Islands.count(new char[][] {"11".toCharArray(), "11".toCharArray()}));
    }

    public static void testSnake() {
        int n = 1000;
        char[][] g = new char[n][n];
        for (int r = 0; r < n; r++) {
        for (int c = 0; c < n; c++) {
        g[r][c] = (r % 2 == 0 || (r % 4 == 1 && c == n - 1) || (r % 4 == 3 && c == 0)) ? '1' : '0';
        }
        }
        check(1, Islands.count(g));
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
