public class BusinessDays {

    public static String add(String date, int days) {
        java.time.LocalDate d = java.time.LocalDate.parse(date);
        int step = days >= 0 ? 1 : -1;
        int left = Math.abs(days);
        while (left > 0) {
            d = d.plusDays(step);
            java.time.DayOfWeek w = d.getDayOfWeek();
            if (w != java.time.DayOfWeek.SATURDAY && w != java.time.DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return d.toString();
    }
}
