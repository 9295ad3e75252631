package dev.rlcode.agents.dqn;

import dev.rlcode.core.rng.Rng;

/**
 * Reset seeds of every episode of a run, derived from the run seed, in three disjoint families: training
 * episodes, periodic evaluation (the same episodes at every evaluation, so evaluations compare), and the final
 * evaluation (never used in training or model selection).
 */
public final class EpisodeSeeds {

    private static final long TRAIN = 1L << 40, PERIODIC = 2L << 40, FINAL = 3L << 40;

    private EpisodeSeeds() {}

    /** {@return the reset seed of training episode {@code episode}} */
    public static long train(long runSeed, long episode) {
        return seed(runSeed, TRAIN + episode);
    }

    /** {@return {@code n} seeds of the periodic evaluation} */
    public static long[] periodicEval(long runSeed, int n) {
        return seeds(runSeed, PERIODIC, n);
    }

    /** {@return {@code n} seeds of the final evaluation} */
    public static long[] finalEval(long runSeed, int n) {
        return seeds(runSeed, FINAL, n);
    }

    private static long[] seeds(long runSeed, long family, int n) {
        long[] s = new long[n];
        for (int i = 0; i < n; i++) s[i] = seed(runSeed, family + i);
        return s;
    }

    private static long seed(long runSeed, long stream) {
        return Rng.of(runSeed, stream).nextLong() >>> 1;
    }
}
