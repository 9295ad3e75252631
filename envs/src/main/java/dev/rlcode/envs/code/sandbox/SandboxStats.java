package dev.rlcode.envs.code.sandbox;

/**
 * Counters of a sandbox since it was created.
 *
 * @param requests      calls to {@link Sandbox#run}
 * @param cacheHits     requests answered from the cache (memory or disk) without compiling or running
 * @param compilations  compilations done by the compile service
 * @param scans         class-file scans
 * @param executions    sandboxed JVMs started
 * @param compileMillis total compile time
 * @param scanMillis    total scan time
 * @param runMillis     total execution time (launch, tests, teardown)
 */
public record SandboxStats(long requests, long cacheHits, long compilations, long scans, long executions,
                           double compileMillis, double scanMillis, double runMillis) {
}
