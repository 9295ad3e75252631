package dev.rlcode.envs.code.task;

import dev.rlcode.envs.code.sandbox.ExecutionRequest;
import dev.rlcode.envs.code.sandbox.TestStyle;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a task and a candidate solution into the {@link ExecutionRequest} the sandbox runs.
 *
 * <ul>
 *   <li>{@link TestStyle#TEST_METHODS} (the bundled suite): the candidate is one compilation unit named after
 *       {@link CodeTask#solutionClassName()}, the chosen test class a separate unit.</li>
 *   <li>{@link TestStyle#MAIN} (HumanEval-X): one unit {@code Main} holding {@code candidate + "\n" + tests}; the
 *       candidate already contains the prompt (imports, {@code class Solution} header) and the body.</li>
 * </ul>
 *
 * {@snippet :
 * Verdict v = sandbox.run(CodeTasks.request(task, candidate, CodeTasks.Tests.HIDDEN));
 * }
 */
public final class CodeTasks {

    /** Which of a task's test sources to run. */
    public enum Tests {
        /** The prompt's examples, shown to the coder. */
        VISIBLE,
        /** The thorough tests that judge success. */
        HIDDEN
    }

    private CodeTasks() {
    }

    /**
     * {@return the request that runs {@code candidate} against the chosen tests, with the default timeout}
     *
     * @param task      the task
     * @param candidate the full candidate source (for HumanEval-X: prompt + completion)
     * @param which     visible or hidden tests
     * @throws IllegalArgumentException if {@code which} is {@link Tests#VISIBLE} and the task has no visible tests
     */
    public static ExecutionRequest request(CodeTask task, String candidate, Tests which) {
        return request(task, candidate, which, ExecutionRequest.DEFAULT_TIMEOUT);
    }

    /** As {@link #request(CodeTask, String, Tests)}, with a wall-clock limit for the execution. */
    public static ExecutionRequest request(CodeTask task, String candidate, Tests which, Duration timeout) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(which, "which");
        String tests = which == Tests.VISIBLE ? task.visibleTests() : task.hiddenTests();
        if (tests.isBlank()) {
            throw new IllegalArgumentException("task " + task.id() + ": expected " + which.name().toLowerCase()
                    + " tests, actual none");
        }
        String testClass = which == Tests.VISIBLE ? task.visibleTestClassName() : task.hiddenTestClassName();
        return request(task.style(), task.solutionClassName(), candidate, tests, testClass, timeout);
    }

    /**
     * {@return the request that runs {@code candidate}, the source of a whole composite (top-level class and parts),
     * against the composite's integration tests}
     */
    public static ExecutionRequest integrationRequest(CompositeTask task, String candidate, Duration timeout) {
        Objects.requireNonNull(task, "task");
        return request(TestStyle.TEST_METHODS, task.integrationClassName(), candidate, task.integrationTests(),
                task.integrationTestClassName(), timeout);
    }

    /**
     * {@return a request from its parts}
     *
     * @param style         how the tests run
     * @param solutionClass the candidate unit's name (its public class), used in TEST_METHODS style
     * @param candidate     the candidate source
     * @param tests         the test source
     * @param testClass     the test class's name (TEST_METHODS style; MAIN style always runs {@code Main})
     * @param timeout       the wall-clock limit of the execution
     */
    public static ExecutionRequest request(TestStyle style, String solutionClass, String candidate, String tests,
                                           String testClass, Duration timeout) {
        return switch (style) {
            case MAIN -> ExecutionRequest.humanEvalX(candidate + "\n" + tests).withTimeout(timeout);
            case TEST_METHODS -> new ExecutionRequest(Map.of(solutionClass, candidate), tests, testClass,
                    TestStyle.TEST_METHODS, timeout);
        };
    }
}
