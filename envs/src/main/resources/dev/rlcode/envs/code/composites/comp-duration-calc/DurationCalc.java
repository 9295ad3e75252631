public class DurationCalc {

    public static String format(String expression) {
        return DurationFormat.format(Expression.eval(expression));
    }
}
