package dev.rlcode.core.vector;

import dev.rlcode.core.env.ActionMasked;
import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.ResetResult;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.space.Space;
import dev.rlcode.core.wrapper.Wrapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * What the vector envs share: validation, seeding, autoreset (either mode) and batching. Subclasses decide only how
 * the per-env work of one call is run ({@link #forEachEnv(IntConsumer)}).
 */
abstract sealed class AbstractVectorEnv implements VectorEnv permits SyncVectorEnv, ThreadPoolVectorEnv {

    /*
     * Implementation notes. Each env is touched by exactly one task per call and the batch arrays are written at
     * distinct indices, so the per-env work needs no locking; the executor's invokeAll gives the happens-before
     * edges between calls. Everything that depends on more than one env (validation, building the result) runs
     * on the caller's thread, which is why a thread-pool run equals a sequential one.
     */

    private final List<Env<float[], Integer>> envs;
    private final List<ActionMasked> masks; // empty when the envs are not masked
    private final Space<float[]> observationSpace;
    private final Discrete actionSpace;
    private final AutoresetMode autoreset;
    private final boolean[] pendingReset; // NEXT_STEP: env i ended its episode in the last step
    private boolean started;
    private boolean seeded;
    private boolean closed;

    AbstractVectorEnv(List<? extends Env<float[], Integer>> envs, AutoresetMode autoreset) {
        if (envs.isEmpty()) throw new IllegalArgumentException("envs: expected at least 1, actual 0");
        this.autoreset = Objects.requireNonNull(autoreset, "autoreset");
        this.pendingReset = new boolean[envs.size()];
        this.envs = List.copyOf(envs);
        Env<float[], Integer> first = this.envs.getFirst();
        this.observationSpace = first.observationSpace();
        if (!(first.actionSpace() instanceof Discrete d)) {
            throw new IllegalArgumentException("action space: expected Discrete, actual " + first.actionSpace());
        }
        this.actionSpace = d;
        boolean masked = Wrapper.isMasked(first);
        List<ActionMasked> found = new ArrayList<>();
        for (int i = 0; i < this.envs.size(); i++) {
            Env<float[], Integer> e = this.envs.get(i);
            if (!e.observationSpace().equals(observationSpace) || !e.actionSpace().equals(actionSpace)) {
                throw new IllegalArgumentException("env " + i + " spaces: expected " + observationSpace + " and "
                        + actionSpace + " (those of env 0), actual " + e.observationSpace() + " and " + e.actionSpace());
            }
            if (Wrapper.isMasked(e) != masked) {
                throw new IllegalArgumentException("env " + i + " masking: expected " + (masked ? "masked" : "unmasked")
                        + " like env 0, actual " + (masked ? "unmasked" : "masked"));
            }
            Wrapper.findActionMasked(e).ifPresent(found::add);
        }
        this.masks = List.copyOf(found);
    }

    static List<Env<float[], Integer>> create(int numEnvs, Supplier<? extends Env<float[], Integer>> factory) {
        if (numEnvs < 1) throw new IllegalArgumentException("numEnvs: expected >= 1, actual " + numEnvs);
        List<Env<float[], Integer>> list = new ArrayList<>(numEnvs);
        for (int i = 0; i < numEnvs; i++) list.add(factory.get());
        return list;
    }

    @Override
    public final AutoresetMode autoresetMode() {
        return autoreset;
    }

    /** Runs {@code body.accept(i)} once for every env index {@code i}, returning when all are done. */
    abstract void forEachEnv(IntConsumer body);

    @Override
    public final int numEnvs() {
        return envs.size();
    }

    @Override
    public final Space<float[]> singleObservationSpace() {
        return observationSpace;
    }

    @Override
    public final Discrete singleActionSpace() {
        return actionSpace;
    }

    @Override
    public final VectorResetResult reset(long seed) {
        seeded = true;
        return resetAll(i -> envs.get(i).reset(seed + i));
    }

    @Override
    public final VectorResetResult reset() {
        if (!seeded) return reset(0L); // distinct seeds 0..n-1, not n envs all on their default seed 0
        return resetAll(i -> envs.get(i).reset());
    }

    private VectorResetResult resetAll(IntFunction<ResetResult<float[]>> reset) {
        checkOpen();
        int n = numEnvs();
        float[][] obs = new float[n][];
        List<Map<String, Object>> infos = slots(n);
        Arrays.fill(pendingReset, false);
        forEachEnv(i -> {
            ResetResult<float[]> r = reset.apply(i);
            obs[i] = r.observation().clone();
            infos.set(i, r.info());
        });
        started = true;
        return new VectorResetResult(obs, infos);
    }

    @Override
    public final VectorStepResult step(int[] actions) {
        checkOpen();
        if (!started) throw new IllegalStateException("step: expected a reset vector env, actual never reset");
        validate(actions);
        int n = numEnvs();
        float[][] obs = new float[n][];
        double[] rewards = new double[n];
        boolean[] terminated = new boolean[n], truncated = new boolean[n];
        List<Map<String, Object>> infos = slots(n);
        forEachEnv(i -> {
            Env<float[], Integer> env = envs.get(i);
            if (pendingReset[i]) { // NEXT_STEP: this step resets the env; its action is ignored
                ResetResult<float[]> next = env.reset();
                pendingReset[i] = false;
                obs[i] = next.observation().clone();
                infos.set(i, next.info());
                return; // reward 0, not terminated, not truncated
            }
            StepResult<float[]> r = env.step(actions[i]);
            rewards[i] = r.reward();
            terminated[i] = r.terminated();
            truncated[i] = r.truncated();
            if (!r.done() || autoreset == AutoresetMode.NEXT_STEP) {
                obs[i] = r.observation().clone();
                Map<String, Object> info = r.info();
                if (r.done() && !masks.isEmpty()) {
                    // actionMasks() allows every action for the pending reset: the last state's own mask (for a
                    // masked target on truncation) comes with this step, under the same key as in same-step mode
                    Map<String, Object> withMask = new HashMap<>(info);
                    withMask.put(FINAL_ACTION_MASK, masks.get(i).actionMask());
                    info = Map.copyOf(withMask);
                }
                infos.set(i, info);
                pendingReset[i] = r.done();
                return;
            }
            boolean[] finalMask = masks.isEmpty() ? null : masks.get(i).actionMask();
            ResetResult<float[]> next = env.reset();
            Map<String, Object> info = new HashMap<>(next.info());
            info.put(StepResult.FINAL_OBSERVATION, r.observation().clone());
            info.put(StepResult.FINAL_INFO, r.info());
            if (finalMask != null) info.put(FINAL_ACTION_MASK, finalMask);
            obs[i] = next.observation().clone();
            infos.set(i, Map.copyOf(info));
        });
        return new VectorStepResult(obs, rewards, terminated, truncated, infos);
    }

    /** {@return a list of {@code n} nulls, filled in by index from the per-env tasks} */
    private static List<Map<String, Object>> slots(int n) {
        return new ArrayList<>(Collections.nCopies(n, null));
    }

    private void validate(int[] actions) {
        if (actions.length != numEnvs()) {
            throw new IllegalArgumentException("actions length: expected " + numEnvs() + " (numEnvs), actual "
                    + actions.length);
        }
        for (int i = 0; i < actions.length; i++) {
            if (!actionSpace.contains(actions[i])) {
                throw new IllegalArgumentException("action of env " + i + ": expected an element of " + actionSpace
                        + ", actual " + actions[i]);
            }
            if (!masks.isEmpty() && !pendingReset[i] && masks.get(i).refusesIllegalActions()
                    && !masks.get(i).actionMask()[actions[i] - actionSpace.start()]) {
                throw new IllegalArgumentException("action of env " + i + ": expected a legal action, actual "
                        + actions[i] + " which is masked out");
            }
        }
    }

    @Override
    public final boolean isMasked() {
        return !masks.isEmpty();
    }

    @Override
    public final boolean[][] actionMasks() {
        if (masks.isEmpty()) throw new IllegalStateException("action masks: expected masked envs, actual unmasked");
        boolean[][] out = new boolean[masks.size()][];
        for (int i = 0; i < out.length; i++) {
            if (pendingReset[i]) { // NEXT_STEP: the env's next action is ignored, so any is legal
                out[i] = new boolean[actionSpace.n()];
                Arrays.fill(out[i], true);
            } else {
                out[i] = masks.get(i).actionMask();
            }
        }
        return out;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("vector env: expected open, actual closed");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        RuntimeException first = null;
        for (Env<float[], Integer> e : envs) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                if (first == null) first = ex;
                else first.addSuppressed(ex);
            }
        }
        if (first != null) throw first;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + envs.getFirst() + ", numEnvs=" + numEnvs() + ")";
    }
}
