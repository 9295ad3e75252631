package dev.rlcode.envs.code.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One candidate to judge: its sources, the tests, and a wall-clock limit.
 *
 * <p>Each entry of {@code sources} is one compilation unit: the key is the unit's name (its file name without
 * {@code .java}, so it must match the unit's public class if it has one), the value its Java source. Candidate
 * classes must live in the default package. The test source is a separate unit named {@code testClassName};
 * it may be {@code null} or empty when a candidate unit already holds the test class, as in HumanEval-X, where
 * the whole program ({@code prompt + canonical_solution + "\n" + test}: {@code class Solution} then
 * {@code public class Main}) is one unit: see {@link #humanEvalX(String)}. In that case the test class is
 * treated as candidate code (it is scanned like the rest).
 *
 * @param sources        compilation unit name → source; not empty
 * @param testSource     the test class's source, or {@code null}/empty when a candidate unit holds it
 * @param testClassName  the binary name of the test class (default package)
 * @param style          how the test class states its tests
 * @param timeout        wall-clock limit of the execution (compilation has its own limit in {@link SandboxConfig})
 */
public record ExecutionRequest(Map<String, String> sources, String testSource, String testClassName,
                               TestStyle style, Duration timeout) {

    /** The timeout used when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ExecutionRequest {
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(testClassName, "testClassName");
        Objects.requireNonNull(style, "style");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("sources: expected at least one compilation unit, actual none");
        }
        for (var e : sources.entrySet()) {
            if (!isIdentifier(e.getKey())) {
                throw new IllegalArgumentException("sources: expected unit names that are Java identifiers, actual \""
                        + e.getKey() + "\"");
            }
            Objects.requireNonNull(e.getValue(), "source of " + e.getKey());
        }
        if (!isIdentifier(testClassName)) {
            throw new IllegalArgumentException("testClassName: expected a Java identifier (default package), actual \""
                    + testClassName + "\"");
        }
        if (testSource != null && testSource.isBlank()) {
            testSource = null;
        }
        if (testSource != null && sources.containsKey(testClassName)) {
            throw new IllegalArgumentException("sources: expected no unit named like the test class "
                    + testClassName + " when testSource is given");
        }
        if (testSource == null && !sources.containsKey(testClassName)) {
            throw new IllegalArgumentException("testSource: expected a test source, or a unit named " + testClassName
                    + " in sources, actual neither");
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: expected > 0, actual " + timeout);
        }
        sources = java.util.Collections.unmodifiableMap(new TreeMap<>(sources));
    }

    /** {@return a request in {@link TestStyle#TEST_METHODS} style with the default timeout} */
    public static ExecutionRequest testMethods(Map<String, String> sources, String testSource, String testClassName) {
        return new ExecutionRequest(sources, testSource, testClassName, TestStyle.TEST_METHODS, DEFAULT_TIMEOUT);
    }

    /**
     * A HumanEval-X program as one compilation unit named {@code Main} (its public class), judged in
     * {@link TestStyle#MAIN} style: passes when {@code Main.main} returns normally.
     *
     * @param program {@code prompt + completion + "\n" + test}
     * @return the request, with the default timeout
     */
    public static ExecutionRequest humanEvalX(String program) {
        Objects.requireNonNull(program, "program");
        return new ExecutionRequest(Map.of("Main", program), null, "Main", TestStyle.MAIN, DEFAULT_TIMEOUT);
    }

    /** {@return this request with another timeout} */
    public ExecutionRequest withTimeout(Duration timeout) {
        return new ExecutionRequest(sources, testSource, testClassName, style, timeout);
    }

    /** {@return whether a separate test unit is given} */
    public boolean hasTestSource() {
        return testSource != null;
    }

    private static boolean isIdentifier(String s) {
        return s != null && !s.isEmpty() && javax.lang.model.SourceVersion.isIdentifier(s)
                && !javax.lang.model.SourceVersion.isKeyword(s);
    }
}
