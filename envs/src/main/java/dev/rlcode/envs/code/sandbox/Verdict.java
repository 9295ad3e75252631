package dev.rlcode.envs.code.sandbox;

import java.util.Objects;

/**
 * A result with its timings: what {@link Sandbox#run(ExecutionRequest)} returns.
 *
 * @param result  the outcome
 * @param timings where the time went
 */
public record Verdict(ExecutionResult result, Timings timings) {
    public Verdict {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(timings, "timings");
    }

    /** {@return the result's status string} */
    public String status() {
        return result.status();
    }

    /** {@return whether the result is a pass} */
    public boolean passed() {
        return result.passed();
    }

    /** {@return total wall-clock milliseconds} */
    public double millis() {
        return timings.totalMillis();
    }
}
