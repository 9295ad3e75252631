public class DaysBetween {

    public static long days(String from, String to) {
        try {
            return java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.parse(from),
                    java.time.LocalDate.parse(to));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
