public class FlightTime {

    public static String arrival(String departure, String fromZone, int minutes, String toZone) {
        java.time.ZonedDateTime dep = java.time.LocalDateTime.parse(departure).atZone(java.time.ZoneId.of(fromZone));
        java.time.ZonedDateTime arr = dep.plusMinutes(minutes).withZoneSameInstant(java.time.ZoneId.of(toZone));
        return arr.toLocalDateTime().format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
    }
}
