import java.util.*;

public class BigFibHiddenTests {

    public static void testZero() {
        check("0", BigFib.fib(0));
    }

    public static void testLongLimit() {
        check("7540113804746346429", BigFib.fib(92));
    }

    public static void testBeyondLong() {
        check("12200160415121876738", BigFib.fib(93));
    }

    public static void testHundred() {
        check("354224848179261915075", BigFib.fib(100));
    }

    public static void testNegative() {
        checkThrows(IllegalArgumentException.class, () -> BigFib.fib(-1));
    }

    public static void testTenThousandDigits() {
        check(2090, BigFib.fib(10000).length());
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
