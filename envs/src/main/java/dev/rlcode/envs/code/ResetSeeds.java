package dev.rlcode.envs.code;

import dev.rlcode.core.rng.Rng;
import java.util.function.LongFunction;
import java.util.random.RandomGenerator;

/**
 * The reset seeds of a code env: {@code reset(seed)} restarts the stream from that seed, and each unseeded
 * {@code reset()} draws the next episode seed from it (from seed 0 before any seeded reset), so
 * {@code reset(s), reset(), reset()} replays the same episodes for the same {@code s}, as Gymnasium's
 * {@code reset(seed=s)} followed by {@code reset()} does.
 */
final class ResetSeeds {

    private RandomGenerator stream;

    /** Restarts the stream; called by the env's {@code reset(seed)}. */
    void restart(long seed) {
        stream = Rng.of(seed, Rng.Stream.ENV);
    }

    /**
     * {@return the result of {@code seededReset} on the stream's next seed}; the stream continues afterwards as if
     * {@code seededReset}'s own {@link #restart} had not happened
     */
    <T> T next(LongFunction<T> seededReset) {
        if (stream == null) {
            restart(0);
        }
        long seed = stream.nextLong() >>> 1;
        RandomGenerator keep = stream;
        T result = seededReset.apply(seed);
        stream = keep;
        return result;
    }
}
