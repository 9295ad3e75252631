package dev.rlcode.core.vector;

import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.space.Space;

/**
 * Steps {@code numEnvs} copies of an env with {@code float[]} observations and discrete actions together, in
 * lockstep (Gymnasium's {@code VectorEnv}, SB3's {@code VecEnv}).
 *
 * <p><b>Seeding.</b> {@link #reset(long)} resets env {@code i} with seed {@code seed + i}, as Gymnasium does, so
 * a vector env of one is the single env.
 *
 * <p><b>Same-step autoreset</b> (SB3, Gymnasium 0.29). When env {@code i} ends an episode (terminated or
 * truncated), the vector env resets it at once (with {@code reset()}, continuing its random stream):
 * {@code observations[i]} is the first observation of the new episode, {@code rewards[i]} and the flags are those
 * of the step that ended the old one, and {@code infos[i]} is the reset info plus
 * {@link dev.rlcode.core.env.StepResult#FINAL_OBSERVATION} (the true last observation, to bootstrap from on
 * truncation), {@link dev.rlcode.core.env.StepResult#FINAL_INFO} (the last step's info) and, for masked envs,
 * {@link #FINAL_ACTION_MASK} (the mask of the last state, for a masked Double-DQN target).
 *
 * <p><b>Next-step autoreset</b> (Gymnasium 1.x's default, {@link AutoresetMode#NEXT_STEP}, chosen when the vector
 * env is made). The step that ends env {@code i}'s episode returns its true last observation and info as they are
 * (plus, for masked envs, {@link #FINAL_ACTION_MASK}: {@link #actionMasks()} no longer gives that state's mask);
 * the next step resets env {@code i} instead of stepping it: its action is ignored (any element of the action
 * space will do, and {@link #actionMasks()} allows every action for it), and it returns the new episode's first
 * observation and reset info with reward 0 and both flags false. A training loop written for Gymnasium 1.x drops
 * that transition (the step after a done), as it does there.
 *
 * {@snippet :
 * try (VectorEnv envs = SyncVectorEnv.of(8, CartPole::make)) {
 *     float[][] obs = envs.reset(42).observations();
 *     VectorStepResult s = envs.step(actions);
 *     for (int i = 0; i < envs.numEnvs(); i++) {
 *         float[] next = s.finalObservation(i).orElse(s.observations()[i]);   // what to bootstrap from
 *     }
 * }
 * }
 */
public interface VectorEnv extends AutoCloseable {

    /** When an env whose episode ended is reset (see the class comment). */
    enum AutoresetMode {
        /** In the step that ended the episode: SB3's and Gymnasium 0.29's behaviour, and the default here. */
        SAME_STEP,
        /** In the env's next step, whose action is then ignored: Gymnasium 1.x's default. */
        NEXT_STEP
    }

    /** {@return this vector env's autoreset mode} */
    AutoresetMode autoresetMode();

    /**
     * Info key of the action mask of the last state of an ended episode ({@code boolean[]}, true = legal), in either
     * autoreset mode: in the info of the step that ended it.
     */
    String FINAL_ACTION_MASK = "final_action_mask";

    /** {@return the number of envs, at least 1} */
    int numEnvs();

    /** {@return the observation space of one env} */
    Space<float[]> singleObservationSpace();

    /** {@return the action space of one env} */
    Discrete singleActionSpace();

    /** {@return the first observations, env {@code i} reset with seed {@code seed + i}} @param seed base seed */
    VectorResetResult reset(long seed);

    /**
     * {@return the first observations, each env continuing its random stream}
     *
     * <p>The first reset of a vector env that was never reset with a seed is {@code reset(0)}: env {@code i} gets
     * seed {@code i}. (Each env alone would seed itself with the same default, 0, and all would then play the same
     * episodes; Gymnasium avoids that by seeding unseeded envs from OS entropy, which would make runs
     * irreproducible.)
     */
    VectorResetResult reset();

    /**
     * Steps every env with its action and auto-resets those whose episode ended (see the class comment).
     * All actions are validated before any env moves.
     *
     * @param actions one action per env, length {@link #numEnvs()}. Not modified.
     * @return the batched results
     * @throws IllegalArgumentException if {@code actions} has the wrong length, or an action is outside the action
     *                                  space or masked out
     * @throws IllegalStateException    if {@link #reset(long)} was never called, or the env is closed
     */
    VectorStepResult step(int[] actions);

    /** {@return whether the envs implement {@link dev.rlcode.core.env.ActionMasked} (possibly under wrappers)} */
    boolean isMasked();

    /**
     * {@return the current legal-action mask of each env, {@code [numEnvs][n]}, true = legal; after an autoreset
     * it is the mask of the new episode's first state}
     *
     * @throws IllegalStateException if the envs are not masked ({@link #isMasked()} is false)
     */
    boolean[][] actionMasks();

    /** Closes every env and releases threads. Idempotent. */
    @Override
    void close();
}
