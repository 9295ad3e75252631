public class Stats {

    public static String describe(int[] xs) {
        String sum;
        try {
            sum = String.valueOf(SafeSum.sumExact(xs));
        } catch (ArithmeticException e) {
            sum = "overflow";
        }
        return "sum=" + sum + " mean=" + String.format(java.util.Locale.ROOT, "%.2f", Average.mean(xs))
                + " maxAbs=" + Magnitude.largestAbs(xs);
    }
}
