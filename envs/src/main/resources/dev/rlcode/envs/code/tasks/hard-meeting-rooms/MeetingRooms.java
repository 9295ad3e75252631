public class MeetingRooms {

    public static int minRooms(int[][] meetings) {
        int n = meetings.length;
        int[] starts = new int[n];
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = meetings[i][0];
            ends[i] = meetings[i][1];
        }
        java.util.Arrays.sort(starts);
        java.util.Arrays.sort(ends);
        int rooms = 0;
        int best = 0;
        int j = 0;
        for (int i = 0; i < n; i++) {
            while (ends[j] <= starts[i]) {
                j++;
                rooms--;
            }
            rooms++;
            best = Math.max(best, rooms);
        }
        return best;
    }
}
