import java.util.List;

public class CsvLine {

    public static List<String> parse(String line) {
        List<String> fields = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote");
        }
        fields.add(cur.toString());
        return fields;
    }
}
