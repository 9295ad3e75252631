package dev.rlcode.envs.classic;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.wrapper.TimeLimit;
import java.util.random.RandomGenerator;

/**
 * The mountain-car task with Gymnasium's {@code MountainCar-v0} dynamics.
 *
 * <h2>Description</h2>
 * A car is placed stochastically at the bottom of a sinusoidal valley; its only actions are accelerations to the
 * left or right. The engine is too weak to climb the right hill directly, so the car must swing back and forth to
 * build momentum. From Andrew Moore's PhD thesis, "Efficient Memory-based Learning for Robot Control" (1990).
 *
 * <h2>Action Space</h2>
 * {@code Discrete(3)}: 0 = accelerate to the left, 1 = don't accelerate, 2 = accelerate to the right.
 * Transition: {@code velocity += (action - 1) * 0.001 - cos(3 * position) * 0.0025}, clipped to
 * {@code [-0.07, 0.07]}; {@code position += velocity}, clipped to {@code [-1.2, 0.6]}; hitting the left wall
 * with negative velocity sets the velocity to 0 (an inelastic collision).
 *
 * <h2>Observation Space</h2>
 * {@code float[2]}, a {@code Box} with bounds:
 * <pre>
 * | Num | Observation                          | Min   | Max  | Unit         |
 * |-----|--------------------------------------|-------|------|--------------|
 * | 0   | position of the car along the x-axis | -1.2  | 0.6  | position (m) |
 * | 1   | velocity of the car                  | -0.07 | 0.07 | velocity (v) |
 * </pre>
 *
 * <h2>Rewards</h2>
 * -1 for every step, the terminating step included.
 *
 * <h2>Starting State</h2>
 * Position uniform in {@code [-0.6, -0.4)}, velocity 0.
 *
 * <h2>Episode End</h2>
 * <ol>
 * <li>Termination: position {@code >= 0.5} (the flag on the right hill) and velocity {@code >= goalVelocity}.
 * <li>Truncation: the episode reaches {@value #MAX_EPISODE_STEPS} steps. This class itself never truncates;
 *     {@link #make()} adds the limit with a {@link TimeLimit}, as {@code gymnasium.make("MountainCar-v0")} does.
 * </ol>
 * Stepping after termination throws {@link IllegalStateException}.
 *
 * <h2>Arguments</h2>
 * {@code goalVelocity} (default 0), Gymnasium's {@code goal_velocity}: the least velocity at the flag that
 * terminates. {@link #setState(double...)} sets {@code [position, velocity]}. Reset options and rendering are not
 * supported.
 *
 * <h2>Version History</h2>
 * <ul>
 * <li>v0: initial version (Gymnasium 1.0.0). This is the version implemented.
 * </ul>
 */
public final class MountainCar extends ClassicControlEnv {

    /** The episode length at which {@link #make()} truncates, as registered for {@code MountainCar-v0}. */
    public static final int MAX_EPISODE_STEPS = 200;

    private static final double MIN_POSITION = -1.2;
    private static final double MAX_POSITION = 0.6;
    private static final double MAX_SPEED = 0.07;
    private static final double GOAL_POSITION = 0.5;
    private static final double FORCE = 0.001;
    private static final double GRAVITY = 0.0025;

    private final double goalVelocity;
    private double position, velocity;

    /** Creates the env with goal velocity 0, without a time limit; see {@link #make()}. */
    public MountainCar() {
        this(0);
    }

    /**
     * Creates the env without a time limit.
     *
     * @param goalVelocity the least velocity at the goal position that ends the episode, finite
     * @throws IllegalArgumentException if {@code goalVelocity} is not finite
     */
    public MountainCar(double goalVelocity) {
        super(new Box(new float[] {(float) MIN_POSITION, (float) -MAX_SPEED},
                new float[] {(float) MAX_POSITION, (float) MAX_SPEED}), new Discrete(3));
        if (!Double.isFinite(goalVelocity)) {
            throw new IllegalArgumentException("goalVelocity: expected finite, actual " + goalVelocity);
        }
        this.goalVelocity = goalVelocity;
    }

    /** {@return a new MountainCar-v0 truncated at {@value #MAX_EPISODE_STEPS} steps} */
    public static Env<float[], Integer> make() {
        return new TimeLimit<>(new MountainCar(), MAX_EPISODE_STEPS);
    }

    @Override
    void sampleInitialState(RandomGenerator rng) {
        position = uniform(rng, -0.6, -0.4);
        velocity = 0;
    }

    @Override
    StepResult<float[]> transition(int action) {
        velocity += (action - 1) * FORCE + StrictMath.cos(3 * position) * (-GRAVITY);
        velocity = Math.clamp(velocity, -MAX_SPEED, MAX_SPEED);
        position += velocity;
        position = Math.clamp(position, MIN_POSITION, MAX_POSITION);
        if (position == MIN_POSITION && velocity < 0) velocity = 0;

        boolean terminated = position >= GOAL_POSITION && velocity >= goalVelocity;
        return new StepResult<>(observation(), -1.0, terminated, false);
    }

    @Override
    float[] observation() {
        return new float[] {(float) position, (float) velocity};
    }

    /** {@return the internal float64 state {@code [position, velocity]}} */
    public double[] state() {
        return new double[] {position, velocity};
    }

    /**
     * Sets the internal state and starts an episode from it.
     *
     * @param state {@code [position, velocity]}, finite
     * @throws IllegalArgumentException if the length is not 2 or a component is not finite
     */
    public void setState(double... state) {
        double[] s = checkState(state, 2, "[position, velocity]");
        position = s[0];
        velocity = s[1];
        startEpisode();
    }
}
