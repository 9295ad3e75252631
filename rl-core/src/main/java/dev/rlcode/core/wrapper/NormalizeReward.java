package dev.rlcode.core.wrapper;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.StepResult;

/**
 * Scales rewards so that their discounted sum has roughly unit variance (Gymnasium's {@code NormalizeReward}, as
 * in its 1.x source): each step updates a running discounted return {@code g = g * gamma * (1 - terminated) + r},
 * feeds {@code g} to running mean/variance statistics, and returns {@code r / sqrt(var + epsilon)}. The reward is
 * not centred (OpenAI baselines issue 538). The statistics start as Gymnasium's do: mean 0, variance 1, a
 * pseudo-count of 1e-4. {@code g} is carried across episode ends as there: a termination zeroes it before the next
 * reward is added, a truncation does not.
 *
 * <p>{@link #setUpdating(boolean) setUpdating(false)} freezes the statistics (for evaluation);
 * {@link #statistics()} reads them.
 *
 * @param <O> observation type
 * @param <A> action type
 */
public final class NormalizeReward<O, A> extends Wrapper<O, A> {

    /**
     * The running statistics of the discounted return.
     *
     * @param mean     running mean
     * @param variance running (population) variance
     * @param count    number of updates, plus the initial pseudo-count 1e-4
     */
    public record Statistics(double mean, double variance, double count) {}

    private final double gamma;
    private final double epsilon;
    private double discounted;
    private double mean = 0, var = 1, count = 1e-4;
    private boolean updating = true;

    /** {@return a wrapper with Gymnasium's defaults, gamma 0.99 and epsilon 1e-8} @param env the env */
    public static <O, A> NormalizeReward<O, A> of(Env<O, A> env) {
        return new NormalizeReward<>(env, 0.99, 1e-8);
    }

    /**
     * @param env     the env
     * @param gamma   discount of the running return, in [0, 1]
     * @param epsilon added to the variance before the square root, > 0
     * @throws IllegalArgumentException for a gamma outside [0, 1] or an epsilon that is not positive
     */
    public NormalizeReward(Env<O, A> env, double gamma, double epsilon) {
        super(env);
        if (!(gamma >= 0 && gamma <= 1)) throw new IllegalArgumentException("gamma: expected in [0, 1], actual " + gamma);
        if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon: expected > 0, actual " + epsilon);
        this.gamma = gamma;
        this.epsilon = epsilon;
    }

    /** Turns the updates of the statistics on (the default) or off. @param on whether to update */
    public void setUpdating(boolean on) {
        updating = on;
    }

    /** {@return the current statistics} */
    public Statistics statistics() {
        return new Statistics(mean, var, count);
    }

    @Override
    public StepResult<O> step(A action) {
        StepResult<O> r = env.step(action);
        discounted = discounted * gamma * (r.terminated() ? 0 : 1) + r.reward();
        if (updating) {
            // Chan et al.'s parallel update with a batch of one (variance 0), as Gymnasium's RunningMeanStd does
            double delta = discounted - mean, total = count + 1;
            mean += delta / total;
            var = (var * count + delta * delta * count / total) / total;
            count = total;
        }
        return new StepResult<>(r.observation(), r.reward() / Math.sqrt(var + epsilon), r.terminated(), r.truncated(),
                r.info());
    }
}
