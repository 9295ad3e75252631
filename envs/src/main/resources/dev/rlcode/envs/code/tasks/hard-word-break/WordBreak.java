import java.util.List;

public class WordBreak {

    public static boolean canBreak(String s, List<String> words) {
        boolean[] ok = new boolean[s.length() + 1];
        ok[0] = true;
        for (int end = 1; end <= s.length(); end++) {
            for (String w : words) {
                int start = end - w.length();
                if (start >= 0 && ok[start] && s.startsWith(w, start)) {
                    ok[end] = true;
                    break;
                }
            }
        }
        return ok[s.length()];
    }
}
