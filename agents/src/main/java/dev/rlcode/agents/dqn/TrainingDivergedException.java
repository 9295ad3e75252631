package dev.rlcode.agents.dqn;

/**
 * Training stopped because it diverged: an update's loss, or the weights about to be checkpointed, were not
 * finite (NaN or infinite). Nothing is written from that point on, so the run folder keeps its metrics up to the
 * last finished episode and its newest checkpoint, both from before the divergence. The message says where it
 * happened and what to change.
 */
public final class TrainingDivergedException extends RuntimeException {

    private final long step;

    /** @param step the env step at which it was found @param message what was not finite, and where */
    public TrainingDivergedException(long step, String message) {
        super(message);
        this.step = step;
    }

    /** {@return the env step at which the divergence was found} */
    public long step() {
        return step;
    }
}
