package dev.rlcode.envs.code.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * L4 cgroups: where this runs as root with writable cgroup v1 memory and pids hierarchies (the project's machines
 * and CI), each execution runs inside its slot's groups with the configured caps, and the groups are empty after
 * the run and gone after close. Skipped elsewhere (the layer list then says OFF).
 */
class CgroupTest {
    @Test
    void executionsRunInsideCappedSlotGroupsThatAreSweptAndRemoved() throws Exception {
        // without pre-spawning, so that the slot's groups are empty between runs (a spare JVM would wait there)
        try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults().withSlots(1).withCompileWorkers(1)
                .withCache(false, null).withPrespawn(false))) {
            assumeTrue(sandbox.layers().stream().anyMatch(l -> l.startsWith("L4 cgroups (v1)")),
                    "cgroups unavailable here: " + sandbox.layers());
            SlotCgroups groups = ((ProcessSandbox) sandbox).runtime().cgroups;
            Path memory = groups.memoryGroup(0);
            Path pids = groups.pidsGroup(0);
            assertEquals(Long.toString(groups.memoryBytes), read(memory.resolve("memory.limit_in_bytes")),
                    "memory cap of the slot group");
            assertEquals(Integer.toString(groups.pidsMax), read(pids.resolve("pids.max")), "pids cap of the slot group");
            // a run that sleeps until its 3 s timeout: while it runs, its JVM must be in both slot groups
            var run = CompletableFuture.supplyAsync(() -> sandbox.run(SandboxFixture.solveRequest(
                    "class Solution { static int solve() throws Exception { Thread.sleep(60_000); return 42; } }", 42,
                    Duration.ofSeconds(3))));
            boolean seenJvm = false;
            while (!run.isDone() && !seenJvm) {
                for (String pid : Files.readAllLines(memory.resolve("cgroup.procs"))) {
                    var cmd = ProcessHandle.of(Long.parseLong(pid.strip())).flatMap(h -> h.info().command());
                    if (cmd.map(c -> c.endsWith("/bin/java")).orElse(false)) {
                        seenJvm = Files.readAllLines(pids.resolve("cgroup.procs")).contains(pid);
                    }
                }
                Thread.sleep(20);
            }
            assertEquals("timeout", run.get().status(), "expected the sleeper to time out, actual " + run.get());
            assertTrue(seenJvm, "expected the execution's JVM in the slot's memory and pids groups while it ran");
            assertEquals(List.of(), Files.readAllLines(memory.resolve("cgroup.procs")),
                    "expected the slot's memory group empty after the run");
            assertEquals(List.of(), Files.readAllLines(pids.resolve("cgroup.procs")),
                    "expected the slot's pids group empty after the run");
            assertEquals("passed", sandbox.run(SandboxFixture.benign("cgroup")).status(),
                    "expected a benign run to pass inside the groups");
            sandbox.close();
            assertTrue(!Files.exists(memory) && !Files.exists(pids), "expected the slot groups removed on close");
            assertTrue(!Files.exists(memory.getParent()), "expected the instance group removed on close");
        }
    }

    @Test
    void groupsLeftByAJvmThatDiedArePrunedAndTheirProcessesKilledWhileLiveOnesAreKept() throws Exception {
        SlotCgroups groups = SlotCgroups.create(1, 256L << 20, 64, "root".equals(System.getProperty("user.name")));
        assumeTrue(groups != null, "cgroups unavailable here");
        try (groups) {
            Path parent = groups.memoryGroup(0).getParent().getParent();
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            Path stale = Files.createDirectories(parent.resolve("rlcode-" + gone.pid() + "-1").resolve("slot0"));
            Path live = Files.createDirectories(parent.resolve("rlcode-" + ProcessHandle.current().pid() + "-999"));
            Process orphan = new ProcessBuilder("sleep", "600").start();
            try {
                Files.writeString(stale.resolve("cgroup.procs"), Long.toString(orphan.pid()));
                assertTrue(SlotCgroups.pruneStale(parent) >= 1, "expected the stale instance group to be pruned");
                assertTrue(!Files.exists(stale.getParent()), "expected the dead JVM's group removed: " + stale);
                assertTrue(orphan.waitFor(10, java.util.concurrent.TimeUnit.SECONDS),
                        "expected the process left in the dead JVM's group to be killed");
                assertTrue(Files.isDirectory(live), "expected a live JVM's group kept");
                assertTrue(Files.isDirectory(groups.memoryGroup(0)), "expected this instance's own groups kept");
            } finally {
                orphan.destroyForcibly();
                Files.deleteIfExists(live);
            }
        }
    }

    private static String read(Path f) throws IOException {
        return Files.readString(f).strip();
    }
}
