public class Numerals {

    public static String describe(int n) {
        String roman = n >= 1 && n <= 3999 ? Roman.toRoman(n) : "-";
        return "bin=" + BinaryString.toBinary(n) + " hex=" + BaseConvert.convert(Integer.toString(n), 10, 16)
                + " roman=" + roman;
    }
}
