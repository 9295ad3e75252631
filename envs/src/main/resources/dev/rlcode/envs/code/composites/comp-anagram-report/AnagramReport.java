import java.util.List;

public class AnagramReport {

    public static List<String> largestGroup(List<String> words) {
        List<String> best = List.of();
        for (List<String> g : AnagramGroups.group(Dedup.distinct(words))) {
            if (g.size() > best.size()) {
                best = g;
            }
        }
        return best;
    }
}
