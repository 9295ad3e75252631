package dev.rlcode.envs.classic;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.wrapper.TimeLimit;
import java.util.random.RandomGenerator;

/**
 * The acrobot swing-up task with Gymnasium's {@code Acrobot-v1} dynamics.
 *
 * <h2>Description</h2>
 * Two links connected in a chain, one end fixed; the joint between the links is actuated. The goal is to swing
 * the free end above a target height, starting from hanging down. From Sutton, "Generalization in Reinforcement
 * Learning: Successful Examples Using Sparse Coarse Coding" (NIPS 1995) and Sutton and Barto's book. The equations
 * of motion are the book's (Gymnasium's default {@code book_or_nips = "book"}), integrated with one classic RK4
 * step of {@code dt = 0.2} s; link lengths and masses 1, centres of mass at 0.5, moments of inertia 1, gravity 9.8.
 *
 * <h2>Action Space</h2>
 * {@code Discrete(3)}: the torque on the actuated joint, 0 = -1, 1 = 0, 2 = +1 (N m). No torque noise.
 *
 * <h2>Observation Space</h2>
 * {@code float[6]}, a {@code Box} with bounds:
 * <pre>
 * | Num | Observation                  | Min                 | Max               |
 * |-----|------------------------------|---------------------|-------------------|
 * | 0   | Cosine of theta1             | -1                  | 1                 |
 * | 1   | Sine of theta1               | -1                  | 1                 |
 * | 2   | Cosine of theta2             | -1                  | 1                 |
 * | 3   | Sine of theta2               | -1                  | 1                 |
 * | 4   | Angular velocity of theta1   | ~ -12.567 (-4 pi)   | ~ 12.567 (4 pi)   |
 * | 5   | Angular velocity of theta2   | ~ -28.274 (-9 pi)   | ~ 28.274 (9 pi)   |
 * </pre>
 * {@code theta1} is the angle of the first link, 0 pointing straight down; {@code theta2} is relative to the first
 * link. After each step the angles are wrapped into {@code [-pi, pi]} and the velocities clipped to the bounds.
 *
 * <h2>Rewards</h2>
 * -1 for every step that does not reach the target height, 0 for the step that does. The reward threshold is -100.
 *
 * <h2>Starting State</h2>
 * {@code theta1, theta2} and both angular velocities uniform in {@code (-0.1, 0.1)}, rounded to float32 as
 * Gymnasium's reset does.
 *
 * <h2>Episode End</h2>
 * <ol>
 * <li>Termination: the free end reaches the target height, {@code -cos(theta1) - cos(theta2 + theta1) > 1.0}.
 * <li>Truncation: the episode reaches {@value #MAX_EPISODE_STEPS} steps. This class itself never truncates;
 *     {@link #make()} adds the limit with a {@link TimeLimit}, as {@code gymnasium.make("Acrobot-v1")} does.
 * </ol>
 * Stepping after termination throws {@link IllegalStateException}.
 *
 * <h2>Arguments</h2>
 * None. {@link #setState(double...)} sets {@code [theta1, theta2, dtheta1, dtheta2]}. The NIPS-paper dynamics,
 * torque noise, reset options and rendering are not supported.
 *
 * <h2>Version History</h2>
 * <ul>
 * <li>v1: maximum episode length 500 (was 200); observations give cos and sin of the angles instead of the
 *     angles. This is the version implemented.
 * <li>v0: initial version.
 * </ul>
 */
public final class Acrobot extends ClassicControlEnv {

    /** The episode length at which {@link #make()} truncates, as registered for {@code Acrobot-v1}. */
    public static final int MAX_EPISODE_STEPS = 500;

    private static final double DT = 0.2;
    private static final double LINK_LENGTH_1 = 1.0;
    private static final double LINK_MASS_1 = 1.0;
    private static final double LINK_MASS_2 = 1.0;
    private static final double LINK_COM_POS_1 = 0.5;
    private static final double LINK_COM_POS_2 = 0.5;
    private static final double LINK_MOI = 1.0;
    private static final double GRAVITY = 9.8;
    private static final double MAX_VEL_1 = 4 * Math.PI;
    private static final double MAX_VEL_2 = 9 * Math.PI;
    private static final double[] AVAIL_TORQUE = {-1.0, 0.0, +1.0};

    /** {@code [theta1, theta2, dtheta1, dtheta2]}. */
    private final double[] s = new double[4];

    /** Creates the env without a time limit; see {@link #make()}. */
    public Acrobot() {
        super(new Box(new float[] {-1, -1, -1, -1, (float) -MAX_VEL_1, (float) -MAX_VEL_2},
                new float[] {1, 1, 1, 1, (float) MAX_VEL_1, (float) MAX_VEL_2}), new Discrete(3));
    }

