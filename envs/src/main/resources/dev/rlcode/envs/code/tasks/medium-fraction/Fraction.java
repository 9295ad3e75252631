public class Fraction {

    public static String simplify(int numerator, int denominator) {
        if (denominator == 0) {
            throw new ArithmeticException("denominator is 0");
        }
        long n = numerator;
        long d = denominator;
        if (d < 0) {
            n = -n;
            d = -d;
        }
        long g = gcd(Math.abs(n), d);
        return (n / g) + "/" + (d / g);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
