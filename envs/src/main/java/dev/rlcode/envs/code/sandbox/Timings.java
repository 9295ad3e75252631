package dev.rlcode.envs.code.sandbox;

/**
 * Where one judgement's time went, in milliseconds of wall-clock time.
 *
 * @param compileMillis waiting for and running the compile service
 * @param scanMillis    the class-file scan
 * @param launchMillis  from starting the sandboxed JVM to the runner's first request byte being read (0 if unknown)
 * @param runMillis     the sandboxed execution as a whole (launch, tests, teardown)
 * @param totalMillis   everything, including waits for a free slot
 * @param cached        whether the result came from the cache (then nothing ran)
 */
public record Timings(double compileMillis, double scanMillis, double launchMillis, double runMillis,
                      double totalMillis, boolean cached) {

    /** {@return timings of a cache hit that took {@code totalMillis}} */
    public static Timings cacheHit(double totalMillis) {
        return new Timings(0, 0, 0, 0, totalMillis, true);
    }
}
