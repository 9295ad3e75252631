package dev.rlcode.core.buffer;

import dev.rlcode.core.rng.Rng;
import java.util.Map;

/**
 * Experience replay for off-policy agents: stores transitions, forms n-step returns, samples minibatches.
 *
 * <p>Implementations: {@link ReplayBuffer} (uniform, SB3's {@code ReplayBuffer}) and {@link PrioritizedReplayBuffer}
 * (Schaul et al. 2016). An agent written against this interface gets both: it calls
 * {@link #updatePriorities} after every update, which a uniform buffer ignores.
 *
 * <p>{@link #add} takes one environment step as Gymnasium reports it; the buffer turns it into stored n-step
 * transitions ({@link NStepAccumulator}). With {@code nStep = 1} a step is stored as it comes. After a
 * vector env auto-resets, pass the <em>final</em> observation of the finished episode as {@code nextObs}.
 *
 * {@snippet :
 * Replay rb = new ReplayBuffer(ReplaySpec.of(10_000, 4, 2, 0.99));
 * Batch batch = Batch.allocate(128, rb.spec());
 * rb.add(obs, action, reward, nextObs, terminated, truncated, null);
 * if (step > learningStarts) {
 *     rb.sample(128, replayRng, batch);
 *     // ... TD loss weighted by batch.weights(), |δ| per row into tdErrors
 *     rb.updatePriorities(batch.indices(), tdErrors);
 * }
 * }
 */
public interface Replay {

    /** {@return the shape and return settings this buffer was built with} */
    ReplaySpec spec();

    /** {@return the number of stored transitions, at most {@code spec().capacity()}} */
    int size();

    /**
     * Records one step of env {@code env}.
     *
     * <p>Transitions are stored as their n-step windows complete: nothing may be stored yet, or (at an episode end)
     * up to {@code nStep} transitions at once. Arrays are copied; the caller may reuse them.
     *
     * @param env        which stream, {@code 0 <= env < spec().numEnvs()}
     * @param obs        {@code [obsDim]} observation s_t the action was taken in
     * @param action     action a_t, {@code 0 <= action < numActions}
     * @param reward     reward r_t, finite
     * @param nextObs    {@code [obsDim]} observation s_{t+1} (the final one when the episode ended)
     * @param terminated s_{t+1} is terminal: no bootstrapping from it
     * @param truncated  the episode was cut (time limit): bootstrap from s_{t+1}; ignored if {@code terminated}
     * @param nextMask   {@code [numActions]} legal actions of s_{t+1}, true = legal, at least one; must be null for
     *                   an unmasked spec; may be null for a masked spec only when {@code terminated} (a terminal
     *                   state's mask is not used and is stored as all-legal)
     * @throws IllegalArgumentException if an argument breaks these rules (the buffer is then unchanged)
     */
    void add(int env, float[] obs, int action, double reward, float[] nextObs, boolean terminated, boolean truncated,
             boolean[] nextMask);

    /**
     * Ends env {@code env}'s current episode as truncated in state {@code obs} without a new step, as when training
     * stops mid-episode: its steps still waiting for their n-step window are stored, bootstrapping from {@code obs}
     * (so a later step of another episode can never join them). With {@code nStep = 1} nothing is pending and
     * nothing is stored.
     *
     * @param env  which stream, {@code 0 <= env < spec().numEnvs()}
     * @param obs  {@code [obsDim]} the observation the episode stopped in
     * @param mask {@code [numActions]} its legal actions (at least one); null for an unmasked spec
     * @throws IllegalArgumentException if an argument breaks these rules (the buffer is then unchanged)
     */
    void truncate(int env, float[] obs, boolean[] mask);

    /**
     * Drops env {@code env}'s steps still waiting for their n-step window, storing nothing: for an episode that
     * was abandoned where its last observation is no longer known (a checkpoint restored with an open window, whose
     * env starts a new episode). With {@code nStep = 1} nothing is pending.
     *
     * @param env which stream, {@code 0 <= env < spec().numEnvs()}
     */
    void abandon(int env);

    /**
     * Records one step of env 0: {@link #add(int, float[], int, double, float[], boolean, boolean, boolean[])}.
     *
     * @param obs        {@code [obsDim]} observation s_t
     * @param action     action a_t
     * @param reward     reward r_t
     * @param nextObs    {@code [obsDim]} observation s_{t+1}
     * @param terminated s_{t+1} is terminal
     * @param truncated  the episode was cut
     * @param nextMask   {@code [numActions]} legal actions of s_{t+1}, or null (see the general form)
     * @throws IllegalArgumentException as the general form does
     */
    default void add(float[] obs, int action, double reward, float[] nextObs, boolean terminated, boolean truncated,
                     boolean[] nextMask) {
        add(0, obs, action, reward, nextObs, terminated, truncated, nextMask);
    }

    /**
     * Samples {@code batchSize} stored transitions with replacement into {@code out}, drawing only from {@code rng}.
     *
     * @param batchSize rows to sample; must equal {@code out.batchSize()}
     * @param rng       the only source of randomness: equal buffer state and rng state give equal batches
     * @param out       batch shaped for this buffer's spec; every array is overwritten
     * @throws IllegalStateException    if the buffer is empty
     * @throws IllegalArgumentException if {@code out} does not have {@code batchSize} rows of this spec's shape
     */
    void sample(int batchSize, Rng rng, Batch out);

    /**
     * Reports the TD errors of the transitions at {@code indices} (from {@link Batch#indices()}); a prioritized
     * buffer sets their priorities to {@code |δ| + ε}, a uniform one only validates the arguments.
     *
     * @param indices   buffer slots, each {@code < size()}
     * @param tdErrors  {@code [indices.length]} TD errors δ, finite
     * @throws IllegalArgumentException if the lengths differ, an index is out of range or an error is not finite
     */
    void updatePriorities(int[] indices, float[] tdErrors);

    /**
     * {@return the complete state (transitions, ring position, pending n-step windows, priorities) as primitive
     * arrays by name, copied} Scalars are arrays of length 1. Store it with
     * {@code CheckpointWriter.putAll(prefix, state)}.
     */
    Map<String, Object> saveState();

    /**
     * Replaces this buffer's state with one from {@link #saveState()} of a buffer of the same spec; afterwards it
     * samples exactly as the saved buffer did, given the same rng state.
     *
     * @param state arrays by name, as saved (they are copied)
     * @throws IllegalArgumentException if the state is of a different spec or kind of buffer, or an array is missing
     *                                  or malformed (the buffer is then unchanged)
     */
    void restoreState(Map<String, ?> state);
}
