package dev.rlcode.envs.code.model.mutation;

import dev.rlcode.envs.code.sandbox.ExecutionResult;
import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.sandbox.TestStyle;
import dev.rlcode.envs.code.task.CodeTasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The production {@link MutantJudge}: every candidate is compiled and run by the {@link Sandbox}, exactly as an
 * agent's code is. {@link #judgeAll} runs a batch on {@code parallelism} virtual threads; the sandbox's slots bound
 * how many executions really run at once, so a parallelism a little above the slots keeps compilation and execution
 * overlapped. Thread-safe (the sandbox is).
 *
 * <p>Results map to outcomes as: passed → {@link Outcome#PASSED}; compile_error → {@link Outcome#COMPILE_ERROR};
 * test_failed and runtime_error → {@link Outcome#FAILED}; timeout → {@link Outcome#TIMEOUT}; rejected and
 * crashed → {@link Outcome#CRASHED}.
 *
 * <p>Class names: in {@link TestStyle#TEST_METHODS} style the candidate unit is named after its first public
 * top-level type (else its first class), the test unit after the tests' first public class; in {@link TestStyle#MAIN}
 * style the program is {@code candidate + "\n" + tests}, one unit {@code Main}.
 */
public final class SandboxJudge implements MutantJudge {

    /** Time limit per execution used when none is given: mutated loop bounds often loop forever. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^\\s*public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern ANY_CLASS = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)");

    private final Sandbox sandbox;
    private final Duration timeout;
    private final int parallelism;

    /**
     * @param sandbox     runs the candidates (not closed by this judge)
     * @param timeout     wall-clock limit per execution
     * @param parallelism candidates of a batch submitted at once, at least 1
     */
    public SandboxJudge(Sandbox sandbox, Duration timeout, int parallelism) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism: expected >= 1, actual " + parallelism);
        }
        this.parallelism = parallelism;
    }

    @Override
    public Outcome judge(String candidateSource, String tests, TestStyle style) {
        return outcome(sandbox.run(request(candidateSource, tests, style)).result());
    }

    @Override
    public List<Outcome> judgeAll(List<String> candidates, String tests, TestStyle style) {
        Outcome[] out = new Outcome[candidates.size()];
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        var failure = new java.util.concurrent.atomic.AtomicReference<RuntimeException>();
        for (int w = 0; w < Math.min(parallelism, candidates.size()); w++) {
            threads.add(Thread.ofVirtual().name("sandbox-judge-", w).start(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < candidates.size(); ) {
                        out[i] = judge(candidates.get(i), tests, style);
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    next.set(candidates.size());
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while judging mutants", e);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return Arrays.asList(out);
    }

    /** {@return the sandbox request for one candidate} */
    dev.rlcode.envs.code.sandbox.ExecutionRequest request(String candidate, String tests, TestStyle style) {
        return CodeTasks.request(style, typeName(candidate, "Solution"), candidate, tests, typeName(tests, "Main"),
                timeout);
    }

    /** {@return the outcome a sandbox result counts as} */
    public static Outcome outcome(ExecutionResult result) {
        return switch (result) {
            case ExecutionResult.Passed p -> Outcome.PASSED;
            case ExecutionResult.CompileError c -> Outcome.COMPILE_ERROR;
            case ExecutionResult.TestFailed f -> Outcome.FAILED;
            case ExecutionResult.RuntimeError r -> Outcome.FAILED;
            case ExecutionResult.Timeout t -> Outcome.TIMEOUT;
            case ExecutionResult.Rejected r -> Outcome.CRASHED;
            case ExecutionResult.Crashed c -> Outcome.CRASHED;
        };
    }

    static String typeName(String source, String fallback) {
        Matcher m = PUBLIC_TYPE.matcher(source);
        if (m.find()) {
            return m.group(1);
        }
        Matcher any = ANY_CLASS.matcher(source);
        return any.find() ? any.group(1) : fallback;
    }
}
