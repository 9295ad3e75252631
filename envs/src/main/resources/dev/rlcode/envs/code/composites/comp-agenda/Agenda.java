public class Agenda {

    public static String report(int[][] meetings) {
        return "blocks=" + Intervals.merge(meetings).length + " rooms=" + MeetingRooms.minRooms(meetings);
    }
}
