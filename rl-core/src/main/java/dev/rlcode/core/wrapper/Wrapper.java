package dev.rlcode.core.wrapper;

import dev.rlcode.core.env.ActionMasked;
import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.ResetResult;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.space.Space;
import java.util.Objects;
import java.util.Optional;

/**
 * An env that wraps another and, unless a subclass overrides it, forwards every call to it unchanged
 * (Gymnasium's {@code gymnasium.Wrapper}).
 *
 * <p>Subclasses override the one or two methods whose behaviour they change, e.g. {@link TimeLimit} overrides
 * {@code reset} and {@code step}. Wrappers compose: the wrapped env may itself be a wrapper.
 *
 * <p><b>Action masks through wrappers.</b> A wrapper does not implement {@link ActionMasked}, so
 * {@code env instanceof ActionMasked} is false for a wrapped masked env. Code that needs the mask asks
 * {@link #findActionMasked(Env)} (or {@link #actionMask(Env)}), which looks at the env and then down the chain of
 * wrappers and returns the outermost layer that implements {@link ActionMasked}. A wrapper that itself adds or
 * changes masks implements {@link ActionMasked} and is found first.
 *
 * {@snippet :
 * Env<float[], Integer> env = new TimeLimit<>(new GridWorld(), 100);
 * env.reset(0);
 * boolean[] legal = Wrapper.actionMask(env);   // the GridWorld's mask, through the TimeLimit
 * }
 *
 * @param <O> observation type
 * @param <A> action type
 */
public class Wrapper<O, A> implements Env<O, A> {

    /** The wrapped env; never null. */
    protected final Env<O, A> env;

    /**
     * Wraps {@code env}.
     *
     * @param env the env to wrap, not null
     */
    public Wrapper(Env<O, A> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /** {@return the env this wrapper wraps (possibly itself a wrapper)} */
    public Env<O, A> inner() {
        return env;
    }

    /** {@return the innermost env under all wrappers} */
    public Env<O, A> unwrapped() {
        Env<O, A> e = env;
        while (e instanceof Wrapper<O, A> w) e = w.env;
        return e;
    }

    @Override
    public Space<O> observationSpace() {
        return env.observationSpace();
    }

    @Override
    public Space<A> actionSpace() {
        return env.actionSpace();
    }

    @Override
    public ResetResult<O> reset(long seed) {
        return env.reset(seed);
    }

    @Override
    public ResetResult<O> reset() {
        return env.reset();
    }

    @Override
    public StepResult<O> step(A action) {
        return env.step(action);
    }

    @Override
    public void close() {
        env.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "<" + env + ">";
    }

    /**
     * {@return the outermost layer of {@code env} that implements {@link ActionMasked}: {@code env} itself, or the
     * first one found walking down its {@link Wrapper} chain; empty if no layer is masked}
     *
     * @param env an env, possibly wrapped; not null
     */
    public static Optional<ActionMasked> findActionMasked(Env<?, ?> env) {
        Env<?, ?> e = Objects.requireNonNull(env, "env");
        while (true) {
            if (e instanceof ActionMasked m) return Optional.of(m);
            if (!(e instanceof Wrapper<?, ?> w)) return Optional.empty();
            e = w.env;
        }
    }

    /** {@return whether {@code env} or an env it wraps implements {@link ActionMasked}} @param env not null */
    public static boolean isMasked(Env<?, ?> env) {
        return findActionMasked(env).isPresent();
    }

    /**
     * {@return the current legal-action mask of {@code env}, looked up through wrappers; true = legal}
     *
     * @param env an env, possibly wrapped; not null
     * @throws IllegalArgumentException if no layer of {@code env} implements {@link ActionMasked}
     */
    public static boolean[] actionMask(Env<?, ?> env) {
        return findActionMasked(env)
                .orElseThrow(() -> new IllegalArgumentException(
                        "action mask: expected an env implementing ActionMasked (directly or wrapped), actual " + env))
                .actionMask();
    }
}
