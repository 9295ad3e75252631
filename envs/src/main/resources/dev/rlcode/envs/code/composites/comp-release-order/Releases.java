import java.util.List;

public class Releases {

    public static List<String> sorted(List<String> versions) {
        List<String> out = new java.util.ArrayList<>(Dedup.distinct(versions));
        out.sort(Versions::compare);
        return out;
    }
}
