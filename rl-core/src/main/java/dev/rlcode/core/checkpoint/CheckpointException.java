package dev.rlcode.core.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown when a checkpoint cannot be written or is not a valid, intact checkpoint when read.
 *
 * <p>It extends {@link IOException} because a checkpoint is a file-system artefact: callers that already handle
 * I/O failures handle this too, and the compiler makes everyone else decide. The message always starts with the
 * checkpoint directory and, where one is at fault, names the array and what is wrong, e.g.
 * {@code "checkpoint runs/a/checkpoints/step-000050000: array 'replay.obs': checksum mismatch in replay.obs.bin:
 * expected 3f2a…, actual 9b01…"}.
 */
public final class CheckpointException extends IOException {

    private final transient Path checkpoint;

    /**
     * Creates an exception about {@code checkpoint}.
     *
     * @param checkpoint the checkpoint directory concerned
     * @param detail     what is wrong, naming the array or file where one is at fault
     */
    public CheckpointException(Path checkpoint, String detail) {
        super("checkpoint " + checkpoint + ": " + detail);
        this.checkpoint = checkpoint;
    }

    /**
     * Creates an exception about {@code checkpoint} caused by {@code cause}.
     *
     * @param checkpoint the checkpoint directory concerned
     * @param detail     what is wrong
     * @param cause      the underlying failure
     */
    public CheckpointException(Path checkpoint, String detail, Throwable cause) {
        super("checkpoint " + checkpoint + ": " + detail, cause);
        this.checkpoint = checkpoint;
    }

    /** {@return the checkpoint directory concerned} */
    public Path checkpoint() {
        return checkpoint;
    }
}
