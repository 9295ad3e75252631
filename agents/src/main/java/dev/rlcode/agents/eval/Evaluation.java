package dev.rlcode.agents.eval;

import dev.rlcode.core.env.ActionMasked;
import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.wrapper.Wrapper;
import java.util.Arrays;
import java.util.function.Supplier;

/** Deterministic policy evaluation on given episode seeds, and the small statistics reported about it. */
public final class Evaluation {

    /** A deterministic policy over float observations and discrete actions; mask is null when all are legal. */
    @FunctionalInterface
    public interface Policy {
        int act(float[] obs, boolean[] mask);
    }

    /** Called after every step of an evaluation, e.g. to assert that no illegal action is taken. */
    @FunctionalInterface
    public interface StepObserver {
        void onStep(int episode, float[] obs, boolean[] mask, int action, StepResult<float[]> result);
    }

    private Evaluation() {}

    /** {@return the legal-action mask of {@code env}'s current state (looked up through wrappers), or null if no
     * layer of the env is masked} */
    public static boolean[] maskOf(Env<?, ?> env) {
        return Wrapper.findActionMasked(env).map(m -> m.actionMask()).orElse(null);
    }

    /** {@return the undiscounted return of one episode per seed} */
    public static double[] returns(Policy policy, Supplier<? extends Env<float[], Integer>> envFactory, long[] seeds) {
        return returns(policy, envFactory, seeds, null);
    }

    /** As {@link #returns(Policy, Supplier, long[])}, reporting each step to {@code observer} (may be null). */
    public static double[] returns(Policy policy, Supplier<? extends Env<float[], Integer>> envFactory, long[] seeds,
                                   StepObserver observer) {
        return returns(policy, envFactory, seeds, observer, () -> false);
    }

    /**
     * As {@link #returns(Policy, Supplier, long[], StepObserver)}, asking {@code stop} before each episode.
     *
     * @return the returns, or null if {@code stop} said yes before the last episode
     */
    public static double[] returns(Policy policy, Supplier<? extends Env<float[], Integer>> envFactory, long[] seeds,
                                   StepObserver observer, java.util.function.BooleanSupplier stop) {
        double[] out = new double[seeds.length];
        try (Env<float[], Integer> env = envFactory.get()) {
            for (int e = 0; e < seeds.length; e++) {
                if (stop.getAsBoolean()) return null;
                float[] obs = env.reset(seeds[e]).observation();
                double ret = 0;
                while (true) {
                    boolean[] mask = maskOf(env);
                    int a = policy.act(obs, mask);
                    StepResult<float[]> r = env.step(a);
                    if (observer != null) observer.onStep(e, obs, mask, a, r);
                    ret += r.reward();
                    if (r.done()) break;
                    obs = r.observation();
                }
                out[e] = ret;
            }
        }
        return out;
    }

    /**
     * Plays one episode of a masked env to its end from observation {@code obs} (the env just reset), checking
     * that {@code policy} only takes legal actions.
     *
     * @return the episode's last step (its {@code info} holds what the env reports about the whole episode) and
     *     the number of steps
     * @throws IllegalStateException if the policy picks an action the mask forbids
     */
    public static <E extends Env<float[], Integer> & ActionMasked> Played playMasked(E env, float[] obs,
                                                                                  Policy policy) {
        StepResult<float[]> r;
        int steps = 0;
        do {
            boolean[] mask = env.actionMask();
            int a = policy.act(obs, mask);
            if (a < 0 || a >= mask.length || !mask[a]) {
                throw new IllegalStateException("policy: expected a legal action, actual " + a);
            }
            r = env.step(a);
            obs = r.observation();
            steps++;
        } while (!r.done());
        return new Played(r, steps);
    }

    /** A finished episode of {@link #playMasked}: its last step and its length. */
    public record Played(StepResult<float[]> last, int steps) {}

    /** {@return the mean} */
    public static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    /** {@return the population standard deviation (numpy's default, as SB3 reports it)} */
    public static double std(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return x.length == 0 ? Double.NaN : Math.sqrt(s / x.length);
    }
}
