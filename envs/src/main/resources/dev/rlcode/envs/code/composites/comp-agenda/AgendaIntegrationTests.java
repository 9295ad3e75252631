import java.util.*;

public class AgendaIntegrationTests {

    public static void testClassic() {
        check("blocks=1 rooms=2", Agenda.report(new int[][] {{0, 30}, {5, 10}, {15, 20}}));
    }

    public static void testBackToBack() {
        check("blocks=1 rooms=1", Agenda.report(new int[][] {{1, 5}, {5, 9}}));
    }

    public static void testApart() {
        check("blocks=2 rooms=1", Agenda.report(new int[][] {{8, 9}, {1, 2}}));
    }

    public static void testNone() {
        check("blocks=0 rooms=0", Agenda.report(new int[0][]));
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
