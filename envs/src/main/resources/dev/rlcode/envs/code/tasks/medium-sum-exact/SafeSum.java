public class SafeSum {

    public static int sumExact(int[] xs) {
        long sum = 0;
        for (int x : xs) {
            sum += x;
        }
        return Math.toIntExact(sum);
    }
}
