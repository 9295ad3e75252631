package dev.rlcode.envs.code.model;

import java.util.Objects;

/**
 * A code answer of a {@link CodeModel}.
 *
 * @param code          the Java compilation unit (extracted from a fenced block for a real LLM)
 * @param tokensIn      prompt tokens (reported by the server, or estimated by the synthetic model)
 * @param tokensOut     completion tokens
 * @param latencyMillis wall time of the call (simulated for the synthetic model), in milliseconds
 */
public record Completion(String code, int tokensIn, int tokensOut, long latencyMillis) {

    /** Validates the fields. */
    public Completion {
        Objects.requireNonNull(code, "code");
        if (tokensIn < 0 || tokensOut < 0 || latencyMillis < 0) {
            throw new IllegalArgumentException("tokens and latency: expected >= 0, actual tokensIn=" + tokensIn
                    + " tokensOut=" + tokensOut + " latencyMillis=" + latencyMillis);
        }
    }
}
