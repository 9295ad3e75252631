import java.util.*;

public class ExpressionHiddenTests {

    public static void testTruncation() {
        check(-2L, Expression.eval("-7 / 3"));
    }

    public static void testLeftAssociative() {
        check(2L, Expression.eval("20 / 5 / 2"));
    }

    public static void testSubtractionLeft() {
        check(-4L, Expression.eval("1 - 2 - 3"));
    }

    public static void testUnaryNested() {
        check(3L, Expression.eval("--3"));
    }

    public static void testUnaryParen() {
        check(-6L, Expression.eval("-(2 + 4)"));
    }

    public static void testBigNumbers() {
        check(9000000000L, Expression.eval("3000000000 * 3"));
    }

    public static void testDivisionByZero() {
        checkThrows(ArithmeticException.class, () -> Expression.eval("1 / (2 - 2)"));
    }

    public static void testMalformed() {
        checkThrows(IllegalArgumentException.class, () -> Expression.eval("1 +"));
    }

    public static void testUnbalanced() {
        checkThrows(IllegalArgumentException.class, () -> Expression.eval("(1 + 2"));
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
