package dev.rlcode.envs.code;

import dev.rlcode.envs.code.sandbox.ExecutionResult;
import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.CodeTasks;
import java.util.Objects;

/**
 * A {@link CodeJudge} backed by a {@link Sandbox}, with requests built by {@link CodeTasks}. A task without
 * visible tests has nothing to run for {@code hidden = false}: the judge then answers {@code Passed(1)} without
 * running anything; {@link #judgeSuite} (the Executive's TEST) then runs the hidden tests alone.
 * Thread-safe when the sandbox is; the sandbox's cache answers repeated candidates, so the STOP that follows a
 * passing TEST on unchanged code costs no second run.
 */
public final class SandboxCodeJudge implements CodeJudge {

    private final Sandbox sandbox;

    /** @param sandbox the sandbox (not closed by this judge) */
    public SandboxCodeJudge(Sandbox sandbox) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
    }

    @Override
    public ExecutionResult judge(CodeTask task, String code, boolean hidden) {
        if (!hidden && !task.hasVisibleTests()) {
            return new ExecutionResult.Passed(1);
        }
        return sandbox.run(CodeTasks.request(task, code, hidden ? CodeTasks.Tests.HIDDEN : CodeTasks.Tests.VISIBLE))
                .result();
    }
}
