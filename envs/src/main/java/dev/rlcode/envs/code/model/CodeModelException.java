package dev.rlcode.envs.code.model;

/** A code model could not produce an answer: its endpoint is unreachable, refused the call or answered garbage. */
public final class CodeModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the endpoint or model
     */
    public CodeModelException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the endpoint or model
     * @param cause   the underlying error
     */
    public CodeModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
