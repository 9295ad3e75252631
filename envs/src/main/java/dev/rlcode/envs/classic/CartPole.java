package dev.rlcode.envs.classic;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.wrapper.TimeLimit;
import java.util.random.RandomGenerator;

/**
 * The cart-pole balancing task with Gymnasium's {@code CartPole-v1} dynamics.
 *
 * <h2>Description</h2>
 * The cart-pole problem of Barto, Sutton and Anderson, "Neuronlike Adaptive Elements That Can Solve Difficult
 * Learning Control Problems" (1983). A pole is attached by an un-actuated joint to a cart that moves along a
 * frictionless track. The pole starts upright; the goal is to keep it balanced by pushing the cart left or right.
 * Euler integration with time step 0.02 s, gravity 9.8, cart mass 1.0, pole mass 0.1, pole half-length 0.5,
 * force magnitude 10.
 *
 * <h2>Action Space</h2>
 * {@code Discrete(2)}: 0 = push the cart to the left, 1 = push it to the right (force 10 N).
 *
 * <h2>Observation Space</h2>
 * {@code float[4]}, a {@code Box} with bounds:
 * <pre>
 * | Num | Observation           | Min                  | Max                 |
 * |-----|-----------------------|----------------------|---------------------|
 * | 0   | Cart Position         | -4.8                 | 4.8                 |
 * | 1   | Cart Velocity         | -Inf                 | Inf                 |
 * | 2   | Pole Angle            | ~ -0.418 rad (-24°)  | ~ 0.418 rad (24°)   |
 * | 3   | Pole Angular Velocity | -Inf                 | Inf                 |
 * </pre>
 * The episode terminates well inside these bounds (cart position ±2.4, pole angle ±12°). The velocities are
 * unbounded, as in Gymnasium since its issue #1092 (older versions bounded them by the largest float32, which made
 * them look bounded to code that scales by the space's bounds).
 *
 * <h2>Rewards</h2>
 * +1 for every step, the terminating step included. The reward threshold of v1 is 475 (Gymnasium's); the
 * most an episode can earn is 500.
 *
 * <h2>Starting State</h2>
 * All four state variables uniform in {@code (-0.05, 0.05)}.
 *
 * <h2>Episode End</h2>
 * <ol>
 * <li>Termination: the pole angle leaves {@code [-12°, 12°]} ({@code ±0.2095} rad).
 * <li>Termination: the cart position leaves {@code [-2.4, 2.4]}.
 * <li>Truncation: the episode reaches {@value #MAX_EPISODE_STEPS} steps. This class itself never truncates;
 *     {@link #make()} adds the limit with a {@link TimeLimit}, as {@code gymnasium.make("CartPole-v1")} does.
 * </ol>
 * Stepping after termination throws {@link IllegalStateException} (Gymnasium warns and returns reward 0).
 *
 * <h2>Arguments</h2>
 * None. {@link #setState(double...)} sets the internal state {@code [x, x_dot, theta, theta_dot]} (Gymnasium's
 * {@code env.unwrapped.state = ...}), e.g. to replay a recorded trajectory. Gymnasium's reset options (custom
 * start bounds), {@code sutton_barto_reward} and rendering are not supported.
 *
 * <h2>Version History</h2>
 * <ul>
 * <li>v1: maximum episode length 500, reward threshold 475 (Gymnasium). This is the version implemented.
 * <li>v0: maximum episode length 200, reward threshold 195.
 * </ul>
 *
 * {@snippet :
 * try (Env<float[], Integer> env = CartPole.make()) {
 *     float[] obs = env.reset(42).observation();
 *     StepResult<float[]> s = env.step(1);
 * }
 * }
 */
public final class CartPole extends ClassicControlEnv {

    /** The episode length at which {@link #make()} truncates, as registered for {@code CartPole-v1}. */
    public static final int MAX_EPISODE_STEPS = 500;

    private static final double GRAVITY = 9.8;
    private static final double MASS_CART = 1.0;
    private static final double MASS_POLE = 0.1;
    private static final double TOTAL_MASS = MASS_POLE + MASS_CART;
    private static final double LENGTH = 0.5; // half the pole's length
    private static final double POLE_MASS_LENGTH = MASS_POLE * LENGTH;
    private static final double FORCE_MAG = 10.0;
    private static final double TAU = 0.02; // seconds between state updates
    private static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
    private static final double X_THRESHOLD = 2.4;

    private double x, xDot, theta, thetaDot;

    /** Creates the env without a time limit; see {@link #make()}. */
    public CartPole() {
        super(observationBox(), new Discrete(2));
    }

    /** {@return a new CartPole-v1 truncated at {@value #MAX_EPISODE_STEPS} steps} */
    public static Env<float[], Integer> make() {
        return new TimeLimit<>(new CartPole(), MAX_EPISODE_STEPS);
    }

    private static Box observationBox() {
        float[] high = {(float) (X_THRESHOLD * 2), Float.POSITIVE_INFINITY, (float) (THETA_THRESHOLD_RADIANS * 2),
                Float.POSITIVE_INFINITY};
        float[] low = new float[4];
        for (int i = 0; i < 4; i++) low[i] = -high[i];
        return new Box(low, high);
    }

    @Override
    void sampleInitialState(RandomGenerator rng) {
        x = uniform(rng, -0.05, 0.05);
        xDot = uniform(rng, -0.05, 0.05);
        theta = uniform(rng, -0.05, 0.05);
        thetaDot = uniform(rng, -0.05, 0.05);
    }

    @Override
    StepResult<float[]> transition(int action) {
        // Operation order follows Gymnasium's cartpole.py, so float64 results agree bit for bit where sin/cos do.
        double force = action == 1 ? FORCE_MAG : -FORCE_MAG;
        double cosTheta = StrictMath.cos(theta);
        double sinTheta = StrictMath.sin(theta);
        double temp = (force + POLE_MASS_LENGTH * (thetaDot * thetaDot) * sinTheta) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sinTheta - cosTheta * temp)
                / (LENGTH * (4.0 / 3.0 - MASS_POLE * (cosTheta * cosTheta) / TOTAL_MASS));
        double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cosTheta / TOTAL_MASS;
        // Euler integration
        x = x + TAU * xDot;
        xDot = xDot + TAU * xAcc;
        theta = theta + TAU * thetaDot;
        thetaDot = thetaDot + TAU * thetaAcc;

        boolean terminated = x < -X_THRESHOLD || x > X_THRESHOLD
                || theta < -THETA_THRESHOLD_RADIANS || theta > THETA_THRESHOLD_RADIANS;
        return new StepResult<>(observation(), 1.0, terminated, false);
    }

    @Override
    float[] observation() {
        return new float[] {(float) x, (float) xDot, (float) theta, (float) thetaDot};
    }

    /** {@return the internal float64 state {@code [x, x_dot, theta, theta_dot]}} */
    public double[] state() {
        return new double[] {x, xDot, theta, thetaDot};
    }

    /**
     * Sets the internal state and starts an episode from it (no reset needed; a wrapping {@link TimeLimit} still
     * needs its own reset first).
     *
     * @param state {@code [x, x_dot, theta, theta_dot]}, finite
     * @throws IllegalArgumentException if the length is not 4 or a component is not finite
     */
    public void setState(double... state) {
        double[] s = checkState(state, 4, "[x, x_dot, theta, theta_dot]");
        x = s[0];
        xDot = s[1];
        theta = s[2];
        thetaDot = s[3];
        startEpisode();
    }
}
