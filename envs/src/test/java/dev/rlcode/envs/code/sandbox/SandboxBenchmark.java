package dev.rlcode.envs.code.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Harness throughput on the 164 HumanEval-X canonical solutions (a benchmark, not a test):
 * (1) naive: one fresh {@code javac} + {@code java} process pair per task, on a sample, same worker count;
 * (2) the sandbox with every layer on, cold (fresh memory cache);
 * (3) the same requests again (cached);
 * (4) 40 of them one at a time on a fresh uncached sandbox, for per-stage latency without queueing.
 * Prints tasks/s and where the time goes; as root, also CPU time per task of everything involved (cgroup v1
 * {@code cpuacct}), which unlike tasks/s hardly depends on what else the machine is running.
 *
 * <p>How to run (after {@code ./mvnw -pl envs -am test-compile}): {@code java -cp
 * envs/target/test-classes:envs/target/classes:rl-core/target/classes:<jackson jars>
 * dev.rlcode.envs.code.sandbox.SandboxBenchmark [naiveSample=24] [SLOTSxCOMPILERS[-noprespawn] ...]}; each extra
 * argument (e.g. {@code 4x2}, {@code 2x1-noprespawn}) runs the cold pass once more on a fresh sandbox with that many
 * execution slots and compile workers (and without pre-spawned JVMs), for a comparison in the same run. The
 * one-at-a-time pass runs with and without pre-spawned JVMs.
 */
public final class SandboxBenchmark {
    private SandboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int naiveSample = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        var problems = SandboxFixture.loadHumanEvalX(SandboxFixture.humanEvalX());
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("HumanEval-X Java: %d problems, %d cores%n", problems.size(), cores);

        // (1) naive baseline on an evenly spread sample
        var sample = new ArrayList<SandboxFixture.Problem>();
        for (int i = 0; i < naiveSample; i++) {
            sample.add(problems.get(i * problems.size() / naiveSample));
        }
        Cpu cpu = Cpu.open();
        System.out.println("CPU accounting: " + cpu.describe());
        double cpu0 = cpu.millis();
        double naive = naive(sample, cores);
        double naiveCpu = (cpu.millis() - cpu0) / sample.size();

