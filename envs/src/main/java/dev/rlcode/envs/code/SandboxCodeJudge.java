package dev.rlcode.envs.code;

import dev.rlcode.envs.code.sandbox.ExecutionRequest;
import dev.rlcode.envs.code.sandbox.ExecutionResult;
import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.CodeTasks;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link CodeJudge} backed by a {@link Sandbox}, with requests built by {@link CodeTasks}. A task without
 * visible tests has nothing to run for {@code hidden = false}: the judge then answers {@code Passed(1)} without
 * running anything; {@link #judgeSuite} (the Executive's TEST) then runs the hidden tests alone.
 * Thread-safe when the sandbox is; the sandbox's cache answers repeated candidates, so the STOP that follows a
 * passing TEST on unchanged code costs no second run.
 */
public final class SandboxCodeJudge implements CodeJudge {

    /**
     * Wall-clock limit of one judged run (the JVM is already booted when it starts: the sandbox pre-spawns it). The
     * bundled suite's and HumanEval-X's references run their tests in about 10-20 ms, so 3 s leaves a wide margin on
     * a loaded machine, while a candidate that loops (a mutated loop bound, say) holds a sandbox slot and a core for
     * 3 s instead of {@link ExecutionRequest#DEFAULT_TIMEOUT}'s 10 s. A timeout is a failed test like any other.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private final Sandbox sandbox;
    private final Duration timeout;

    /** @param sandbox the sandbox (not closed by this judge); runs get {@link #DEFAULT_TIMEOUT} */
    public SandboxCodeJudge(Sandbox sandbox) {
        this(sandbox, DEFAULT_TIMEOUT);
    }

    /**
     * @param sandbox the sandbox (not closed by this judge)
     * @param timeout wall-clock limit of one run
     */
    public SandboxCodeJudge(Sandbox sandbox, Duration timeout) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: expected > 0, actual " + timeout);
        }
    }

    @Override
    public ExecutionResult judge(CodeTask task, String code, boolean hidden) {
        if (!hidden && !task.hasVisibleTests()) {
            return new ExecutionResult.Passed(1);
        }
        return sandbox.run(CodeTasks.request(task, code, hidden ? CodeTasks.Tests.HIDDEN : CodeTasks.Tests.VISIBLE,
                timeout)).result();
    }
}
