package dev.rlcode.core.buffer;

import dev.rlcode.core.rng.Rng;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Uniform experience replay: a fixed-capacity ring of transitions in flat primitive arrays, sampled uniformly with
 * replacement (SB3's {@code ReplayBuffer}; Mnih et al. 2015, https://doi.org/10.1038/nature14236).
 *
 * <p>When full, each new transition overwrites the oldest, so the buffer always holds the newest
 * {@code capacity} transitions. Env steps go through one n-step window per env (see {@link Replay#add} and
 * {@link NStepAccumulator}). Batches have all weights 1. No per-transition objects are allocated, and
 * {@link #sample} allocates nothing.
 *
 * {@snippet :
 * ReplayBuffer rb = new ReplayBuffer(ReplaySpec.of(10_000, 4, 2, 0.99));
 * Rng replayRng = Rng.of(seed, Rng.Stream.REPLAY);
 * Batch batch = Batch.allocate(128, rb.spec());
 * rb.add(obs, action, reward, nextObs, terminated, truncated, null);
 * rb.sample(128, replayRng, batch);
 * }
 * Not thread-safe.
 */
public final class ReplayBuffer implements Replay {

    static final String KIND = "uniform";

    private final ReplaySpec spec;
    private final TransitionStore store;

    /**
     * Creates an empty buffer; memory for {@code capacity} transitions is allocated now.
     *
     * @param spec transition shape, capacity, n-step settings
     */
    public ReplayBuffer(ReplaySpec spec) {
        this.spec = java.util.Objects.requireNonNull(spec, "spec");
        this.store = new TransitionStore(spec, slot -> {});
    }

    @Override
    public ReplaySpec spec() {
        return spec;
    }

    @Override
    public int size() {
        return store.size();
    }

    @Override
    public void add(int env, float[] obs, int action, double reward, float[] nextObs, boolean terminated,
                    boolean truncated, boolean[] nextMask) {
        store.add(env, obs, action, reward, nextObs, terminated, truncated, nextMask);
    }

    @Override
    public void truncate(int env, float[] obs, boolean[] mask) {
        store.truncate(env, obs, mask);
    }

    @Override
    public void abandon(int env) {
        store.abandon(env);
    }

    /** Samples each row's slot uniformly from {@code [0, size())}, independently; weights are 1. */
    @Override
    public void sample(int batchSize, Rng rng, Batch out) {
        out.checkFits(batchSize, spec);
        int n = store.size();
        if (n == 0) throw new IllegalStateException("replay sample: expected a non-empty buffer, actual size 0");
        int[] idx = out.indices();
        for (int b = 0; b < batchSize; b++) idx[b] = rng.nextInt(n);
        Arrays.fill(out.weights(), 1f);
        store.gather(out);
    }

    /** Validates the arguments and otherwise does nothing: uniform replay has no priorities. */
    @Override
    public void updatePriorities(int[] indices, float[] tdErrors) {
        checkPriorityUpdate(indices, tdErrors, store.size());
    }

    static void checkPriorityUpdate(int[] indices, float[] tdErrors, int size) {
        if (indices.length != tdErrors.length) {
            throw new IllegalArgumentException("priority update: expected as many TD errors as indices ("
                    + indices.length + "), actual " + tdErrors.length);
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size) {
                throw new IllegalArgumentException("priority update index " + i + ": expected in [0, " + size
                        + "), actual " + indices[i]);
            }
            if (!Float.isFinite(tdErrors[i])) {
                throw new IllegalArgumentException("priority update TD error " + i + " (slot " + indices[i]
                        + "): expected finite, actual " + tdErrors[i]);
            }
        }
    }

    @Override
    public Map<String, Object> saveState() {
        Map<String, Object> state = new HashMap<>();
        StateMaps.putSpec(state, KIND, spec);
        store.save(state);
        return state;
    }

    @Override
    public void restoreState(Map<String, ?> state) {
        StateMaps.checkSpec(state, KIND, spec);
        store.prepareRestore(state).run();
    }

    @Override
    public String toString() {
        return "ReplayBuffer[size=" + size() + ", " + spec + "]";
    }
}
