public class BigFib {

    public static String fib(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n < 0: " + n);
        }
        java.math.BigInteger a = java.math.BigInteger.ZERO;
        java.math.BigInteger b = java.math.BigInteger.ONE;
        for (int i = 0; i < n; i++) {
            java.math.BigInteger t = a.add(b);
            a = b;
            b = t;
        }
        return a.toString();
    }
}
