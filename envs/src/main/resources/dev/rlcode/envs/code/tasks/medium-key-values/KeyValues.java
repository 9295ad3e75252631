import java.util.Map;

public class KeyValues {

    public static Map<String, String> parse(String s) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String segment : s.split(";")) {
            if (segment.isBlank()) {
                continue;
            }
            String[] kv = segment.split("=", 2);
            if (kv.length < 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("bad segment: " + segment);
            }
            out.put(kv[0].strip(), kv[1].strip());
        }
        return out;
    }
}
