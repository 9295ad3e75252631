public class DigitSum {

    public static int sum(int n) {
        long v = Math.abs((long) n);
        int total = 0;
        while (v > 0) {
            total += (int) (v % 10);
            v /= 10;
        }
        return total;
    }
}
