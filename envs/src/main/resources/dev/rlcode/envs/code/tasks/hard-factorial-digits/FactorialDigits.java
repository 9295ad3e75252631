public class FactorialDigits {

    public static int digitSum(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n < 0: " + n);
        }
        java.math.BigInteger f = java.math.BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            f = f.multiply(java.math.BigInteger.valueOf(i));
        }
        int sum = 0;
        for (char c : f.toString().toCharArray()) {
            sum += c - '0';
        }
        return sum;
    }
}
