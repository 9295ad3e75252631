public class BigNumbers {

    public static String report(int n) {
        return "fibDigits=" + BigFib.fib(n).length() + " factDigitSum=" + FactorialDigits.digitSum(n)
                + " nDigitSum=" + DigitSum.sum(n);
    }
}
