package dev.rlcode.envs.code.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's JVMs outlive the threads that asked for them ({@link Launcher}). bubblewrap's
 * {@code --die-with-parent} kills a process when the thread that started it ends; before the launcher, a spare
 * started at the end of a run on a thread that then ended was SIGKILLed in the middle of the next run ("ended
 * without a verdict (exit 137)"), and a sandbox built on a thread that ended lost its compile service. Without
 * bubblewrap both tests pass trivially; CI has it.
 */
class LauncherTest {

    /** Sleeps 1.5 s and passes; {@link SandboxFixture#benign}'s timeout, so it takes the spare a benign run left. */
    private static final AtomicInteger ROUND = new AtomicInteger();

    private static final ExecutionRequest SLOW_PASS = SandboxFixture.solveRequest(
            "class Solution { static int solve() throws Exception { Thread.sleep(1500); return 42; } }", 42,
            Duration.ofSeconds(10));

    @Test
    void aSpareSurvivesTheEndOfTheThreadWhoseRunStartedIt() throws Exception {
        try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults().withSlots(1).withCompileWorkers(1)
                .withCache(false, null))) {
            for (int round = 0; round < 3; round++) { // the old bug showed in about two rounds of three
                var firstRun = new AtomicReference<String>();
                var ranFirst = new CountDownLatch(1);
                var mayEnd = new CountDownLatch(1);
                Thread first = Thread.ofPlatform().start(() -> {
                    firstRun.set(sandbox.run(SandboxFixture.benign("first" + ROUND.incrementAndGet())).status());
                    ranFirst.countDown(); // this run left the slot's spare, started on this thread's behalf
                    try {
                        mayEnd.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                ranFirst.await();
                ProcessSandbox ps = (ProcessSandbox) sandbox;
                long spare = ps.spare(0).orElseThrow(() -> new AssertionError("expected a spare after a run")).pid();

                var secondRun = new AtomicReference<String>();
                Thread second = Thread.ofPlatform().start(() -> secondRun.set(sandbox.run(SLOW_PASS).status()));
                while (ps.spare(0).map(ProcessHandle::pid).orElse(-1L) == spare && second.isAlive()) {
                    Thread.sleep(2); // until the second run has taken that spare
                }
                mayEnd.countDown(); // the first run's thread ends while the second run sleeps on the spare
                first.join();
                second.join();
                assertEquals("passed", firstRun.get());
                assertEquals("passed", secondRun.get(),
                        "round " + round + ": a run on a spare whose starting thread ended");
            }
        }
    }

    @Test
    void aSandboxBuiltOnAThreadThatEndedStillCompilesAndRuns() throws Exception {
        var built = new AtomicReference<Sandbox>();
        Thread builder = Thread.ofPlatform().start(() -> built.set(Sandbox.create(SandboxConfig.defaults()
                .withSlots(1).withCompileWorkers(1).withCache(false, null))));
        builder.join();
        try (Sandbox sandbox = built.get()) {
            assertTrue(sandbox != null, "the sandbox was built");
            Thread.sleep(200); // a compile-service JVM killed with its thread would be gone by now
            assertEquals("passed", sandbox.run(SandboxFixture.benign("after")).status());
            assertEquals("passed", sandbox.run(SLOW_PASS).status());
        }
    }
}
