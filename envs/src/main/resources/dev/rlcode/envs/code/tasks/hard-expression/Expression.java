public class Expression {

    private static String src;
    private static int pos;

    public static long eval(String expr) {
        src = expr;
        pos = 0;
        long v = sum();
        skip();
        if (pos != src.length()) {
            throw new IllegalArgumentException("unexpected '" + src.charAt(pos) + "' at " + pos);
        }
        return v;
    }

    private static long sum() {
        long v = product();
        while (true) {
            skip();
            if (eat('+')) {
                v += product();
            } else if (eat('-')) {
                v -= product();
            } else {
                return v;
            }
        }
    }

    private static long product() {
        long v = unary();
        while (true) {
            skip();
            if (eat('*')) {
                v *= unary();
            } else if (eat('/')) {
                long d = unary();
                if (d == 0) {
                    throw new ArithmeticException("division by zero");
                }
                v /= d;
            } else {
                return v;
            }
        }
    }

    private static long unary() {
        skip();
        if (eat('-')) {
            return -unary();
        }
        if (eat('+')) {
            return unary();
        }
        if (eat('(')) {
            long v = sum();
            skip();
            if (!eat(')')) {
                throw new IllegalArgumentException("missing ')' at " + pos);
            }
            return v;
        }
        int start = pos;
        while (pos < src.length() && Character.isDigit(src.charAt(pos)) && src.charAt(pos) <= '9') {
            pos++;
        }
        if (start == pos) {
            throw new IllegalArgumentException("number expected at " + pos);
        }
        return Long.parseLong(src.substring(start, pos));
    }

    private static void skip() {
        while (pos < src.length() && src.charAt(pos) == ' ') {
            pos++;
        }
    }

    private static boolean eat(char c) {
        if (pos < src.length() && src.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }
}