        // (2) sandbox, cold
        var tasks = new ArrayList<Harness.Task>();
        for (var p : problems) {
            tasks.add(new Harness.Task(p.taskId(), ExecutionRequest.humanEvalX(p.program())));
        }
        long t0 = System.nanoTime();
        double cpuStart = cpu.millis();
        try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults())) {
            double cpuReady = cpu.millis();
            System.out.printf("sandbox start-up: %.1f s%n", (System.nanoTime() - t0) / 1e9);
            sandbox.layers().forEach(l -> System.out.println("  " + l));
            int workers = cores * 2 + 1;
            var cold = Harness.run(sandbox, tasks, workers);
            System.out.println("sandbox, every layer on, " + workers + " workers:");
            System.out.println("  " + cold.summary().describe());
            var s = cold.summary();
            System.out.printf("  per task (summed over workers): compile %.1f ms, scan %.2f ms, launch %.1f ms, "
                            + "tests+teardown %.1f ms%n", s.compileMillis() / s.total(), s.scanMillis() / s.total(),
                    s.launchMillis() / s.total(), (s.runMillis() - s.launchMillis()) / s.total());
            cold.results().stream().filter(r -> !r.verdict().passed())
                    .forEach(r -> System.out.println("  NOT PASSED " + r.taskId() + ": " + r.verdict().result()));
            System.out.printf("  speed-up over naive: %.1fx%n", s.tasksPerSecond() / naive);
            double sandboxCpu = (cpu.millis() - cpuReady) / s.total();
            if (cpu.available()) {
                System.out.printf("  CPU per task (all processes: this JVM, compile service, sandboxes): naive %.0f ms, "
                                + "sandbox %.0f ms (start-up %.0f ms once), CPU ratio %.1fx%n", naiveCpu, sandboxCpu,
                        cpuReady - cpuStart, naiveCpu / sandboxCpu);
            }
            var warm = Harness.run(sandbox, tasks, workers);
            System.out.println("cached second run:");
            System.out.println("  " + warm.summary().describe());
            System.out.println("  stats: " + sandbox.stats());
        }
        cpu.close();
        // (4) latency per stage, one request at a time on a fresh uncached sandbox (no queueing in the figures), with
        // the default pre-spawned JVMs and without them
        var seq = new ArrayList<Harness.Task>();
        for (int i = 0; i < 40; i++) {
            seq.add(tasks.get(i * tasks.size() / 40));
        }
        for (boolean prespawn : new boolean[] {true, false}) {
            try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults().withCache(false, null)
                    .withPrespawn(prespawn))) {
                var s = Harness.run(sandbox, seq, 1).summary();
                System.out.printf("one at a time, prespawn %s, %d tasks: %.2f tasks/s; mean per task: compile %.1f ms, "
                                + "scan %.2f ms, launch (process start, or wait for the spare, to request read) %.1f ms, "
                                + "tests+teardown %.1f ms%n", prespawn ? "on" : "off", s.total(), s.tasksPerSecond(),
                        s.compileMillis() / s.total(), s.scanMillis() / s.total(), s.launchMillis() / s.total(),
                        (s.runMillis() - s.launchMillis()) / s.total());
            }
        }
        for (int i = 1; i < args.length; i++) {
            boolean prespawn = !args[i].endsWith("-noprespawn");
            String[] sc = args[i].replace("-noprespawn", "").split("x");
            var config = SandboxConfig.defaults().withSlots(Integer.parseInt(sc[0]))
                    .withCompileWorkers(Integer.parseInt(sc[1])).withPrespawn(prespawn);
            try (Sandbox sandbox = Sandbox.create(config)) {
                int workers = config.slots() * 2 + 1;
                var s = Harness.run(sandbox, tasks, workers).summary();
                System.out.printf("sandbox cold, %d slots, %d compile workers, prespawn %s, %d harness workers:%n  %s%n"
                                + "  per task (summed over workers): compile %.1f ms, launch %.1f ms, tests+teardown "
                                + "%.1f ms; speed-up over naive: %.1fx%n", config.slots(), config.compileWorkers(),
                        prespawn ? "on" : "off", workers, s.describe(), s.compileMillis() / s.total(), s.launchMillis() / s.total(),
                        (s.runMillis() - s.launchMillis()) / s.total(), s.tasksPerSecond() / naive);
            }
        }
    }

    /**
     * CPU time of this JVM and everything it starts, from a cgroup v1 {@code cpuacct} group this JVM moves itself
     * into (root only); children that leave through bwrap's pid namespace are still counted, unlike
     * {@code /proc/self/stat}'s reaped-children times. Unavailable: {@link #millis()} is 0.
     */
    private record Cpu(Path group) {
        static Cpu open() {
            Path root = Path.of("/sys/fs/cgroup/cpuacct");
            try {
                if (Files.isRegularFile(root.resolve("cpuacct.usage"))) {
                    Path g = Files.createDirectories(root.resolve("rlcode-bench-" + ProcessHandle.current().pid()));
                    Files.writeString(g.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
                    return new Cpu(g);
                }
            } catch (IOException e) {
                System.out.println("no cpuacct group: " + e);
            }
            return new Cpu(null);
        }

        boolean available() {
            return group != null;
        }

        double millis() {
            try {
                return group == null ? 0 : Long.parseLong(Files.readString(group.resolve("cpuacct.usage")).strip()) / 1e6;
            } catch (IOException e) {
                return 0;
            }
        }

        /** Moves this JVM back to the root group and removes its own. */
        void close() {
            if (group != null) {
                try {
                    Files.writeString(group.getParent().resolve("cgroup.procs"),
                            Long.toString(ProcessHandle.current().pid()));
                    for (int i = 0; i < 50 && Files.exists(group); i++) {
                        try {
                            Files.deleteIfExists(group); // busy until closed sandboxes' processes are reaped
                        } catch (java.nio.file.FileSystemException busy) {
                            Thread.sleep(100);
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    System.out.println("cannot remove " + group + ": " + e);
                }
            }
        }

        String describe() {
            return group == null ? "unavailable (wall-clock figures only)" : "cgroup v1 cpuacct " + group;
        }
    }

    /** One javac and one java process per task; {@return tasks per second} */
    private static double naive(List<SandboxFixture.Problem> sample, int workers) throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path root = Files.createTempDirectory("naive-bench");
        var next = new AtomicInteger();
        var passed = new AtomicInteger();
        long t0 = System.nanoTime();
        var threads = new ArrayList<Thread>();
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i; (i = next.getAndIncrement()) < sample.size(); ) {
                    try {
                        Path dir = Files.createDirectory(root.resolve("t" + i));
                        Files.writeString(dir.resolve("Main.java"), sample.get(i).program());
                        if (exec(dir, javaHome.resolve("bin/javac").toString(), "-d", dir.toString(),
                                dir.resolve("Main.java").toString()) == 0
                                && exec(dir, javaHome.resolve("bin/java").toString(), "-cp", dir.toString(), "Main") == 0) {
                            passed.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        SandboxRuntime.deleteTree(root);
        double rate = sample.size() / secs;
        System.out.printf("naive javac + java per task, %d workers: %d tasks (%d passed) in %.1f s: %.2f tasks/s%n",
                workers, sample.size(), passed.get(), secs, rate);
        return rate;
    }

    private static int exec(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
