package dev.rlcode.core.wrapper;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.ResetResult;
import dev.rlcode.core.env.StepResult;

/**
 * Ends an episode with {@code truncated = true} once it has lasted {@code maxEpisodeSteps} steps (Gymnasium's
 * {@code TimeLimit}, which {@code gymnasium.make} adds for envs registered with {@code max_episode_steps}).
 *
 * <p>{@code terminated} is passed through from the wrapped env unchanged, so on the last allowed step both flags can
 * be true. After an episode ends (either way) {@code step} throws until the next {@code reset}, as the
 * {@link Env} contract requires; this also covers the wrapped env, which does not know the episode was truncated.
 *
 * {@snippet :
 * Env<float[], Integer> env = new TimeLimit<>(new CartPole(), 500);   // what CartPole.make() returns
 * }
 *
 * @param <O> observation type
 * @param <A> action type
 */
public final class TimeLimit<O, A> extends Wrapper<O, A> {

    private final int maxEpisodeSteps;
    private int elapsedSteps;
    private boolean running;

    /**
     * Wraps {@code env} with a limit of {@code maxEpisodeSteps} steps per episode.
     *
     * @param env             the env to wrap, not null
     * @param maxEpisodeSteps the number of steps after which an episode is truncated, at least 1
     * @throws IllegalArgumentException if {@code maxEpisodeSteps < 1}
     */
    public TimeLimit(Env<O, A> env, int maxEpisodeSteps) {
        super(env);
        if (maxEpisodeSteps < 1) {
            throw new IllegalArgumentException("maxEpisodeSteps: expected >= 1, actual " + maxEpisodeSteps);
        }
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    /** {@return the number of steps after which an episode is truncated} */
    public int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    /** {@return the number of steps taken in the current (or last) episode} */
    public int elapsedSteps() {
        return elapsedSteps;
    }

    @Override
    public ResetResult<O> reset(long seed) {
        ResetResult<O> r = env.reset(seed);
        startEpisode();
        return r;
    }

    @Override
    public ResetResult<O> reset() {
        ResetResult<O> r = env.reset();
        startEpisode();
        return r;
    }

    private void startEpisode() {
        elapsedSteps = 0;
        running = true;
    }

    /**
     * Steps the wrapped env and sets {@code truncated} when this step reaches the limit.
     *
     * @throws IllegalStateException    if the episode already ended (by termination or by this limit) or never began
     * @throws IllegalArgumentException if the wrapped env rejects the action
     */
    @Override
    public StepResult<O> step(A action) {
        if (!running) {
            throw new IllegalStateException("step: expected a running episode, actual "
                    + (elapsedSteps == 0 ? "none (call reset first)" : "ended after " + elapsedSteps + " steps"));
        }
        StepResult<O> r = env.step(action);
        elapsedSteps++;
        boolean truncated = r.truncated() || elapsedSteps >= maxEpisodeSteps;
        if (r.terminated() || truncated) running = false;
        return truncated == r.truncated() ? r
                : new StepResult<>(r.observation(), r.reward(), r.terminated(), true, r.info());
    }
}
