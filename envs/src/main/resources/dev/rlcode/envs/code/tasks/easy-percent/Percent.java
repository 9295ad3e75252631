public class Percent {

    public static int of(int part, int whole) {
        if (whole == 0) {
            throw new ArithmeticException("whole is 0");
        }
        java.math.BigDecimal pct = java.math.BigDecimal.valueOf(part).multiply(java.math.BigDecimal.valueOf(100))
                .divide(java.math.BigDecimal.valueOf(whole), 0, java.math.RoundingMode.HALF_UP);
        return pct.intValueExact();
    }
}
