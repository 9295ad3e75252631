package dev.rlcode.core.space;

import java.util.random.RandomGenerator;

/**
 * The set of valid observations or actions of an environment, as in Gymnasium's {@code gymnasium.spaces}.
 *
 * <p>Sealed: inside the framework code switches exhaustively over the spaces we own, so adding a space makes the
 * compiler list every place to update. Environments with other structure encode it in one of these.
 *
 * {@snippet :
 * Space<Integer> actions = new Discrete(2);
 * int a = actions.sample(rng);          // 0 or 1
 * assert actions.contains(a);
 * }
 *
 * @param <T> the Java type of one element of the space
 */
public sealed interface Space<T> permits Discrete, Box, MultiDiscrete {

    /** {@return whether {@code x} is an element of this space} Never throws; {@code null} is not contained. */
    boolean contains(Object x);

    /** {@return a uniformly (or, for unbounded boxes, normally) distributed element} @param rng source of randomness */
    T sample(RandomGenerator rng);

    /** {@return the number of float features an element flattens to} */
    int flatDim();
}
