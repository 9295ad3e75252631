public class DurationFormat {

    public static String format(long seconds) {
        if (seconds == 0) {
            return "0s";
        }
        java.math.BigInteger rest = java.math.BigInteger.valueOf(seconds).abs();
        long[] sizes = {86400, 3600, 60, 1};
        String[] units = {"d", "h", "m", "s"};
        StringBuilder sb = new StringBuilder(seconds < 0 ? "-" : "");
        for (int i = 0; i < sizes.length; i++) {
            java.math.BigInteger[] qr = rest.divideAndRemainder(java.math.BigInteger.valueOf(sizes[i]));
            if (qr[0].signum() != 0) {
                if (sb.length() > 1 || (sb.length() == 1 && sb.charAt(0) != '-')) {
                    sb.append(' ');
                }
                sb.append(qr[0]).append(units[i]);
            }
            rest = qr[1];
        }
        return sb.toString();
    }
}
