package dev.rlcode.core.env;

import dev.rlcode.core.space.Space;

/**
 * A reinforcement-learning environment with Gymnasium's API and semantics.
 *
 * <p>Protocol: {@link #reset(long)} (or {@link #reset()}) starts an episode; {@link #step(Object)} advances it until
 * the returned {@link StepResult} says {@code terminated} (a terminal state of the MDP: do not bootstrap) or
 * {@code truncated} (stopped from outside, e.g. a time limit: bootstrap from the final observation). Stepping a
 * finished episode without a reset is an error. {@link #close()} may be called more than once.
 *
 * <p>Envs whose legal actions vary also implement {@link ActionMasked}. Test your own env with
 * {@link EnvChecker#check(java.util.function.Supplier)}.
 *
 * {@snippet :
 * try (Env<float[], Integer> env = new CartPole()) {
 *     ResetResult<float[]> r = env.reset(42);
 *     StepResult<float[]> s;
 *     do { s = env.step(policy.act(r.observation())); } while (!s.done());
 * }
 * }
 *
 * @param <O> observation type
 * @param <A> action type
 */
public interface Env<O, A> extends AutoCloseable {

    /** {@return the space every observation lies in} */
    Space<O> observationSpace();

    /** {@return the space of actions} */
    Space<A> actionSpace();

    /**
     * Reseeds the env's random generator with {@code seed} and starts a new episode. The same seed gives the same
     * initial observation and, for the same actions, the same trajectory.
     */
    ResetResult<O> reset(long seed);

    /**
     * Starts a new episode, continuing the env's random stream (Gymnasium's {@code reset(seed=None)}).
     * An env never seeded before seeds itself from a fixed default (0), so runs stay reproducible.
     */
    ResetResult<O> reset();

    /**
     * Applies {@code action} and advances one step.
     *
     * @throws IllegalArgumentException if the action is not in the action space, or is masked out
     * @throws IllegalStateException    if no episode is running (never reset, or finished)
     */
    StepResult<O> step(A action);

    /** Releases resources. Idempotent. */
    @Override
    default void close() {}
}
