package dev.rlcode.envs.code;

import dev.rlcode.envs.code.sandbox.ExecutionRequest;
import dev.rlcode.envs.code.sandbox.ExecutionResult;
import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.task.CodeTask;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link CodeJudge} backed by a {@link Sandbox}: TEST_METHODS tasks run the solution unit with the test class as a
 * separate unit; MAIN tasks (HumanEval-X) run {@code code + "\n" + tests} as one unit {@code Main}. A task without
 * visible tests has nothing to run for {@code hidden = false}: the judge then answers {@code Passed(1)} without
 * running anything (running the hidden tests instead would leak them to the agent).
 * Thread-safe when the sandbox is; the sandbox's cache answers repeated candidates.
 */
public final class SandboxCodeJudge implements CodeJudge {

    private final Sandbox sandbox;

    /** @param sandbox the sandbox (not closed by this judge) */
    public SandboxCodeJudge(Sandbox sandbox) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
    }

    @Override
    public ExecutionResult judge(CodeTask task, String code, boolean hidden) {
        String tests = hidden ? task.hiddenTests() : task.visibleTests();
        if (tests.isBlank()) {
            return new ExecutionResult.Passed(1);
        }
        return sandbox.run(request(task, code, hidden)).result();
    }

    /** {@return the sandbox request that runs {@code code} against the task's visible or hidden tests} */
    public static ExecutionRequest request(CodeTask task, String code, boolean hidden) {
        String tests = hidden ? task.hiddenTests() : task.visibleTests();
        if (task.style().name().equals("MAIN")) {
            return ExecutionRequest.humanEvalX(code + "\n" + tests);
        }
        String testClass = hidden ? task.hiddenTestClassName() : task.visibleTestClassName();
        return ExecutionRequest.testMethods(Map.of(task.solutionClassName(), code), tests, testClass);
    }
}
