public class Median {

    public static double median(int[] xs) {
        if (xs.length == 0) {
            throw new IllegalArgumentException("empty array");
        }
        int[] sorted = xs.clone();
        java.util.Arrays.sort(sorted);
        int mid = sorted.length / 2;
        if (sorted.length % 2 == 1) {
            return sorted[mid];
        }
        return ((double) sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
