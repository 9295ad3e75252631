package dev.rlcode.envs.code.task;

/**
 * How a task's test source is run against a candidate solution.
 */
public enum TestStyle {
    /**
     * The tests are the Java source of a class whose {@code public static void testXxx()} methods are one test case
     * each; a test passes when its method returns normally and fails when it throws (plain
     * {@code throw new AssertionError("expected …, actual …")}, no JUnit). The tests call the solution class's
     * static methods; solution and tests are separate compilation units in the unnamed package.
     */
    TEST_METHODS,
    /**
     * HumanEval-X: the tests are a {@code public class Main} whose {@code main} throws {@link AssertionError} on a
     * wrong answer. The program is {@code solution + "\n" + tests} in one compilation unit; it passes when
     * {@code Main.main} returns normally.
     */
    MAIN
}
