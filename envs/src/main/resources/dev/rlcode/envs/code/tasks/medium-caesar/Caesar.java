public class Caesar {

    public static String shift(String s, int k) {
        int by = Math.floorMod(k, 26);
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                sb.append((char) ('a' + (c - 'a' + by) % 26));
            } else if (c >= 'A' && c <= 'Z') {
                sb.append((char) ('A' + (c - 'A' + by) % 26));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
