package dev.rlcode.envs.code.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * L4 cgroups: one memory and one pids cgroup per slot, for cgroup v1 hierarchies (what this project's machines
 * offer: {@code memory} and {@code pids} controllers, writable by root; the v2 mount there has no controllers).
 * Groups live under this JVM's own cgroup in each hierarchy, named {@code rlcode-<pid>-<n>/slot<i>}: unique to
 * one sandbox instance, so a sweep can never touch another JVM's sandbox even when slot uids coincide.
 *
 * <p>An execution's wrapper shell writes its own pid into both groups before it execs the rest of the chain
 * (a failed write ends it without a verdict: fail closed); everything it starts inherits the groups. Limits: memory
 * (and memory+swap where the kernel accounts swap) at {@code memoryBytes}, processes/threads at {@code pidsMax}.
 * After each execution {@link #sweep} SIGKILLs whatever is still in the slot's group (v1 has no
 * {@code cgroup.kill}); the slot is reused only after that.
 */
final class SlotCgroups implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SlotCgroups.class.getName());
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    private final List<Path> instanceDirs = new ArrayList<>();
    private final Path[] memory;
    private final Path[] pids;
    final long memoryBytes;
    final int pidsMax;

    private SlotCgroups(Path memoryParent, Path pidsParent, int slots, long memoryBytes, int pidsMax)
            throws IOException {
        this.memoryBytes = memoryBytes;
        this.pidsMax = pidsMax;
        String name = "rlcode-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
        memory = new Path[slots];
        pids = new Path[slots];
        pruneStale(memoryParent);
        pruneStale(pidsParent);
        Path m = memoryParent.resolve(name);
        Path p = pidsParent.resolve(name);
        Files.createDirectory(m);
        instanceDirs.add(m);
        Files.createDirectory(p);
        instanceDirs.add(p);
        for (int i = 0; i < slots; i++) {
            memory[i] = Files.createDirectory(m.resolve("slot" + i));
            pids[i] = Files.createDirectory(p.resolve("slot" + i));
            Files.writeString(memory[i].resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
            Path memsw = memory[i].resolve("memory.memsw.limit_in_bytes");
            if (Files.exists(memsw)) {
                Files.writeString(memsw, Long.toString(memoryBytes));
            }
            Files.writeString(pids[i].resolve("pids.max"), Integer.toString(pidsMax));
        }
    }

    /**
     * {@return per-slot groups, or null (with the reason logged once) when this is not root or there is no
     * writable cgroup v1 {@code memory} and {@code pids} hierarchy}
     */
    static SlotCgroups create(int slots, long memoryBytes, int pidsMax, boolean root) {
        String why;
        if (!root) {
            why = "not root";
        } else {
            try {
                Path m = ownGroup("memory");
                Path p = ownGroup("pids");
                if (m == null || p == null) {
                    why = "no cgroup v1 memory and pids hierarchies under " + ROOT;
                } else {
                    var groups = new SlotCgroups(m, p, slots, memoryBytes, pidsMax);
                    return groups;
                }
            } catch (IOException | RuntimeException e) {
                why = "cannot create groups: " + e;
            }
        }
        LOG.log(System.Logger.Level.WARNING, "L4 cgroups unavailable ({0}); memory and processes stay bounded by "
                + "the JVM flags, RLIMIT_AS and RLIMIT_NPROC", why);
        return null;
    }

    /**
     * Removes the groups of sandbox instances whose JVM is gone (killed before it could close its sandbox): every
     * {@code rlcode-<pid>-<n>} directory under {@code parent} whose pid no longer runs is swept (SIGKILL of anything
     * still in it) and removed. Groups of live JVMs are never touched. {@return how many instance groups were removed}
     */
    static int pruneStale(Path parent) {
        int removed = 0;
        try (var dirs = Files.newDirectoryStream(parent, "rlcode-*-*")) {
            for (Path dir : dirs) {
                String[] f = dir.getFileName().toString().split("-");
                long pid;
                try {
                    pid = Long.parseLong(f[1]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (f.length != 3 || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                try (var slots = Files.newDirectoryStream(dir, "slot*")) {
                    for (Path slot : slots) {
                        killAll(slot);
                        removeGroup(slot);
                    }
                }
                removeGroup(dir);
                if (!Files.exists(dir)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot list " + parent, e);
        }
        if (removed > 0) {
            LOG.log(System.Logger.Level.INFO, "removed {0} cgroup(s) left by sandboxes of JVMs that have exited, "
                    + "under {1}", removed, parent);
        }
        return removed;
    }

    /** SIGKILLs, in up to 20 rounds, whatever is listed in a group; {@return how many kills were sent} */
    private static int killAll(Path group) throws IOException {
        Path procs = group.resolve("cgroup.procs");
        int killed = 0;
        for (int round = 0; round < 20 && Files.exists(procs); round++) {
            var left = Files.readAllLines(procs).stream().filter(s -> !s.isBlank()).toList();
            if (left.isEmpty()) {
                break;
            }
            for (String s : left) {
                if (ProcessHandle.of(Long.parseLong(s.strip())).map(ProcessHandle::destroyForcibly).orElse(false)) {
                    killed++;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return killed;
    }

    /** {@return this process's group in the v1 hierarchy of {@code controller}, or null} */
    private static Path ownGroup(String controller) throws IOException {
        Path mount = ROOT.resolve(controller);
        if (!Files.isRegularFile(mount.resolve("cgroup.procs")) || !Files.isRegularFile(mount.resolve("tasks"))) {
            return null; // not a v1 hierarchy
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && List.of(f[1].split(",")).contains(controller)) {
                Path own = mount.resolve(f[2].substring(1));
                return Files.isDirectory(own) && Files.isWritable(own) ? own : null;
            }
        }
        return null;
    }

    /** {@return shell commands that move the shell itself into slot {@code slot}'s groups} */
    String enterScript(int slot) {
        return "echo $$ > " + memory[slot].resolve("cgroup.procs") + " && echo $$ > "
                + pids[slot].resolve("cgroup.procs");
    }

    /** {@return the memory group of a slot} */
    Path memoryGroup(int slot) {
        return memory[slot];
    }

    /** {@return the pids group of a slot} */
    Path pidsGroup(int slot) {
        return pids[slot];
    }

    /** SIGKILLs every process left in the slot's groups; {@return how many were killed} */
    int sweep(int slot) {
        int killed = 0;
        for (Path g : List.of(pids[slot], memory[slot])) {
            try {
                killed += killAll(g);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot sweep " + g, e);
            }
        }
        return killed;
    }

    /** Sweeps every slot and removes the groups. */
    @Override
    public void close() {
        for (int i = 0; i < memory.length; i++) {
            sweep(i);
        }
        for (Path[] groups : List.of(memory, pids)) {
            for (Path g : groups) {
                removeGroup(g);
            }
        }
        instanceDirs.forEach(SlotCgroups::removeGroup);
    }

    private static void removeGroup(Path g) {
        try {
            Files.deleteIfExists(g); // rmdir of an empty cgroup
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot remove cgroup " + g, e);
        }
    }
}
