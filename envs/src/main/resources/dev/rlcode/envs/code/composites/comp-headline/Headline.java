public class Headline {

    public static String format(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            return "";
        }
        return TitleCase.titleCase(String.join(" ", Dedup.distinct(java.util.Arrays.asList(stripped.split("\\s+")))));
    }
}
