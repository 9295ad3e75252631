public class TitleCase {

    public static String titleCase(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                sb.append(c);
                start = true;
            } else {
                String one = String.valueOf(c);
                sb.append(start ? one.toUpperCase(java.util.Locale.ROOT) : one.toLowerCase(java.util.Locale.ROOT));
                start = false;
            }
        }
        return sb.toString();
    }
}
