package dev.rlcode.envs.code.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts every process of the sandbox (execution JVMs, their pre-spawned spares, compile-service JVMs, probes) from
 * a few platform threads that live as long as this JVM (a fixed pool's threads never retire).
 *
 * <p>Why: bubblewrap's {@code --die-with-parent} is {@code PR_SET_PDEATHSIG(SIGKILL)}, and Linux sends that signal
 * when the <em>thread</em> that started the process ends, not when the JVM does. A sandboxed JVM started from a pool
 * thread, or from the carrier of a virtual thread, was SIGKILLed whenever that thread later ended: a spare started
 * at the end of one run on a thread that then finished died in the middle of the next run, which reported "ended
 * without a verdict (exit 137)" (a crash, so a passing candidate failed), and a compile-service JVM died the same
 * way. Starting them all here keeps {@code --die-with-parent} meaning what it is there for: the sandbox dies with
 * this JVM. Several threads, so that many slots on a large machine do not queue behind one another's starts.
 */
final class Launcher {
    /**
     * Launcher threads. Starting a process takes about 7 ms on the project's 2-core machine (JDK 25, posix_spawn),
     * so one thread would cap a large machine near 140 sandbox runs a second; four serve many slots.
     */
    static final int THREADS = 4;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS,
            Thread.ofPlatform().daemon().name("rlcode-sandbox-launcher-", 1).factory());

    private Launcher() {
    }

    /**
     * Starts a process on a launcher thread and waits for it to have started. An interrupt of the caller while it
     * waits is kept (re-asserted on return), never lost, and never abandons a started process.
     *
     * @param builder the process to start
     * @return the started process
     * @throws IOException as {@link ProcessBuilder#start()} does
     */
    static Process start(ProcessBuilder builder) throws IOException {
        Future<Process> started = POOL.submit(builder::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    interrupted = true; // starting takes milliseconds: finish waiting, then re-assert
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case IOException io -> throw io;
                        case RuntimeException re -> throw re;
                        case Error err -> throw err;
                        default -> throw new UncheckedIOException(new IOException(e.getCause()));
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
