package dev.rlcode.envs.code.sandbox;

import java.util.Objects;

/**
 * One compiler error.
 *
 * @param source  the name of the compilation unit it is in: a key of {@link ExecutionRequest#sources()} or the
 *                test class name
 * @param line    1-based line number, or -1 when the compiler gave none
 * @param message the compiler's message
 */
public record Diagnostic(String source, long line, String message) {
    public Diagnostic {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return source + (line >= 0 ? ":" + line : "") + ": " + message;
    }
}
