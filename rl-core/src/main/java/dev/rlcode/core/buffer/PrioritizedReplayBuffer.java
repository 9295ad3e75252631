package dev.rlcode.core.buffer;

import dev.rlcode.core.optim.LinearSchedule;
import dev.rlcode.core.rng.Rng;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Proportional prioritized experience replay (Schaul et al. 2016, https://arxiv.org/abs/1511.05952): transition i
 * is sampled with probability {@code P(i) = p_i^α / Σ_j p_j^α}, and its loss is scaled by the importance-sampling
 * weight {@code w_i = (N·P(i))^−β / max_j w_j}.
 *
 * <ul>
 *   <li>Priorities are {@code p = |δ| + ε} ({@link #updatePriorities}); a new transition gets the largest priority
 *       seen so far (1 at the start), so it is sampled at least once soon.
 *   <li>Sampling is stratified: the total priority mass is cut into {@code batchSize} equal segments and one
 *       transition is drawn from each, as in the paper's Appendix B.2.1.
 *   <li>{@code max_j w_j} is taken over the whole buffer, from the smallest stored priority (a min-tree), so
 *       weights are in {@code (0, 1]} and comparable across batches; N is {@link #size()}.
 *   <li>β grows linearly from {@code beta0} to 1 over {@code betaAnnealSteps} steps; the agent reports its step with
 *       {@link #setStep(long)}.
 * </ul>
 * Storage, n-step returns and masks are as in {@link ReplayBuffer}. Not thread-safe.
 *
 * {@snippet :
 * var rb = new PrioritizedReplayBuffer(ReplaySpec.of(100_000, 4, 2, 0.99), 0.6, 0.4, totalTimesteps);
 * rb.setStep(globalStep);
 * rb.sample(32, replayRng, batch);             // loss_i · batch.weights()[i]
 * rb.updatePriorities(batch.indices(), tdErrors);
 * }
 */
public final class PrioritizedReplayBuffer implements Replay {

    /** Default ε added to |δ| so that no transition's priority is 0. */
    public static final double DEFAULT_EPSILON = 1e-6;
    static final String KIND = "prioritized";

    private final ReplaySpec spec;
    private final TransitionStore store;
    private final SumTree tree;
    private final double alpha, epsilon;
    private final LinearSchedule betaSchedule;
    private double maxPriority = 1.0;
    private long step;

    /**
     * Creates an empty buffer with {@link #DEFAULT_EPSILON}.
     *
     * @param spec            transition shape, capacity, n-step settings
     * @param alpha           priority exponent α {@code >= 0}; 0 is uniform sampling (paper: 0.6)
     * @param beta0           initial IS exponent β in {@code [0, 1]} (paper: 0.4)
     * @param betaAnnealSteps steps over which β reaches 1, {@code >= 0} (usually the run's total timesteps)
     * @throws IllegalArgumentException if a value is out of range
     */
    public PrioritizedReplayBuffer(ReplaySpec spec, double alpha, double beta0, long betaAnnealSteps) {
        this(spec, alpha, beta0, betaAnnealSteps, DEFAULT_EPSILON);
    }

    /**
     * Creates an empty buffer.
     *
     * @param epsilon added to |δ|, finite and {@code > 0}
     * @throws IllegalArgumentException if a value is out of range
     * @see #PrioritizedReplayBuffer(ReplaySpec, double, double, long)
     */
    public PrioritizedReplayBuffer(ReplaySpec spec, double alpha, double beta0, long betaAnnealSteps, double epsilon) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("PER alpha: expected finite and >= 0, actual " + alpha);
        }
        if (!(beta0 >= 0 && beta0 <= 1)) throw new IllegalArgumentException("PER beta0: expected in [0, 1], actual " + beta0);
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("PER epsilon: expected finite and > 0, actual " + epsilon);
        }
        this.alpha = alpha;
        this.epsilon = epsilon;
        this.betaSchedule = new LinearSchedule(beta0, 1.0, betaAnnealSteps);
        this.tree = new SumTree(spec.capacity());
        this.store = new TransitionStore(spec, slot -> tree.set(slot, Math.pow(maxPriority, alpha)));
    }

    @Override
    public ReplaySpec spec() {
        return spec;
    }

    @Override
    public int size() {
        return store.size();
    }

    /** {@inheritDoc} Each transition stored is given priority {@link #maxPriority()}. */
    @Override
    public void add(int env, float[] obs, int action, double reward, float[] nextObs, boolean terminated,
                    boolean truncated, boolean[] nextMask) {
        store.add(env, obs, action, reward, nextObs, terminated, truncated, nextMask);
    }

    /** {@inheritDoc} Each transition stored is given priority {@link #maxPriority()}. */
    @Override
    public void truncate(int env, float[] obs, boolean[] mask) {
        store.truncate(env, obs, mask);
    }

    @Override
    public void abandon(int env) {
        store.abandon(env);
    }

    /** {@return the priority exponent α} */
    public double alpha() {
        return alpha;
    }

    /** {@return the current IS exponent β, from the step last given to {@link #setStep(long)}} */
    public double beta() {
        return betaSchedule.value(step);
    }

    /**
     * Sets the training step that determines β.
     *
     * @param step global step, {@code >= 0}
     * @throws IllegalArgumentException if {@code step < 0}
     */
    public void setStep(long step) {
        betaSchedule.value(step); // validates
        this.step = step;
    }

    /** {@return the largest priority {@code |δ| + ε} seen so far (1 before any update), given to new transitions} */
    public double maxPriority() {
        return maxPriority;
    }

    /**
     * {@return the probability {@code P(i)} that one draw picks slot {@code index}}
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
     */
    public double probability(int index) {
        Objects.checkIndex(index, store.size());
        return tree.get(index) / tree.total();
    }

    /** Draws row b from the b-th of {@code batchSize} equal segments of the priority mass; see the class notes. */
    @Override
    public void sample(int batchSize, Rng rng, Batch out) {
        out.checkFits(batchSize, spec);
        if (store.size() == 0) {
            throw new IllegalStateException("replay sample: expected a non-empty buffer, actual size 0");
        }
        double total = tree.total(), segment = total / batchSize, minPriority = tree.min(), beta = beta();
        int[] idx = out.indices();
        float[] w = out.weights();
        for (int b = 0; b < batchSize; b++) {
            int i = tree.find(segment * (b + rng.nextDouble()));
            idx[b] = i;
            // w_i / max_j w_j = (N·P(i))^−β / (N·P_min)^−β = (p_i^α / min_j p_j^α)^−β
            w[b] = (float) Math.pow(tree.get(i) / minPriority, -beta);
        }
        store.gather(out);
    }

    /** Sets the priority of each slot to {@code |δ| + ε}; a slot listed twice keeps the last value. */
    @Override
    public void updatePriorities(int[] indices, float[] tdErrors) {
        ReplayBuffer.checkPriorityUpdate(indices, tdErrors, store.size());
        for (int k = 0; k < indices.length; k++) {
            double p = Math.abs((double) tdErrors[k]) + epsilon;
            tree.set(indices[k], Math.pow(p, alpha));
            maxPriority = Math.max(maxPriority, p);
        }
    }

    /** {@inheritDoc} Priorities are saved as the tree's leaves {@code p^α}; the tree is rebuilt from them. */
    @Override
    public Map<String, Object> saveState() {
        Map<String, Object> state = new HashMap<>();
        StateMaps.putSpec(state, KIND, spec);
        store.save(state);
        double[] leaves = new double[store.size()];
        for (int i = 0; i < leaves.length; i++) leaves[i] = tree.get(i);
        state.put("priorities", leaves);
        state.put("alpha", new double[] {alpha});
        state.put("maxPriority", new double[] {maxPriority});
        state.put("step", new long[] {step});
        return state;
    }

    @Override
    public void restoreState(Map<String, ?> state) {
        StateMaps.checkSpec(state, KIND, spec);
        Runnable restoreStore = store.prepareRestore(state);
        int n = StateMaps.scalar(state, "size", 0, spec.capacity());
        double[] leaves = StateMaps.get(state, "priorities", double[].class, n);
        for (int i = 0; i < n; i++) {
            if (!(leaves[i] > 0) || Double.isInfinite(leaves[i])) {
                throw new IllegalArgumentException("replay state 'priorities'[" + i + "]: expected finite and > 0, "
                        + "actual " + leaves[i]);
            }
        }
        double a = StateMaps.get(state, "alpha", double[].class, 1)[0];
        if (Double.compare(a, alpha) != 0) {
            throw new IllegalArgumentException("replay state alpha: expected " + alpha + ", actual " + a);
        }
        double maxP = StateMaps.get(state, "maxPriority", double[].class, 1)[0];
        if (!(maxP > 0) || Double.isInfinite(maxP)) {
            throw new IllegalArgumentException("replay state maxPriority: expected finite and > 0, actual " + maxP);
        }
        long s = StateMaps.get(state, "step", long[].class, 1)[0];
        if (s < 0) throw new IllegalArgumentException("replay state step: expected >= 0, actual " + s);

        restoreStore.run();
        tree.clear();
        for (int i = 0; i < n; i++) tree.set(i, leaves[i]);
        maxPriority = maxP;
        step = s;
    }

    @Override
    public String toString() {
        return "PrioritizedReplayBuffer[size=" + size() + ", alpha=" + alpha + ", beta=" + beta() + ", " + spec + "]";
    }
}
