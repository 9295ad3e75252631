package dev.rlcode.core.wrapper;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.ResetResult;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Space;
import java.util.Arrays;

/**
 * Normalises each observation component to roughly zero mean and unit variance with running statistics
 * (Gymnasium's {@code NormalizeObservation}): {@code (x - mean) / sqrt(var + 1e-8)}, optionally clipped to
 * {@code [-clip, clip]}.
 *
 * <p>The mean and (population) variance are updated with Welford's algorithm from every observation the env
 * returns, reset observations included, before that observation is normalised. {@link #freeze()} stops the
 * updates (for evaluation); {@link #state()} and {@link #setState(State)} save and restore the statistics for a
 * checkpoint. Unlike Gymnasium, which starts from mean 0, variance 1 and a pseudo-count of 1e-4, the statistics
 * start empty, so the first observation normalises to 0.
 *
 * {@snippet :
 * var env = new NormalizeObservation<>(CartPole.make(), 10.0);    // clip to [-10, 10]
 * // ... train ...
 * NormalizeObservation.State saved = env.state();
 * env.freeze();                                                   // evaluate with fixed statistics
 * }
 *
 * @param <A> action type
 */
public final class NormalizeObservation<A> extends Wrapper<float[], A> {

    /** Added to the variance before the square root, so constant components do not divide by zero. */
    public static final double EPSILON = 1e-8;

    /**
     * Running statistics, as saved in a checkpoint.
     *
     * @param count number of observations seen, at least 0
     * @param mean  per-component mean, length = observation dimension (copied)
     * @param m2    per-component sum of squared deviations from the mean, each at least 0 (copied)
     */
    public record State(long count, double[] mean, double[] m2) {
        public State {
            if (count < 0) throw new IllegalArgumentException("count: expected >= 0, actual " + count);
            if (mean.length != m2.length) {
                throw new IllegalArgumentException("m2 length: expected " + mean.length + " (mean length), actual "
                        + m2.length);
            }
            for (double v : m2) {
                if (!(v >= 0)) throw new IllegalArgumentException("m2: expected every entry >= 0, actual " + v);
            }
            mean = mean.clone();
            m2 = m2.clone();
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] m2() {
            return m2.clone();
        }

        /** {@return the per-component population variance, {@code m2 / count} (all 0 when nothing was seen)} */
        public double[] variance() {
            double[] var = new double[m2.length];
            if (count > 0) for (int i = 0; i < var.length; i++) var[i] = m2[i] / count;
            return var;
        }
    }

    private final double clip;
    private final Box normalisedSpace;
    private long count;
    private final double[] mean;
    private final double[] m2;
    private boolean updating = true;

    /** Wraps {@code env} without clipping. @param env an env with a {@link Box} observation space, not null */
    public NormalizeObservation(Env<float[], A> env) {
        this(env, Double.POSITIVE_INFINITY);
    }

    /**
     * Wraps {@code env}, clipping normalised components to {@code [-clip, clip]}.
     *
     * @param env  an env with a {@link Box} observation space, not null
     * @param clip the clip bound, positive; {@code Double.POSITIVE_INFINITY} for none
     * @throws IllegalArgumentException if {@code clip} is not positive or the observation space is not a Box
     */
    public NormalizeObservation(Env<float[], A> env, double clip) {
        super(env);
        if (!(clip > 0)) throw new IllegalArgumentException("clip: expected > 0, actual " + clip);
        int dim = switch (env.observationSpace()) {
            case Box box -> box.dim();
        };
        this.clip = clip;
        this.normalisedSpace = Box.of((float) -clip, (float) clip, dim);
        this.mean = new double[dim];
        this.m2 = new double[dim];
    }

    /** {@return a box of the observation dimension bounded by {@code ±clip} (unbounded without clipping)} */
    @Override
    public Space<float[]> observationSpace() {
        return normalisedSpace;
    }

    @Override
    public ResetResult<float[]> reset(long seed) {
        ResetResult<float[]> r = env.reset(seed);
        return new ResetResult<>(observe(r.observation()), r.info());
    }

    @Override
    public ResetResult<float[]> reset() {
        ResetResult<float[]> r = env.reset();
        return new ResetResult<>(observe(r.observation()), r.info());
    }

    @Override
    public StepResult<float[]> step(A action) {
        StepResult<float[]> r = env.step(action);
        return new StepResult<>(observe(r.observation()), r.reward(), r.terminated(), r.truncated(), r.info());
    }

    private float[] observe(float[] x) {
        if (updating) update(x);
        return normalise(x);
    }

    // Welford: n += 1; delta = x - mean; mean += delta / n; m2 += delta * (x - mean_new)
    private void update(float[] x) {
        count++;
        for (int i = 0; i < mean.length; i++) {
            double delta = x[i] - mean[i];
            mean[i] += delta / count;
            m2[i] += delta * (x[i] - mean[i]);
        }
    }

    /**
     * {@return {@code x} normalised with the current statistics, without updating them}
     *
     * @param x an observation of the wrapped env, length = observation dimension. Not modified.
     * @throws IllegalArgumentException if {@code x} has the wrong length
     */
    public float[] normalise(float[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("observation length: expected " + mean.length + ", actual " + x.length);
        }
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double var = count == 0 ? 0 : m2[i] / count;
            double z = (x[i] - mean[i]) / Math.sqrt(var + EPSILON);
            out[i] = (float) Math.max(-clip, Math.min(clip, z));
        }
        return out;
    }

    /** Stops updating the statistics; observations are still normalised. */
    public void freeze() {
        updating = false;
    }

    /** Resumes updating the statistics. */
    public void unfreeze() {
        updating = true;
    }

    /** {@return whether observations update the statistics} */
    public boolean updating() {
        return updating;
    }

    /** {@return a copy of the current statistics} */
    public State state() {
        return new State(count, mean, m2);
    }

    /**
     * Replaces the statistics, e.g. from a checkpoint.
     *
     * @param state statistics of the same observation dimension, not null
     * @throws IllegalArgumentException if the dimension differs
     */
    public void setState(State state) {
        if (state.mean().length != mean.length) {
            throw new IllegalArgumentException("state dimension: expected " + mean.length + ", actual "
                    + state.mean().length);
        }
        count = state.count();
        System.arraycopy(state.mean(), 0, mean, 0, mean.length);
        System.arraycopy(state.m2(), 0, m2, 0, m2.length);
    }

    @Override
    public String toString() {
        return "NormalizeObservation<" + env + ", n=" + count + ", mean=" + Arrays.toString(mean) + ">";
    }
}
