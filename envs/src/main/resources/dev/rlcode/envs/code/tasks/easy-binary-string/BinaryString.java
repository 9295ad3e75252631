public class BinaryString {

    public static String toBinary(int n) {
        long v = n;
        if (v < 0) {
            return "-" + Long.toBinaryString(-v);
        }
        return Long.toBinaryString(v);
    }
}
