package dev.rlcode.core.vector;

import dev.rlcode.core.env.Env;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * A {@link VectorEnv} that steps its envs one after the other on the caller's thread (Gymnasium's
 * {@code SyncVectorEnv}, SB3's {@code DummyVecEnv}). The reference for every other vector env; best when one env
 * step is cheap, as for classic control.
 *
 * {@snippet :
 * try (VectorEnv envs = SyncVectorEnv.of(4, CartPole::make)) {
 *     VectorResetResult first = envs.reset(42);   // env i seeded 42 + i
 * }
 * }
 */
public final class SyncVectorEnv extends AbstractVectorEnv {

    /**
     * Vectorises the given envs, which it now owns (closing the vector env closes them).
     *
     * @param envs at least one env; all with equal observation and {@code Discrete} action spaces, all masked or
     *             none (looked up through wrappers)
     * @throws IllegalArgumentException if {@code envs} is empty or the envs disagree on spaces or masking
     */
    public SyncVectorEnv(List<? extends Env<float[], Integer>> envs) {
        this(envs, AutoresetMode.SAME_STEP);
    }

    /**
     * Vectorises the given envs with the given autoreset mode (see {@link VectorEnv}).
     *
     * @throws IllegalArgumentException if {@code envs} is empty or the envs disagree on spaces or masking
     */
    public SyncVectorEnv(List<? extends Env<float[], Integer>> envs, AutoresetMode autoreset) {
        super(envs, autoreset);
    }

    /**
     * {@return a vector env of {@code numEnvs} envs made by {@code factory}, with same-step autoreset}
     *
     * @throws IllegalArgumentException if {@code numEnvs < 1} or the envs disagree (see the constructor)
     */
    public static SyncVectorEnv of(int numEnvs, Supplier<? extends Env<float[], Integer>> factory) {
        return new SyncVectorEnv(create(numEnvs, factory));
    }

    /** {@return as {@link #of(int, Supplier)}, with the given autoreset mode} */
    public static SyncVectorEnv of(int numEnvs, Supplier<? extends Env<float[], Integer>> factory,
                                   AutoresetMode autoreset) {
        return new SyncVectorEnv(create(numEnvs, factory), autoreset);
    }

    @Override
    void forEachEnv(IntConsumer body) {
        for (int i = 0; i < numEnvs(); i++) body.accept(i);
    }
}
