package dev.rlcode.core.vector;

import dev.rlcode.core.env.StepResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link VectorEnv#step(int[])} returns: Gymnasium's batched 5-tuple, one row per env.
 *
 * <p>For an env that ended its episode on this step under same-step autoreset, {@code observations[i]} is already
 * the first observation of the next episode and the last observation of the ended one is
 * {@link #finalObservation(int)}; under next-step autoreset {@code observations[i]} is that last observation itself
 * (and {@link #finalObservation(int)} is empty). The arrays are fresh for each call and owned by the caller; they
 * are not copied.
 *
 * @param observations {@code [numEnvs][obsDim]} observations after the step (after autoreset)
 * @param rewards      {@code [numEnvs]} rewards of the step
 * @param terminated   {@code [numEnvs]} whether env {@code i} reached a terminal state
 * @param truncated    {@code [numEnvs]} whether env {@code i} was cut short (time limit)
 * @param infos        one unmodifiable info map per env (the list is copied)
 */
public record VectorStepResult(float[][] observations, double[] rewards, boolean[] terminated, boolean[] truncated,
                               List<Map<String, Object>> infos) {
    public VectorStepResult {
        int n = observations.length;
        if (rewards.length != n || terminated.length != n || truncated.length != n || infos.size() != n) {
            throw new IllegalArgumentException("batch sizes: expected all " + n + " (numEnvs), actual rewards "
                    + rewards.length + ", terminated " + terminated.length + ", truncated " + truncated.length
                    + ", infos " + infos.size());
        }
        infos = List.copyOf(infos);
    }

    /** {@return whether env {@code i} ended an episode on this step} @param i env index */
    public boolean done(int i) {
        return terminated[i] || truncated[i];
    }

    /**
     * {@return the last observation of the episode env {@code i} ended on this step under same-step autoreset;
     * empty if it did not end, or under next-step autoreset, where {@code observations()[i]} is that observation}
     */
    public Optional<float[]> finalObservation(int i) {
        return Optional.ofNullable((float[]) infos.get(i).get(StepResult.FINAL_OBSERVATION));
    }

    /** {@return the info of the step that ended env {@code i}'s episode; empty if it did not end} */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> finalInfo(int i) {
        return Optional.ofNullable((Map<String, Object>) infos.get(i).get(StepResult.FINAL_INFO));
    }
}
