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

    /**
     * {@return the legal-action mask of {@code env}'s current state, or null if the env is not masked} The mask is
     * looked up through wrappers ({@link Wrapper#findActionMasked}), so a masked env keeps its mask inside a
     * {@code TimeLimit}, as the registry makes it.
     */
    public static boolean[] maskOf(Env<?, ?> env) {
        return Wrapper.findActionMasked(env).map(ActionMasked::actionMask).orElse(null);
    }

    /** {@return the undiscounted return of one episode per seed} */
    public static double[] returns(Policy policy, Supplier<? extends Env<float[], Integer>> envFactory, long[] seeds) {
        return returns(policy, envFactory, seeds, null);
    }

    /** As {@link #returns(Policy, Supplier, long[])}, reporting each step to {@code observer} (may be null). */
    public static double[] returns(Policy policy, Supplier<? extends Env<float[], Integer>> envFactory, long[] seeds,
                                   StepObserver observer) {
        double[] out = new double[seeds.length];
        try (Env<float[], Integer> env = envFactory.get()) {
            for (int e = 0; e < seeds.length; e++) {
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
