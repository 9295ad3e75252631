import java.util.List;

public class TopWords {

    public static List<String> topK(String text, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k < 0: " + k);
        }
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z]+").matcher(text);
        while (m.find()) {
            counts.merge(m.group().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(java.util.Map.Entry.comparingByKey()))
                .limit(k)
                .map(java.util.Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toList());
    }
}
