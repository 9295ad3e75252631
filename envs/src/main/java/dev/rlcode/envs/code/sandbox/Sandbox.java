package dev.rlcode.envs.code.sandbox;

import java.util.List;

/**
 * Judges generated Java code by compiling it and running its tests, never in the caller's JVM.
 * Thread-safe: {@link #run} may be called from many (virtual) threads; at most {@link SandboxConfig#slots()}
 * executions run at once.
 *
 * {@snippet :
 * try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults())) {
 *     Verdict v = sandbox.run(ExecutionRequest.humanEvalX(program));
 *     System.out.println(v.status() + " in " + v.millis() + " ms");
 * }
 * }
 */
public interface Sandbox extends AutoCloseable {

    /**
     * Compiles, scans and runs one request (or returns its cached result). Failures of the candidate are
     * results, not exceptions.
     *
     * @throws IllegalStateException if the sandbox is closed
     */
    Verdict run(ExecutionRequest request);

    /** {@return the active layers, one line each, e.g. {@code "L4 bubblewrap (bwrap 0.8.0)"}} */
    List<String> layers();

    /** {@return counters since creation} */
    SandboxStats stats();

    /** Stops the compile service and kills running executions. */
    @Override
    void close();

    /**
     * Starts a sandbox: the compile service, and the hardened runtime (built on first use and cached in
     * {@link SandboxConfig#runtimeDir()}). Logs the active layers once.
     *
     * @throws java.io.UncheckedIOException if the runtime cannot be built or the compile service not started
     */
    static Sandbox create(SandboxConfig config) {
        return new ProcessSandbox(config);
    }
}
