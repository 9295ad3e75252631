public class ModPow {

    public static long modPow(long base, long exponent, long modulus) {
        if (exponent < 0 || modulus < 1) {
            throw new IllegalArgumentException("exponent < 0 or modulus < 1");
        }
        return java.math.BigInteger.valueOf(base).modPow(java.math.BigInteger.valueOf(exponent),
                java.math.BigInteger.valueOf(modulus)).longValueExact();
    }
}
