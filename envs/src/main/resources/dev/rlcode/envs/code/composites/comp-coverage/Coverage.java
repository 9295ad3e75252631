public class Coverage {

    public static int total(int[][] intervals) {
        int[][] merged = Intervals.merge(intervals);
        int[] lengths = new int[merged.length];
        for (int i = 0; i < merged.length; i++) {
            lengths[i] = Math.subtractExact(merged[i][1], merged[i][0]);
        }
        return SafeSum.sumExact(lengths);
    }
}
