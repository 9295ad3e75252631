package dev.rlcode.core.buffer;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns one env's stream of 1-step transitions into n-step transitions (Sutton &amp; Barto §7.1; Rainbow's
 * multi-step returns).
 *
 * <p>For the step taken in s_t it emits the return {@code R = Σ_{k<m} γ^k r_{t+k}}, the state s_{t+m} to bootstrap
 * from, and its discount {@code γ^m}, where normally {@code m = n}. Episode ends stop the sum early:
 * <ul>
 *   <li><b>terminated</b> at s_{t+m}: every pending transition is emitted with {@code terminated = true} (so its
 *       bootstrap term is 0, whatever {@code γ^m} says);
 *   <li><b>truncated</b>: every pending transition is emitted bootstrapping from the final observation with
 *       {@code γ^m}, m = the number of rewards it actually summed, and that observation's mask.
 * </ul>
 * Emission is oldest first; nothing carries over into the next episode. With {@code n = 1} every push is emitted
 * unchanged with discount γ. The mask passed along with s_{t+m} is the one given with it, so a Double-DQN target
 * maximises over the actions legal in the state it bootstraps from.
 *
 * {@snippet :
 * NStepAccumulator acc = new NStepAccumulator(3, 0.99, obsDim);
 * acc.push(obs, action, reward, nextObs, terminated, truncated, nextMask,
 *          (o, a, ret, next, term, mask, discount) -> store(o, a, ret, next, term, mask, discount));
 * }
 * Not thread-safe; use one per env.
 */
public final class NStepAccumulator {

