package dev.rlcode.core.rng;

import java.util.random.RandomGenerator;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.RandomProviderState;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A seeded, restorable random generator: Apache Commons RNG's XoShiRo256++ seen as a JDK {@link RandomGenerator}.
 *
 * <p>Every random choice in rlcode goes through one of these, so a run is fully determined by its seed, and a
 * checkpoint can save and restore the exact stream position ({@link #saveState()}, {@link #restoreState(byte[])}).
 * Independent streams (one per env of a vector env, one for exploration, one for replay sampling) come from
 * {@link #of(long, long)}: the pair (seed, stream) is mixed by SplitMix64 into a full 256-bit state, so streams
 * with neighbouring ids are unrelated.
 *
 * {@snippet :
 * Rng explore = Rng.of(seed, Rng.Stream.EXPLORATION);
 * Rng replay  = Rng.of(seed, Rng.Stream.REPLAY);
 * byte[] saved = explore.saveState();   // ... later
 * explore.restoreState(saved);
 * }
 */
public final class Rng implements RandomGenerator {

    /** Well-known stream ids, so components seeded from one run seed never share a stream. */
    public static final class Stream {
        public static final long ENV = 0;
        public static final long EXPLORATION = 1;
        public static final long REPLAY = 2;
        public static final long INIT = 3;
        public static final long EVAL = 4;
        /** Vector env {@code i} uses stream {@code VECTOR_ENV_BASE + i}. */
        public static final long VECTOR_ENV_BASE = 1_000;

        private Stream() {}
    }

    private final RestorableUniformRandomProvider provider;

    private Rng(long[] state) {
        this.provider = RandomSource.XO_SHI_RO_256_PP.create(state);
    }

    /** {@return a generator determined by {@code seed} alone (stream 0)} */
    public static Rng of(long seed) {
        return of(seed, 0);
    }

    /** {@return the generator of stream {@code stream} under {@code seed}; distinct streams are independent} */
    public static Rng of(long seed, long stream) {
        long x = seed * 0x9E3779B97F4A7C15L ^ mix(stream + 0x632BE59BD9B4E019L);
        long[] s = new long[4];
        for (int i = 0; i < 4; i++) {
            x += 0x9E3779B97F4A7C15L;
            s[i] = mix(x);
        }
        return new Rng(s);
    }

    /** {@return a child generator seeded from this one's next output, for an independent sub-stream} */
    public Rng split() {
        return of(nextLong(), nextLong());
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public long nextLong() {
        return provider.nextLong();
    }

    @Override
    public int nextInt() {
        return provider.nextInt();
    }

    @Override
    public int nextInt(int bound) {
        return provider.nextInt(bound);
    }

    @Override
    public double nextDouble() {
        return provider.nextDouble();
    }

    @Override
    public float nextFloat() {
        return provider.nextFloat();
    }

    @Override
    public boolean nextBoolean() {
        return provider.nextBoolean();
    }

    /** {@return the full generator state, for a checkpoint} */
    public byte[] saveState() {
        return ((RandomProviderDefaultState) provider.saveState()).getState();
    }

    /**
     * Restores a state saved by {@link #saveState()}.
     *
     * @throws IllegalArgumentException if the bytes are not a state of this generator
     */
    public void restoreState(byte[] state) {
        try {
            RandomProviderState s = new RandomProviderDefaultState(state.clone());
            provider.restoreState(s);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("RNG state: expected a saved XoShiRo256++ state, actual "
                    + state.length + " bytes that do not restore (" + e.getMessage() + ")", e);
        }
    }
}
