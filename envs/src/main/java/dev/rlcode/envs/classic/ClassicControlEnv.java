package dev.rlcode.envs.classic;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.ResetResult;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.rng.Rng;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.space.Space;
import java.util.random.RandomGenerator;

/**
 * What the classic-control envs share: seeding, the episode protocol and action validation (the part of
 * Gymnasium's {@code Env.reset(seed=...)} and {@code OrderEnforcing} they rely on). Each subclass keeps its
 * state in float64, as Gymnasium keeps it in numpy float64, and returns float32 observations.
 */
abstract sealed class ClassicControlEnv implements Env<float[], Integer> permits CartPole, MountainCar, Acrobot {

    /*
     * Implementation notes. Subclasses keep Gymnasium's operation order (Python and Java both evaluate left to
     * right) and use StrictMath for sin and cos: fdlibm gives the same bits on every JVM and platform, and agrees
     * with numpy on every step of the recorded Gymnasium trajectories, so the float64 states match bit for bit.
     */

    private final Box observationSpace;
    private final Discrete actionSpace;
    private Rng rng;
    private boolean running;
    private boolean terminated;

    ClassicControlEnv(Box observationSpace, Discrete actionSpace) {
        this.observationSpace = observationSpace;
        this.actionSpace = actionSpace;
    }

    /** Draws a start state from the env's start distribution. */
    abstract void sampleInitialState(RandomGenerator rng);

    /** Advances the state by one step under {@code action}, a valid action. */
    abstract StepResult<float[]> transition(int action);

    /** {@return the observation of the current state} */
    abstract float[] observation();

    @Override
    public final Space<float[]> observationSpace() {
        return observationSpace;
    }

    @Override
    public final Space<Integer> actionSpace() {
        return actionSpace;
    }

    @Override
    public final ResetResult<float[]> reset(long seed) {
        rng = Rng.of(seed);
        return start();
    }

    @Override
    public final ResetResult<float[]> reset() {
        if (rng == null) rng = Rng.of(0);
        return start();
    }

    private ResetResult<float[]> start() {
        sampleInitialState(rng);
        startEpisode();
        return new ResetResult<>(observation());
    }

    /** Marks an episode as running from the current state; {@code setState} calls it too. */
    final void startEpisode() {
        running = true;
        terminated = false;
    }

    /**
     * Advances one step.
     *
     * @throws IllegalArgumentException if {@code action} is null or not in the action space
     * @throws IllegalStateException    if the env was never reset, or the episode terminated
     */
    @Override
    public final StepResult<float[]> step(Integer action) {
        if (action == null || !actionSpace.contains(action)) {
            throw new IllegalArgumentException("action: expected an element of " + actionSpace + ", actual " + action);
        }
        if (!running) {
            throw new IllegalStateException("step: expected a running episode, actual "
                    + (terminated ? "terminated (call reset)" : "none (call reset first)"));
        }
        StepResult<float[]> r = transition(action);
        if (r.terminated()) {
            running = false;
            terminated = true;
        }
        return r;
    }

    /** Uniform on {@code [low, high)}, as numpy's {@code Generator.uniform}. */
    static double uniform(RandomGenerator rng, double low, double high) {
        return low + (high - low) * rng.nextDouble();
    }

    /** Checks a state passed to {@code setState}: the expected number of finite components. */
    static double[] checkState(double[] state, int length, String layout) {
        if (state.length != length) {
            throw new IllegalArgumentException("state length: expected " + length + " " + layout + ", actual "
                    + state.length);
        }
        for (int i = 0; i < length; i++) {
            if (!Double.isFinite(state[i])) {
                throw new IllegalArgumentException("state[" + i + "]: expected finite, actual " + state[i]);
            }
        }
        return state.clone();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
