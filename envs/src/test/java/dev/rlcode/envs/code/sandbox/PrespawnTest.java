package dev.rlcode.envs.code.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * L5 pre-spawning: after each execution the slot's next JVM is started and waits for its request; every JVM serves
 * exactly one execution (a used JVM is gone before the next run), a spare started for another timeout is replaced,
 * and close() leaves no spare behind.
 */
class PrespawnTest {

    @Test
    void eachSpareServesOneExecutionAndNoneOutlivesClose() throws Exception {
        ProcessHandle last;
        try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults().withSlots(1).withCompileWorkers(1)
                .withCache(false, null))) {
            ProcessSandbox ps = (ProcessSandbox) sandbox;
            assertEquals("passed", sandbox.run(SandboxFixture.benign("one")).status());
            ProcessHandle first = ps.spare(0).orElseThrow(() -> new AssertionError("expected a spare after a run"));
            assertTrue(first.isAlive(), "the spare waits for its request");

            assertEquals("passed", sandbox.run(SandboxFixture.benign("two")).status());
            ProcessHandle second = ps.spare(0).orElseThrow();
            assertNotEquals(first.pid(), second.pid(), "a new spare after each run");
            assertTrue(first.onExit().get(10, TimeUnit.SECONDS) != null && !first.isAlive(),
                    "the JVM that served a run must be gone");

            // another timeout: the spare (whose CPU limit follows the old one) is replaced, the run still passes
            assertEquals("passed", sandbox.run(SandboxFixture.solveRequest(
                    "class Solution { static int solve() { return 42; } }", 42, Duration.ofSeconds(7))).status());
            assertFalse(second.isAlive(), "a spare started for another timeout is killed");
            // a hostile run on a spare: the sleeper times out, the next benign run passes
            assertEquals("timeout", sandbox.run(SandboxFixture.solveRequest(
                    "class Solution { static int solve() throws Exception { Thread.sleep(60_000); return 42; } }", 42,
                    Duration.ofSeconds(2))).status());
            assertEquals("passed", sandbox.run(SandboxFixture.solveRequest(
                    "class Solution { static int solve() { return 42; } }", 42, Duration.ofSeconds(2))).status());
            last = ps.spare(0).orElseThrow();
        }
        last.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(last.isAlive(), "close() must kill the waiting spare");
    }

    @Test
    void withoutPrespawnNoJvmWaits() {
        try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults().withSlots(1).withCompileWorkers(1)
                .withCache(false, null).withPrespawn(false))) {
            assertEquals("passed", sandbox.run(SandboxFixture.benign("off")).status());
            assertTrue(((ProcessSandbox) sandbox).spare(0).isEmpty(), "no spare when prespawn is off");
            assertFalse(sandbox.layers().stream().anyMatch(l -> l.contains("next JVM started")), "layers");
        }
    }
}