    /** {@return a new Acrobot-v1 truncated at {@value #MAX_EPISODE_STEPS} steps} */
    public static Env<float[], Integer> make() {
        return new TimeLimit<>(new Acrobot(), MAX_EPISODE_STEPS);
    }

    @Override
    void sampleInitialState(RandomGenerator rng) {
        for (int i = 0; i < 4; i++) s[i] = (float) uniform(rng, -0.1, 0.1);
    }

    @Override
    StepResult<float[]> transition(int action) {
        double[] ns = rk4(new double[] {s[0], s[1], s[2], s[3], AVAIL_TORQUE[action]});
        s[0] = wrap(ns[0], -Math.PI, Math.PI);
        s[1] = wrap(ns[1], -Math.PI, Math.PI);
        s[2] = Math.clamp(ns[2], -MAX_VEL_1, MAX_VEL_1);
        s[3] = Math.clamp(ns[3], -MAX_VEL_2, MAX_VEL_2);
        boolean terminated = -StrictMath.cos(s[0]) - StrictMath.cos(s[1] + s[0]) > 1.0;
        return new StepResult<>(observation(), terminated ? 0.0 : -1.0, terminated, false);
    }

    /** One RK4 step of length {@link #DT} of the augmented state {@code [s, torque]}, as Gymnasium's {@code rk4}. */
    private static double[] rk4(double[] y0) {
        double dt = DT, dt2 = dt / 2.0;
        double[] k1 = dsdt(y0);
        double[] k2 = dsdt(axpy(dt2, k1, y0));
        double[] k3 = dsdt(axpy(dt2, k2, y0));
        double[] k4 = dsdt(axpy(dt, k3, y0));
        double[] y = new double[y0.length];
        for (int i = 0; i < y.length; i++) y[i] = y0[i] + dt / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        return y;
    }

    /** {@return {@code y + a * x}, element-wise} */
    private static double[] axpy(double a, double[] x, double[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < out.length; i++) out[i] = y[i] + a * x[i];
        return out;
    }

    /** The book's equations of motion; the torque (last component) is constant. Same operation order as Gymnasium. */
    private static double[] dsdt(double[] sa) {
        double m1 = LINK_MASS_1, m2 = LINK_MASS_2, l1 = LINK_LENGTH_1;
        double lc1 = LINK_COM_POS_1, lc2 = LINK_COM_POS_2, i1 = LINK_MOI, i2 = LINK_MOI, g = GRAVITY;
        double theta1 = sa[0], theta2 = sa[1], dtheta1 = sa[2], dtheta2 = sa[3], a = sa[4];
        double d1 = m1 * (lc1 * lc1) + m2 * ((l1 * l1) + (lc2 * lc2) + 2 * l1 * lc2 * StrictMath.cos(theta2)) + i1 + i2;
        double d2 = m2 * ((lc2 * lc2) + l1 * lc2 * StrictMath.cos(theta2)) + i2;
        double phi2 = m2 * lc2 * g * StrictMath.cos(theta1 + theta2 - Math.PI / 2.0);
        double phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * StrictMath.sin(theta2)
                - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * StrictMath.sin(theta2)
                + (m1 * lc1 + m2 * l1) * g * StrictMath.cos(theta1 - Math.PI / 2)
                + phi2;
        double ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * StrictMath.sin(theta2) - phi2)
                / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
        double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
        return new double[] {dtheta1, dtheta2, ddtheta1, ddtheta2, 0.0};
    }

    /** Wraps {@code x} into {@code [m, M]} by whole periods {@code M - m}, as Gymnasium's {@code wrap}. */
    private static double wrap(double x, double m, double big) {
        double diff = big - m;
        while (x > big) x = x - diff;
        while (x < m) x = x + diff;
        return x;
    }

    @Override
    float[] observation() {
        return new float[] {(float) StrictMath.cos(s[0]), (float) StrictMath.sin(s[0]), (float) StrictMath.cos(s[1]),
                (float) StrictMath.sin(s[1]), (float) s[2], (float) s[3]};
    }

    /** {@return the internal float64 state {@code [theta1, theta2, dtheta1, dtheta2]}} */
    public double[] state() {
        return s.clone();
    }

    /**
     * Sets the internal state (kept in float64, not rounded) and starts an episode from it.
     *
     * @param state {@code [theta1, theta2, dtheta1, dtheta2]}, finite
     * @throws IllegalArgumentException if the length is not 4 or a component is not finite
     */
    public void setState(double... state) {
        System.arraycopy(checkState(state, 4, "[theta1, theta2, dtheta1, dtheta2]"), 0, s, 0, 4);
        startEpisode();
    }
}
