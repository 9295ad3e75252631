package dev.rlcode.envs.code.sandbox;

/** How a test class states its tests. */
public enum TestStyle {
    /**
     * The bundled suite: the test class has one or more {@code public static void testXxx()} methods, each one
     * test case; a throw is a failure. PASS needs every method to run and return normally; a class with no test
     * method never passes.
     */
    TEST_METHODS,
    /**
     * HumanEval-X: a {@code public class Main} whose {@code public static void main(String[])} throws
     * {@link AssertionError} on a wrong answer; one test case. PASS needs {@code main} to return normally, as
     * reported over the sandbox's nonce channel (never judged by exit status).
     */
    MAIN
}
