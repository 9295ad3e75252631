public class Magnitude {

    public static long largestAbs(int[] xs) {
        if (xs.length == 0) {
            throw new IllegalArgumentException("empty array");
        }
        long best = 0;
        for (int x : xs) {
            best = Math.max(best, Math.abs((long) x));
        }
        return best;
    }
}
