public class Intervals {

    public static int[][] merge(int[][] intervals) {
        int[][] sorted = new int[intervals.length][];
        for (int i = 0; i < intervals.length; i++) {
            sorted[i] = intervals[i].clone();
        }
        java.util.Arrays.sort(sorted, java.util.Comparator.comparingInt(a -> a[0]));
        java.util.List<int[]> out = new java.util.ArrayList<>();
        for (int[] iv : sorted) {
            if (!out.isEmpty() && iv[0] <= out.getLast()[1]) {
                out.getLast()[1] = Math.max(out.getLast()[1], iv[1]);
            } else {
                out.add(iv);
            }
        }
        return out.toArray(new int[0][]);
    }
}
