import java.util.*;

public class MeetingRoomsHiddenTests {

    public static void testEmpty() {
        check(0, MeetingRooms.minRooms(new int[0][]));
    }

    public static void testBackToBack() {
        check(1, MeetingRooms.minRooms(new int[][] {{1, 5}, {5, 10}, {10, 15}}));
    }

    public static void testSameStart() {
        check(3, MeetingRooms.minRooms(new int[][] {{1, 2}, {1, 3}, {1, 4}}));
    }

    public static void testExtremes() {
        check(2, MeetingRooms.minRooms(new int[][] {{Integer.MIN_VALUE, Integer.MAX_VALUE}, {0, 1}, {1, 2}}));
    }

    public static void testNested() {
        check(3, MeetingRooms.minRooms(new int[][] {{1, 10}, {2, 9}, {3, 8}, {9, 10}}));
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
