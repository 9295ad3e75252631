public class Ellipsize {

    public static String ellipsize(String s, int max) {
        if (max < 3) {
            throw new IllegalArgumentException("max < 3: " + max);
        }
        int points = s.codePointCount(0, s.length());
        if (points <= max) {
            return s;
        }
        int end = s.offsetByCodePoints(0, max - 3);
        return s.substring(0, end) + "...";
    }
}
