package dev.rlcode.envs.code;

import dev.rlcode.envs.code.sandbox.ExecutionResult;
import dev.rlcode.envs.code.task.CodeTask;

/**
 * Runs a candidate solution of a task against the task's visible or hidden tests. {@link SandboxCodeJudge} is the
 * real one; tests may plug in a fast deterministic fake.
 */
@FunctionalInterface
public interface CodeJudge {

    /**
     * Judges one candidate.
     *
     * @param task   the task (its tests, test style and class names)
     * @param code   the full solution compilation unit
     * @param hidden whether to run the hidden tests (else the visible ones)
     * @return the result; failures of the candidate are results, not exceptions
     */
    ExecutionResult judge(CodeTask task, String code, boolean hidden);

    /**
     * Judges one candidate against the task's whole unit-test suite: the visible tests first, then, when they pass
     * (or the task has none), the hidden tests. This is what the Executive's TEST runs.
     *
     * @param task the task
     * @param code the full solution compilation unit
     * @return the first failing part's result (so its message names the first failing test), or
     *         {@code Passed} with the tests of both parts
     */
    default ExecutionResult judgeSuite(CodeTask task, String code) {
        if (!task.hasVisibleTests()) {
            return judge(task, code, true);
        }
        ExecutionResult visible = judge(task, code, false);
        if (!visible.passed()) {
            return visible;
        }
        ExecutionResult hidden = judge(task, code, true);
        return hidden instanceof ExecutionResult.Passed h && visible instanceof ExecutionResult.Passed v
                ? new ExecutionResult.Passed(v.testsRun() + h.testsRun()) : hidden;
    }
}
