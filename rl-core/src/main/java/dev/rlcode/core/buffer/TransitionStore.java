package dev.rlcode.core.buffer;

import java.util.Arrays;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The ring of stored transitions in flat primitive arrays, with the validated intake of env steps through one
 * {@link NStepAccumulator} per env; shared by the uniform and prioritized buffers.
 */
final class TransitionStore {

    /* Implementation notes
     * Slot i holds obs[i*obsDim ..], actions[i], rewards[i] (n-step return), nextObs[i*obsDim ..],
     * discounts[i] = γ^k (k = rewards summed), terminated[i] (0/1) and nextMasks[i*numActions ..] (0/1, only when
     * the spec is masked). Slots [0, size) are filled; pos is the next slot to write, and when size < capacity,
     * pos == size. A saved state holds only the filled prefix, so a checkpoint of a young buffer stays small. */

    private final ReplaySpec spec;
    private final int obsDim, numActions;
    private final float[] obs, nextObs, rewards, discounts;
    private final int[] actions;
    private final byte[] terminated, nextMasks;
    private final NStepAccumulator[] accumulators;
    private final NStepAccumulator.Sink sink;
    private int pos, size;

    /** @param onStored told the slot of every transition written, after it is written */
    TransitionStore(ReplaySpec spec, IntConsumer onStored) {
        this.spec = spec;
        this.obsDim = spec.obsDim();
        this.numActions = spec.numActions();
        int c = spec.capacity();
        obs = new float[c * obsDim];
        nextObs = new float[c * obsDim];
        rewards = new float[c];
        discounts = new float[c];
        actions = new int[c];
        terminated = new byte[c];
        nextMasks = spec.masked() ? new byte[c * numActions] : null;
        accumulators = new NStepAccumulator[spec.numEnvs()];
        for (int e = 0; e < accumulators.length; e++) {
            accumulators[e] = new NStepAccumulator(spec.nStep(), spec.gamma(), obsDim);
        }
        sink = (o, a, r, no, t, m, d) -> onStored.accept(write(o, a, r, no, t, m, d));
    }

    /** Validates one env step (see {@link Replay#add}) and feeds it through env {@code env}'s n-step window. */
    void add(int env, float[] o, int action, double reward, float[] nextO, boolean term, boolean trunc,
             boolean[] nextMask) {
        java.util.Objects.checkIndex(env, accumulators.length);
        if (o.length != obsDim || nextO.length != obsDim) {
            throw new IllegalArgumentException("replay observation length: expected " + obsDim + ", actual "
                    + o.length + " (obs), " + nextO.length + " (nextObs)");
        }
        if (action < 0 || action >= numActions) {
            throw new IllegalArgumentException("replay action: expected in [0, " + numActions + "), actual " + action);
        }
        if (!Double.isFinite(reward)) throw new IllegalArgumentException("replay reward: expected finite, actual " + reward);
        checkMask(nextMask, term);
        accumulators[env].push(o, action, reward, nextO, term, trunc, nextMask, sink);
    }

    /** Ends env {@code env}'s episode as truncated in {@code o} (see {@link Replay#truncate}). */
    void truncate(int env, float[] o, boolean[] mask) {
        java.util.Objects.checkIndex(env, accumulators.length);
        if (o.length != obsDim) {
            throw new IllegalArgumentException("replay observation length: expected " + obsDim + ", actual "
                    + o.length + " (obs)");
        }
        checkMask(mask, false);
        accumulators[env].truncate(o, mask, sink);
    }

    /** Drops env {@code env}'s pending window (see {@link Replay#abandon}). */
    void abandon(int env) {
        java.util.Objects.checkIndex(env, accumulators.length);
        accumulators[env].clear();
    }

    private void checkMask(boolean[] mask, boolean term) {
        if (!spec.masked()) {
            if (mask != null) {
                throw new IllegalArgumentException("replay nextMask: expected null (the spec has masked = false), "
                        + "actual boolean[" + mask.length + "]");
            }
            return;
        }
        if (mask == null) {
            if (term) return;
            throw new IllegalArgumentException("replay nextMask: expected boolean[" + numActions + "] for a "
                    + "non-terminal next state, actual null");
        }
        if (mask.length != numActions) {
            throw new IllegalArgumentException("replay nextMask length: expected " + numActions + " (numActions), "
                    + "actual " + mask.length);
        }
        if (term) return;
        for (boolean legal : mask) {
            if (legal) return;
        }
        throw new IllegalArgumentException("replay nextMask: expected at least one legal action in a non-terminal "
                + "next state, actual none");
    }

    int size() {
        return size;
    }

