package dev.rlcode.envs.code.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A candidate's failure is reported through its own throwable, whose overridable methods are candidate code: the
 * verdict must neither carry unbounded candidate text (it goes into the next repair prompt) nor turn into a
 * {@code crashed} (the status of the machine's faults, never cached) when those methods misbehave.
 */
class CandidateThrowablesTest {
    private static final Duration SHORT = Duration.ofSeconds(5);

    private static ExecutionResult run(String source) throws Exception {
        return SandboxFixture.sandbox().run(SandboxFixture.solveRequest(source, 42, SHORT)).result();
    }

    @Test
    void aHugeAssertionMessageIsCutToTheCap() throws Exception {
        ExecutionResult r = run("""
                class Solution { static int solve() { throw new AssertionError("x".repeat(800000)); } }""");
        var failed = assertInstance(ExecutionResult.TestFailed.class, r);
        assertEquals(SandboxRunner.MESSAGE_CAP, failed.message().length(), "the candidate's text is capped");
    }

    @Test
    void aHugeExceptionMessageIsCutToTheCap() throws Exception {
        ExecutionResult r = run("""
                class Solution { static int solve() { throw new IllegalStateException("y".repeat(800000)); } }""");
        assertEquals("runtime_error", r.status(), r.toString());
        assertTrue(r.toString().length() < 2 * SandboxRunner.MESSAGE_CAP, "capped: " + r.toString().length());
    }

    @Test
    void anAssertionWhoseGetMessageThrowsIsStillATestFailure() throws Exception {
        ExecutionResult r = run("""
                class Solution {
                  static class E extends AssertionError { public String getMessage() { throw new IllegalStateException("boom"); } }
                  static int solve() { throw new E(); } }""");
        var failed = assertInstance(ExecutionResult.TestFailed.class, r);
        assertTrue(failed.message().contains("getMessage threw java.lang.IllegalStateException"), failed.message());
    }

    @Test
    void anExceptionWhoseMethodsMisbehaveIsARuntimeError() throws Exception {
        ExecutionResult r = run("""
                class Solution {
                  static class E extends RuntimeException {
                    public String getMessage() { throw new IllegalStateException("boom"); }
                    public StackTraceElement[] getStackTrace() { return null; } }
                  static int solve() { throw new E(); } }""");
        assertEquals("runtime_error", r.status(), r.toString());
        r = run("""
                class Solution {
                  static class E extends RuntimeException {
                    public StackTraceElement[] getStackTrace() { throw new IllegalStateException("no"); } }
                  static int solve() { throw new E(); } }""");
        assertEquals("runtime_error", r.status(), r.toString());
    }

    @Test
    void anInitializerErrorThatIsItsOwnCauseEndsAtOnce() throws Exception {
        ExecutionResult r = run("""
                class Solution {
                  static class E extends ExceptionInInitializerError { public Throwable getCause() { return this; } }
                  static int solve() { throw new E(); } }""");
        assertEquals("runtime_error", r.status(), "not a timeout: " + r);
    }

    private static <T> T assertInstance(Class<T> type, ExecutionResult r) {
        assertTrue(type.isInstance(r), "expected " + type.getSimpleName() + ", actual " + r);
        return type.cast(r);
    }
}
