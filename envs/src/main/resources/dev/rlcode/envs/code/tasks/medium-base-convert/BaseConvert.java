public class BaseConvert {

    public static String convert(String digits, int fromBase, int toBase) {
        if (fromBase < Character.MIN_RADIX || fromBase > Character.MAX_RADIX
                || toBase < Character.MIN_RADIX || toBase > Character.MAX_RADIX) {
            throw new IllegalArgumentException("base out of range");
        }
        return Long.toString(Long.parseLong(digits, fromBase), toBase);
    }
}
