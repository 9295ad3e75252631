public class Average {

    public static double mean(int[] xs) {
        if (xs.length == 0) {
            throw new IllegalArgumentException("empty array");
        }
        long sum = 0;
        for (int x : xs) {
            sum += x;
        }
        return (double) sum / xs.length;
    }
}
