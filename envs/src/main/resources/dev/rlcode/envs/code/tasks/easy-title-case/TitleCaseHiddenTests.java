import java.util.*;

public class TitleCaseHiddenTests {

    public static void testEmpty() {
        check("", TitleCase.titleCase(""));
    }

    public static void testSpacesKept() {
        check("  A  B ", TitleCase.titleCase("  a  b "));
    }

    public static void testTurkishIndependent() {
        String before = Locale.getDefault().toLanguageTag();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
        check("Idea Iron", TitleCase.titleCase("idea IRON"));
        } finally {
        Locale.setDefault(Locale.forLanguageTag(before));
        }
    }

    public static void testDigits() {
        check("1st Place", TitleCase.titleCase("1ST place"));
    }

    public static void testHyphenNotAWordStart() {
        check("Well-known", TitleCase.titleCase("WELL-KNOWN"));
    }

    private static void check(Object expected, Object actual) {
        if (!Objects.deepEquals(expected, actual)) {
            throw new AssertionError("expected " + show(expected) + ", actual " + show(actual));
        }
    }

    private static void checkClose(double expected, double actual) {
        if (!(Math.abs(expected - actual) <= 1e-9 * Math.max(1.0, Math.abs(expected)))) {
            throw new AssertionError("expected " + expected + ", actual " + actual);
        }
    }

    private static void checkThrows(Class<? extends Throwable> type, Runnable call) {
        try {
            call.run();
        } catch (Throwable t) {
            if (type.isInstance(t)) {
                return;
            }
            throw new AssertionError("expected " + type.getSimpleName() + ", actual " + t, t);
        }
        throw new AssertionError("expected " + type.getSimpleName() + ", actual no exception");
    }

    private static List<Object> flat(Map<?, ?> map) {
        List<Object> out = new ArrayList<>();
        map.forEach((k, v) -> {
            out.add(k);
            out.add(v);
        });
        return out;
    }

    private static String show(Object o) {
        String s = Arrays.deepToString(new Object[] {o});
        return s.substring(1, s.length() - 1);
    }
}