    /** Receives emitted n-step transitions; the arrays are the accumulator's and only valid during the call. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Takes one completed n-step transition.
         *
         * @param obs        {@code [obsDim]} s_t
         * @param action     a_t
         * @param reward     {@code Σ_{k<m} γ^k r_{t+k}}
         * @param nextObs    {@code [obsDim]} s_{t+m}
         * @param terminated whether s_{t+m} is terminal
         * @param nextMask   legal actions of s_{t+m}, as pushed (may be null)
         * @param discount   {@code γ^m}, to be multiplied by {@code 1 − terminated}
         */
        void accept(float[] obs, int action, float reward, float[] nextObs, boolean terminated, boolean[] nextMask,
                    float discount);
    }

    private final int n, obsDim;
    private final double gamma;
    private final double[] gammaPow;          // γ^0 .. γ^n
    private final float[] pendingObs;         // ring of n observations
    private final int[] pendingActions;
    private final double[] pendingRewards;
    private final float[] emitObs;
    private int head, count;

    /**
     * Creates an accumulator with no pending steps.
     *
     * @param n      steps per return, {@code >= 1}
     * @param gamma  discount in {@code [0, 1]}
     * @param obsDim floats per observation, {@code >= 1}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public NStepAccumulator(int n, double gamma, int obsDim) {
        if (n < 1) throw new IllegalArgumentException("n-step n: expected >= 1, actual " + n);
        if (!(gamma >= 0 && gamma <= 1)) throw new IllegalArgumentException("n-step gamma: expected in [0, 1], actual " + gamma);
        if (obsDim < 1) throw new IllegalArgumentException("n-step obsDim: expected >= 1, actual " + obsDim);
        this.n = n;
        this.gamma = gamma;
        this.obsDim = obsDim;
        gammaPow = new double[n + 1];
        for (int k = 0; k <= n; k++) gammaPow[k] = Math.pow(gamma, k);
        pendingObs = new float[n * obsDim];
        pendingActions = new int[n];
        pendingRewards = new double[n];
        emitObs = new float[obsDim];
    }

    /** {@return the number of steps waiting for their n-step window to complete, in {@code [0, n)}} */
    public int pending() {
        return count;
    }

    /**
     * Adds step t and emits every transition that is now complete to {@code out}. Arguments are not validated
     * beyond array lengths; {@link Replay#add} validates them.
     *
     * @param obs        {@code [obsDim]} s_t (copied)
     * @param action     a_t
     * @param reward     r_t
     * @param nextObs    {@code [obsDim]} s_{t+1}
     * @param terminated s_{t+1} is terminal: flush every pending step without bootstrap
     * @param truncated  the episode was cut: flush every pending step bootstrapping from {@code nextObs}
     * @param nextMask   legal actions of s_{t+1}, passed through to {@code out} (may be null)
     * @param out        receives the completed transitions, oldest first
     * @throws IllegalArgumentException if an observation does not have {@code obsDim} floats
     */
    public void push(float[] obs, int action, double reward, float[] nextObs, boolean terminated, boolean truncated,
                     boolean[] nextMask, Sink out) {
        if (obs.length != obsDim || nextObs.length != obsDim) {
            throw new IllegalArgumentException("n-step observation length: expected " + obsDim + ", actual "
                    + obs.length + " (obs), " + nextObs.length + " (nextObs)");
        }
        int slot = (head + count) % n;
        System.arraycopy(obs, 0, pendingObs, slot * obsDim, obsDim);
        pendingActions[slot] = action;
        pendingRewards[slot] = reward;
        count++;
        if (terminated || truncated) {
            while (count > 0) emitOldest(nextObs, terminated, nextMask, out);
            head = 0;
        } else if (count == n) {
            emitOldest(nextObs, false, nextMask, out);
        }
    }

    /** Emits the oldest pending step with the return of all pending rewards, bootstrapping from {@code nextObs}. */
    private void emitOldest(float[] nextObs, boolean terminated, boolean[] nextMask, Sink out) {
        double ret = 0;
        for (int k = 0; k < count; k++) ret += gammaPow[k] * pendingRewards[(head + k) % n];
        System.arraycopy(pendingObs, head * obsDim, emitObs, 0, obsDim);
        int action = pendingActions[head];
        float discount = (float) gammaPow[count];
        head = (head + 1) % n;
        count--;
        out.accept(emitObs, action, (float) ret, nextObs, terminated, nextMask, discount);
    }

    /**
     * Ends the episode here as truncated without a new step: emits every pending step bootstrapping from
     * {@code nextObs} (the observation the episode stopped in) with {@code γ^m}, m = its rewards summed so far, as
     * if its last step had been pushed with {@code truncated = true}. Nothing is emitted when nothing is pending.
     *
     * @param nextObs  {@code [obsDim]} the observation the episode was abandoned in
     * @param nextMask its legal actions (may be null)
     * @param out      receives the completed transitions, oldest first
     * @throws IllegalArgumentException if {@code nextObs} does not have {@code obsDim} floats
     */
    public void truncate(float[] nextObs, boolean[] nextMask, Sink out) {
        if (nextObs.length != obsDim) {
            throw new IllegalArgumentException("n-step observation length: expected " + obsDim + ", actual "
                    + nextObs.length + " (nextObs)");
        }
        while (count > 0) emitOldest(nextObs, false, nextMask, out);
        head = 0;
    }

    /** Drops the pending steps (e.g. when an episode is abandoned without an end signal). */
    public void clear() {
        head = 0;
        count = 0;
    }

    /** {@return the pending window as primitive arrays by name (copied), for a checkpoint} */
    public Map<String, Object> saveState() {
        Map<String, Object> s = new HashMap<>();
        s.put("obs", pendingObs.clone());
        s.put("actions", pendingActions.clone());
        s.put("rewards", pendingRewards.clone());
        s.put("head", new int[] {head});
        s.put("count", new int[] {count});
        s.put("gamma", new double[] {gamma});
        return s;
    }

    /**
     * Restores a window saved by {@link #saveState()} of an accumulator with the same n, γ and obsDim.
     *
     * @throws IllegalArgumentException if the state is missing an array or was saved with other settings
     */
    public void restoreState(Map<String, ?> state) {
        prepareRestore(state).run();
    }

    Runnable prepareRestore(Map<String, ?> state) {
        float[] o = StateMaps.get(state, "obs", float[].class, n * obsDim);
        int[] a = StateMaps.get(state, "actions", int[].class, n);
        double[] r = StateMaps.get(state, "rewards", double[].class, n);
        int h = StateMaps.scalar(state, "head", 0, n - 1);
        int c = StateMaps.scalar(state, "count", 0, n - 1);
        double g = StateMaps.get(state, "gamma", double[].class, 1)[0];
        if (Double.compare(g, gamma) != 0) {
            throw new IllegalArgumentException("n-step state gamma: expected " + gamma + ", actual " + g);
        }
        return () -> {
            System.arraycopy(o, 0, pendingObs, 0, o.length);
            System.arraycopy(a, 0, pendingActions, 0, n);
            System.arraycopy(r, 0, pendingRewards, 0, n);
            head = h;
            count = c;
        };
    }

    @Override
    public String toString() {
        return "NStepAccumulator[n=" + n + ", gamma=" + gamma + ", pending=" + count + "]";
    }
}
