package dev.rlcode.envs.code.sandbox;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of a {@link Sandbox}. Start from {@link #defaults()} and change fields with the {@code withX} methods.
 *
 * @param slots            executions that may run at once (default: available processors)
 * @param compileWorkers   compile-service JVMs (default: half the processors, at least 1)
 * @param compileTimeout   wall-clock limit of one compilation; the service JVM is killed and respawned past it
 * @param compileHeapMb    heap cap of a compile-service JVM
 * @param heapMb           heap cap ({@code -Xmx}) of an execution JVM
 * @param stackKb          thread stack size ({@code -Xss}) of an execution JVM
 * @param directMemoryMb   direct-memory cap of an execution JVM
 * @param outputLimitBytes output the candidate may write (stdout and stderr together) before it is killed
 * @param cache            whether results are cached by SHA-256 of the request
 * @param cacheDir         a folder for a disk cache that outlives the sandbox, or {@code null} for memory only
 * @param cacheMaxBytes    cap on the disk cache's size; past it the least recently used entries are deleted
 *                         (default {@link #DEFAULT_CACHE_MAX_BYTES})
 * @param runtimeDir       where the jlinked runtime, runner jar, AOT cache and seccomp filter are built and kept,
 *                         or {@code null} for {@code java.io.tmpdir/rlcode-sandbox-<jdk version>-<user>}
 * @param scan             L2: scan class files against the allow-list
 * @param jlinkRuntime     L3: run on a jlinked {@code java.base}-only runtime (else on this JDK with
 *                         {@code --limit-modules java.base})
 * @param osSandbox        L4: run inside bubblewrap when it is installed and works
 * @param seccomp          L4: load a seccomp filter (x86-64 only; needs bubblewrap)
 * @param rlimits          L4: {@code prlimit} limits (file size, open files, core, CPU, processes, address space)
 * @param cgroups          L4: when running as root with a writable cgroup hierarchy, each execution runs in its
 *                         slot's cgroup with a memory and a process cap, and is killed through it
 * @param slotUidBase      when running as root: the uid of slot 0 (slot i runs as {@code slotUidBase + i});
 *                         -1 runs every slot as the current user
 * @param prespawn         L5: after each execution, start the slot's next sandboxed JVM (same command, same layers,
 *                         in the slot's cgroup) so that it has booted and waits for its request on stdin when the
 *                         next request for that slot comes; every JVM still runs exactly one execution. Hides the
 *                         ~45 ms JVM start from sequential callers (an RL env judges one candidate per step); costs
 *                         one idle JVM per slot and one wasted start per slot at close
 */
public record SandboxConfig(int slots, int compileWorkers, Duration compileTimeout, int compileHeapMb, int heapMb,
                            int stackKb, int directMemoryMb, long outputLimitBytes, boolean cache, Path cacheDir,
                            long cacheMaxBytes, Path runtimeDir, boolean scan, boolean jlinkRuntime, boolean osSandbox,
                            boolean seccomp, boolean rlimits, boolean cgroups, int slotUidBase, boolean prespawn) {

    public SandboxConfig {
        if (slots < 1) {
            throw new IllegalArgumentException("slots: expected >= 1, actual " + slots);
        }
        if (compileWorkers < 1) {
            throw new IllegalArgumentException("compileWorkers: expected >= 1, actual " + compileWorkers);
        }
        if (compileTimeout == null || compileTimeout.isNegative() || compileTimeout.isZero()) {
            throw new IllegalArgumentException("compileTimeout: expected > 0, actual " + compileTimeout);
        }
        if (compileHeapMb < 64 || heapMb < 16 || stackKb < 256 || directMemoryMb < 1) {
            throw new IllegalArgumentException("memory caps: expected compileHeapMb >= 64, heapMb >= 16, stackKb >= 256,"
                    + " directMemoryMb >= 1, actual " + compileHeapMb + ", " + heapMb + ", " + stackKb + ", "
                    + directMemoryMb);
        }
        if (cacheMaxBytes < 1024) {
            throw new IllegalArgumentException("cacheMaxBytes: expected >= 1024, actual " + cacheMaxBytes);
        }
        if (outputLimitBytes < 1024) {
            throw new IllegalArgumentException("outputLimitBytes: expected >= 1024, actual " + outputLimitBytes);
        }
    }

    /** Default cap on the disk result cache: 256 MiB (roughly a million results). */
    public static final long DEFAULT_CACHE_MAX_BYTES = 256L << 20;

    /** {@return every layer on, slots = available processors} */
    public static SandboxConfig defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new SandboxConfig(cores, Math.max(1, cores / 2), Duration.ofSeconds(20), 512, 256, 1024, 32,
                1 << 20, true, null, DEFAULT_CACHE_MAX_BYTES, null, true, true, true, true, true, true, 61000, true);
    }

    public SandboxConfig withSlots(int slots) {
        return with(f -> f.slots = slots);
    }

    public SandboxConfig withCompileWorkers(int compileWorkers) {
        return with(f -> f.compileWorkers = compileWorkers);
    }

    public SandboxConfig withCompileTimeout(Duration compileTimeout) {
        return with(f -> f.compileTimeout = compileTimeout);
    }

    public SandboxConfig withOutputLimitBytes(long outputLimitBytes) {
        return with(f -> f.outputLimitBytes = outputLimitBytes);
    }

    public SandboxConfig withCache(boolean cache, Path cacheDir) {
        return with(f -> {
            f.cache = cache;
            f.cacheDir = cacheDir;
        });
    }

    public SandboxConfig withRuntimeDir(Path runtimeDir) {
        return with(f -> f.runtimeDir = runtimeDir);
    }

    /** {@return a copy with the given layers switched on or off} */
    public SandboxConfig withLayers(boolean scan, boolean jlinkRuntime, boolean osSandbox, boolean seccomp,
                                    boolean rlimits) {
        return with(f -> {
            f.scan = scan;
            f.jlinkRuntime = jlinkRuntime;
            f.osSandbox = osSandbox;
            f.seccomp = seccomp;
            f.rlimits = rlimits;
        });
    }

    public SandboxConfig withSlotUidBase(int slotUidBase) {
        return with(f -> f.slotUidBase = slotUidBase);
    }

    /** {@return a copy whose disk cache is capped at {@code cacheMaxBytes}} */
    public SandboxConfig withCacheMaxBytes(long cacheMaxBytes) {
        return with(f -> f.cacheMaxBytes = cacheMaxBytes);
    }

    /** {@return a copy with per-slot cgroups switched on (where available) or off} */
    public SandboxConfig withCgroups(boolean cgroups) {
        return with(f -> f.cgroups = cgroups);
    }

    /** {@return a copy that starts each slot's next JVM ahead of its request, or starts every JVM on demand} */
    public SandboxConfig withPrespawn(boolean prespawn) {
        return with(f -> f.prespawn = prespawn);
    }

    /** {@return a copy with the changes {@code change} makes to a mutable copy of the fields (validated again)} */
    private SandboxConfig with(java.util.function.Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return new SandboxConfig(f.slots, f.compileWorkers, f.compileTimeout, f.compileHeapMb, f.heapMb, f.stackKb,
                f.directMemoryMb, f.outputLimitBytes, f.cache, f.cacheDir, f.cacheMaxBytes, f.runtimeDir, f.scan,
                f.jlinkRuntime, f.osSandbox, f.seccomp, f.rlimits, f.cgroups, f.slotUidBase, f.prespawn);
    }

    /** The record's fields, mutable: what one wither changes before the copy is built. */
    private static final class Fields {
        int slots;
        int compileWorkers;
        Duration compileTimeout;
        int compileHeapMb;
        int heapMb;
        int stackKb;
        int directMemoryMb;
        long outputLimitBytes;
        boolean cache;
        Path cacheDir;
        long cacheMaxBytes;
        Path runtimeDir;
        boolean scan;
        boolean jlinkRuntime;
        boolean osSandbox;
        boolean seccomp;
        boolean rlimits;
        boolean cgroups;
        int slotUidBase;
        boolean prespawn;

        Fields(SandboxConfig c) {
            slots = c.slots;
            compileWorkers = c.compileWorkers;
            compileTimeout = c.compileTimeout;
            compileHeapMb = c.compileHeapMb;
            heapMb = c.heapMb;
            stackKb = c.stackKb;
            directMemoryMb = c.directMemoryMb;
            outputLimitBytes = c.outputLimitBytes;
            cache = c.cache;
            cacheDir = c.cacheDir;
            cacheMaxBytes = c.cacheMaxBytes;
            runtimeDir = c.runtimeDir;
            scan = c.scan;
            jlinkRuntime = c.jlinkRuntime;
            osSandbox = c.osSandbox;
            seccomp = c.seccomp;
            rlimits = c.rlimits;
            cgroups = c.cgroups;
            slotUidBase = c.slotUidBase;
            prespawn = c.prespawn;
        }
    }
}
