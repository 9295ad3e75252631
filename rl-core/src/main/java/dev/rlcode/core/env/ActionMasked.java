package dev.rlcode.core.env;

/**
 * Implemented by a discrete-action env whose legal actions depend on the state.
 *
 * <p>The mask is a {@code boolean[]} of length {@code actionSpace().n()}, {@code true} = legal, for the state the
 * env is in now (after the last {@code reset} or {@code step}). At least one action is legal in every
 * non-terminal state. {@code step} with an illegal action throws {@link IllegalArgumentException}; it is never a
 * silent no-op. The one documented exception is a wrapper that defines illegal actions as penalised no-ops
 * ({@link dev.rlcode.core.wrapper.IllegalActionNoOp}), which says so through {@link #refusesIllegalActions()}.
 * Agents store the mask of the next state in replay so that the Double-DQN target maximises over legal actions
 * only.
 *
 * <p>A wrapper does not implement this interface itself; find the mask of a wrapped env with
 * {@link dev.rlcode.core.wrapper.Wrapper#actionMask(Env)}.
 */
public interface ActionMasked {

    /** {@return a fresh copy of the current legal-action mask, true = legal} */
    boolean[] actionMask();

    /**
     * {@return whether {@code step} throws for an action the mask excludes} True for every env (the contract above);
     * false only where illegal actions are defined as penalised no-ops
     * ({@link dev.rlcode.core.wrapper.IllegalActionNoOp}), so vector envs and the env checker let them through.
     */
    default boolean refusesIllegalActions() {
        return true;
    }
}
