public class FieldCount {

    public static int count(String line, char separator) {
        int fields = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == separator) {
                fields++;
            }
        }
        return fields;
    }
}