    /** Stores one transition (arrays copied) and returns its slot. A terminated transition's mask is all-legal. */
    private int write(float[] o, int action, float reward, float[] nextO, boolean term, boolean[] nextMask, float discount) {
        int i = pos;
        System.arraycopy(o, 0, obs, i * obsDim, obsDim);
        System.arraycopy(nextO, 0, nextObs, i * obsDim, obsDim);
        actions[i] = action;
        rewards[i] = reward;
        discounts[i] = discount;
        terminated[i] = (byte) (term ? 1 : 0);
        if (nextMasks != null) {
            for (int a = 0; a < numActions; a++) {
                nextMasks[i * numActions + a] = (byte) (term || nextMask == null || nextMask[a] ? 1 : 0);
            }
        }
        pos = (pos + 1) % spec.capacity();
        size = Math.min(size + 1, spec.capacity());
        return i;
    }

    /** Copies the transitions at {@code out.indices()} into {@code out}, leaving {@code out.weights()} alone. */
    void gather(Batch out) {
        int[] idx = out.indices();
        for (int b = 0; b < idx.length; b++) {
            int i = idx[b];
            assert i >= 0 && i < size : i;
            System.arraycopy(obs, i * obsDim, out.obs(), b * obsDim, obsDim);
            System.arraycopy(nextObs, i * obsDim, out.nextObs(), b * obsDim, obsDim);
            out.actions()[b] = actions[i];
            out.rewards()[b] = rewards[i];
            out.discounts()[b] = terminated[i] != 0 ? 0f : discounts[i];
            if (nextMasks != null) {
                for (int a = 0; a < numActions; a++) out.nextMasks()[b * numActions + a] = nextMasks[i * numActions + a];
            } else {
                Arrays.fill(out.nextMasks(), b * numActions, (b + 1) * numActions, 1);
            }
        }
    }

    void save(Map<String, Object> state) {
        state.put("obs", Arrays.copyOf(obs, size * obsDim));
        state.put("nextObs", Arrays.copyOf(nextObs, size * obsDim));
        state.put("actions", Arrays.copyOf(actions, size));
        state.put("rewards", Arrays.copyOf(rewards, size));
        state.put("discounts", Arrays.copyOf(discounts, size));
        state.put("terminated", Arrays.copyOf(terminated, size));
        if (nextMasks != null) state.put("nextMasks", Arrays.copyOf(nextMasks, size * numActions));
        state.put("position", new int[] {pos});
        state.put("size", new int[] {size});
        for (int e = 0; e < accumulators.length; e++) {
            String prefix = "nstep." + e + ".";
            accumulators[e].saveState().forEach((k, v) -> state.put(prefix + k, v));
        }
    }

    /** Validates a saved state and returns the action that installs it (so a bad state changes nothing). */
    Runnable prepareRestore(Map<String, ?> state) {
        int c = spec.capacity();
        int n = StateMaps.scalar(state, "size", 0, c);
        int p = StateMaps.scalar(state, "position", 0, c - 1);
        if (n < c && p != n) {
            throw new IllegalArgumentException("replay state 'position': expected " + n + " (= size while not full), "
                    + "actual " + p);
        }
        float[] o = StateMaps.get(state, "obs", float[].class, n * obsDim);
        float[] no = StateMaps.get(state, "nextObs", float[].class, n * obsDim);
        int[] a = StateMaps.get(state, "actions", int[].class, n);
        float[] r = StateMaps.get(state, "rewards", float[].class, n);
        float[] d = StateMaps.get(state, "discounts", float[].class, n);
        byte[] t = StateMaps.get(state, "terminated", byte[].class, n);
        byte[] m = nextMasks != null ? StateMaps.get(state, "nextMasks", byte[].class, n * numActions) : null;
        for (int i = 0; i < n; i++) {
            if (a[i] < 0 || a[i] >= numActions) {
                throw new IllegalArgumentException("replay state 'actions'[" + i + "]: expected in [0, " + numActions
                        + "), actual " + a[i]);
            }
        }
        Runnable[] windows = new Runnable[accumulators.length];
        for (int e = 0; e < accumulators.length; e++) {
            windows[e] = accumulators[e].prepareRestore(StateMaps.sub(state, "nstep." + e + "."));
        }
        return () -> {
            for (Runnable w : windows) w.run();
            System.arraycopy(o, 0, obs, 0, o.length);
            System.arraycopy(no, 0, nextObs, 0, no.length);
            System.arraycopy(a, 0, actions, 0, n);
            System.arraycopy(r, 0, rewards, 0, n);
            System.arraycopy(d, 0, discounts, 0, n);
            System.arraycopy(t, 0, terminated, 0, n);
            if (m != null) System.arraycopy(m, 0, nextMasks, 0, m.length);
            pos = p;
            size = n;
        };
    }
}
