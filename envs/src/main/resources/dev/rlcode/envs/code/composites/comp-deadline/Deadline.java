public class Deadline {

    public static long calendarDays(String start, int businessDays) {
        return DaysBetween.days(start, BusinessDays.add(start, businessDays));
    }
}
