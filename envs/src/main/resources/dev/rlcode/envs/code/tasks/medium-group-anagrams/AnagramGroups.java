import java.util.List;

public class AnagramGroups {

    public static List<List<String>> group(List<String> words) {
        java.util.Map<String, List<String>> groups = new java.util.LinkedHashMap<>();
        for (String w : words) {
            char[] key = w.toCharArray();
            java.util.Arrays.sort(key);
            groups.computeIfAbsent(new String(key), k -> new java.util.ArrayList<>()).add(w);
        }
        return new java.util.ArrayList<>(groups.values());
    }
}
