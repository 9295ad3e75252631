package dev.rlcode.envs.code.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A task's separate test unit may set the default locale (to test locale robustness); the candidate may not. */
class TestUnitRulesTest {

    private static final String UPPER = """
            public class Upper {
                public static String up(String s) { return s.toUpperCase(%s); }
            }
            """;
    private static final String TEST = """
            import java.util.Locale;
            public class UpperTest {
                public static void testTurkishDefaultLocale() {
                    Locale before = Locale.getDefault();
                    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
                    try {
                        String r = Upper.up("title");
                        if (!r.equals("TITLE")) throw new AssertionError("expected TITLE, actual " + r);
                    } finally {
                        Locale.setDefault(before);
                    }
                }
            }
            """;

    private static Verdict run(String candidate) {
        return SandboxFixture.sandbox().run(new ExecutionRequest(Map.of("Upper", candidate), TEST, "UpperTest",
                TestStyle.TEST_METHODS, Duration.ofSeconds(10)));
    }

    @Test
    void testUnitSetsTheDefaultLocaleAndCatchesLocaleDependentCode() {
        assertEquals("passed", run(UPPER.formatted("java.util.Locale.ROOT")).status());
        Verdict dependent = run(UPPER.formatted(""));
        assertEquals("test_failed", dependent.status(), dependent.result().toString());
    }

    @Test
    void candidateMayNotSetTheDefaultLocale() {
        String candidate = """
                public class Upper {
                    public static String up(String s) {
                        java.util.Locale.setDefault(java.util.Locale.ROOT);
                        return s.toUpperCase();
                    }
                }
                """;
        Verdict v = run(candidate);
        assertEquals("rejected", v.status());
        assertTrue(((ExecutionResult.Rejected) v.result()).reason().contains("setDefault"), v.result().toString());
    }
}
