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
}
