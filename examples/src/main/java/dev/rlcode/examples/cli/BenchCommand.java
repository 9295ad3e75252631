package dev.rlcode.examples.cli;

import dev.rlcode.bench.BackendOps;
import dev.rlcode.core.kernel.Backend;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlcode bench}: times the kernels and whole DQN updates on several backends in one run and prints each
 * backend's time as a ratio against the first one (the CPU by default), plus the GEMM size from which each other
 * backend beats it. This is the table the GPU machine script records; JMH ({@code benchmarks}) remains the tool for
 * careful single-backend figures.
 *
 * <p>Method: each case is warmed up until its time per call is stable (see {@link #time}), then timed as 5 samples of
 * back-to-back calls followed by {@link Backend#synchronize()}; the per-call time is the median sample divided by
 * its calls. A case whose single call takes over 2 s is timed from 1 call after 1 warm-up call. Backends run one
 * after the other on the same inputs, in the same JVM: on a loaded machine the ratios move, so record the load.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time GEMM, Adam and full DQN updates (small 4-64-64-2 b64 to large 512-1024-1024-18 b1024) "
                + "on several backends in one run; print ms per call, GFLOP/s, the ratio against the first backend "
                + "and the GEMM size where each other backend starts to win.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--backends", paramLabel = "A,B,...", split = ",", defaultValue = "cpu,opencl,cuda",
            description = "backends to compare (cpu, scalar, simd, opencl, cuda, auto), the first is the baseline; "
                    + "unavailable ones are listed and skipped (default: ${DEFAULT-VALUE})")
    List<String> backends;

    @Option(names = "--max-gemm", paramLabel = "N", defaultValue = "1024",
            description = "largest square GEMM size (powers of two from 64 to " + BenchCommand.MAX_GEMM
                    + "; default: ${DEFAULT-VALUE}; benchmarks/gpu-run.sh passes 4096)")
    int maxGemm;

    @Option(names = "--no-large", description = "skip the large DQN update (512-1024-1024-18, batch 1024)")
    boolean noLarge;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the table (markdown) to FILE")
    Path outFile;

    @Option(names = "--gemm-kernels", description = "also time each GPU GEMM kernel (tiled, rb4, rb8, rb8v) at every "
            + "GEMM size on the GPU backends, next to the automatic choice")
    boolean gemmKernels;

    /**
     * One timed case: what it is, how many floating-point operations a call does (0 if not counted), and the GPU
     * GEMM kernel it forces (null: the automatic choice; a forced kernel is timed on GPU backends only).
     */
    private record Case(String name, double flops, java.util.function.Function<Backend, Runnable> setup,
                        String gemmKernel) {
        Case(String name, double flops, java.util.function.Function<Backend, Runnable> setup) {
            this(name, flops, setup, null);
        }
    }

    /** The largest --max-gemm: an n x n matrix must fit a Java array (n^2 < 2^31), and 16384^2 floats are 1 GiB. */
    static final int MAX_GEMM = 16384;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (maxGemm < 64 || maxGemm > MAX_GEMM || Integer.bitCount(maxGemm) != 1) {
            throw new CliException("--max-gemm: expected a power of two from 64 to " + MAX_GEMM + ", actual "
                    + maxGemm);
        }
        List<String> names = backends.stream().map(String::strip).filter(b -> !b.isEmpty()).toList();
        if (names.isEmpty()) throw new CliException("--backends: expected at least one name, actual none");
        if (new java.util.HashSet<>(names).size() != names.size()) {
            // the GEMM crossover is keyed by backend: a second timing of one backend would replace the first
            throw new CliException("--backends: expected distinct names, actual " + String.join(",", names));
        }
        if (outFile != null) { // found out now, not after minutes of timing
            Path parent = outFile.toAbsolutePath().getParent();
            if (Files.isDirectory(outFile) || parent == null || !Files.isDirectory(parent)
                    || !Files.isWritable(parent)) {
                throw new CliException("--out " + outFile + ": expected a file in an existing, writable folder");
            }
        }
        List<Backend> open = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String name : names) {
            try {
                // as --backend of train: the CPU's two kernel sets by name, so SIMD can be timed against scalar
                open.add(BackendOps.open(name));
            } catch (IllegalArgumentException e) {
                open.forEach(Backend::close);
                throw new CliException("--backends: " + e.getMessage() + " (or scalar, simd)", e);
            } catch (IllegalStateException e) {
                skipped.add(name + ": " + e.getMessage());
            }
        }
        if (open.isEmpty()) throw new CliException("--backends: none of " + names + " is available: " + skipped);
        for (int i = 0; i < open.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (open.get(i).name().equals(open.get(j).name())) { // e.g. auto beside cpu: one backend twice
                    String twice = open.get(i).name();
                    open.forEach(Backend::close);
                    throw new CliException("--backends: " + names + " opens " + twice + " twice; name it once");
                }
            }
        }
        StringBuilder report = new StringBuilder();
        report.append("# rlcode bench, ").append(java.time.Instant.now()).append('\n');
        report.append("baseline: ").append(open.getFirst().name()).append('\n');
        for (String s : skipped) report.append("skipped ").append(s).append('\n');
        out.print(report);
        out.flush();

        List<Case> cases = cases();
        List<String[]> rows = new ArrayList<>();
        Map<String, Map<Integer, Double>> gemmMs = new LinkedHashMap<>();
        Map<String, Double> baseMs = new LinkedHashMap<>(); // the first backend's time per case, for forced kernels
        try {
            for (Case c : cases) {
                double base = Double.NaN;
                for (Backend be : open) {
                    if (c.gemmKernel() != null && !(be instanceof dev.rlcode.gpu.GpuBackend)) continue;
                    double ms = c.gemmKernel() == null ? time(c.setup().apply(be), be) : withGemmKernel(c, be);
                    if (Double.isNaN(base)) base = baseMs.getOrDefault(c.name().replaceFirst(" \\[.*", ""), ms);
                    String gflops = c.flops() > 0 ? fmt(c.flops() / (ms * 1e6)) : "";
                    rows.add(new String[] {c.name(), be.name(), fmt(ms), gflops, fmt(base / ms)});
                    if (c.gemmKernel() == null) baseMs.putIfAbsent(c.name(), base);
                    if (c.name().startsWith("gemm ") && c.gemmKernel() == null) {
                        int n = Integer.parseInt(c.name().substring(5, c.name().indexOf('x')));
                        gemmMs.computeIfAbsent(be.name(), k -> new LinkedHashMap<>()).put(n, ms);
                    }
                    out.println(String.join(" | ", rows.getLast()));
                    out.flush();
                }
            }
        } finally {
            open.forEach(Backend::close);
        }
        String table = Tables.table(rows, "case", "backend", "ms/call", "GFLOP/s", "speedup vs " + open.getFirst().name());
        report.append('\n').append(table).append('\n');
        Map<Integer, Double> baseGemm = gemmMs.get(open.getFirst().name());
        for (var e : gemmMs.entrySet()) {
            if (e.getKey().equals(open.getFirst().name())) continue;
            Integer first = null;
            for (var s : e.getValue().entrySet()) {
                if (s.getValue() < baseGemm.get(s.getKey())) {
                    first = s.getKey();
                    break;
                }
            }
            report.append("gemm crossover ").append(e.getKey()).append(": ").append(first == null
                    ? "never faster than " + open.getFirst().name() + " up to " + maxGemm
                    : "faster from n = " + first).append('\n');
        }
        out.println();
        out.print(report.substring(report.indexOf("\n\n") + 1));
        out.flush();
        if (outFile != null) Files.writeString(outFile, report.toString());
        return RlCode.EXIT_OK;
    }

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (int n = 64; n <= maxGemm; n *= 2) {
            int size = n;
            cases.add(new Case("gemm " + n + "x" + n + "x" + n, 2.0 * n * n * n, be -> BackendOps.gemm(be, size)));
            if (!gemmKernels) continue;
            for (String kernel : dev.rlcode.gpu.GpuKernels.GEMM_KERNELS) {
                if (kernel.equals("auto")) continue;
                cases.add(new Case("gemm " + n + "x" + n + "x" + n + " [" + kernel + "]", 2.0 * n * n * n,
                        be -> BackendOps.gemm(be, size), kernel));
            }
        }
        int adamN = 1 << 20;
        cases.add(new Case("adam 1M params", 0, be -> BackendOps.adam(be, adamN)));
        cases.add(dqn("dqn update 4-64-64-2 b64", 4, List.of(64, 64), 2, 64));
        cases.add(dqn("dqn update 64-256-256-6 b256", 64, List.of(256, 256), 6, 256));
        if (!noLarge) cases.add(dqn("dqn update 512-1024-1024-18 b1024", 512, List.of(1024, 1024), 18, 1024));
        return cases;
    }

    /** Times {@code c} on {@code be} with its GEMM kernel forced through the system property, then restores it. */
    private static double withGemmKernel(Case c, Backend be) {
        String prop = dev.rlcode.gpu.GpuKernels.GEMM_PROPERTY, before = System.getProperty(prop);
        System.setProperty(prop, c.gemmKernel());
        try {
            return time(c.setup().apply(be), be);
        } finally {
            if (before == null) System.clearProperty(prop);
            else System.setProperty(prop, before);
        }
    }

    /** A full Double + Dueling DQN update (sample, upload, target, loss, backward, Adam) on a filled replay. */
    private static Case dqn(String name, int obs, List<Integer> hidden, int actions, int batch) {
        return new Case(name, 0, be -> BackendOps.dqnUpdate(be, obs, hidden, actions, batch));
    }

    /**
     * {@return milliseconds per call} Warm-up runs windows of at least 0.2 s until two windows in a row agree
     * within 10%, 1 s has passed and the JIT has finished no compilation for 0.5 s (Vector API code runs hundreds of
     * times slower before C2 compiles it, and on a loaded machine that can take seconds during which the slow rate
     * looks stable), or 10 s have passed; then the median of 5 samples of back-to-back calls.
     */
    private static double time(Runnable op, Backend be) {
        long t0 = System.nanoTime();
        op.run();
        be.synchronize();
        double first = (System.nanoTime() - t0) / 1e9;
        if (first > 2.0) {
            t0 = System.nanoTime();
            op.run();
            be.synchronize();
            return (System.nanoTime() - t0) / 1e6;
        }
        double previous = Double.NaN, perCall;
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        boolean jitVisible = jit != null && jit.isCompilationTimeMonitoringSupported();
        long compileTime = jitVisible ? jit.getTotalCompilationTime() : 0, lastCompile = System.nanoTime();
        while (true) {
            long w0 = System.nanoTime();
            int calls = 0;
            do {
                op.run();
                be.synchronize(); // a GPU call only enqueues: wait, or the estimate counts enqueues
                calls++;
            } while (System.nanoTime() - w0 < 200_000_000L);
            perCall = (System.nanoTime() - w0) / 1e9 / calls;
            double elapsed = (System.nanoTime() - t0) / 1e9;
            boolean stable = Math.abs(perCall - previous) <= 0.1 * previous;
            if (jitVisible && jit.getTotalCompilationTime() != compileTime) {
                compileTime = jit.getTotalCompilationTime();
                lastCompile = System.nanoTime();
            }
            boolean jitQuiet = !jitVisible || System.nanoTime() - lastCompile >= 500_000_000L;
            if ((stable && jitQuiet && elapsed >= 1.0) || elapsed >= 10.0) break;
            previous = perCall;
        }
        int calls = (int) Math.max(1, Math.min(100_000, 0.1 / Math.max(perCall, 1e-7)));
        double[] samples = new double[5];
        for (int s = 0; s < samples.length; s++) {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) op.run();
            be.synchronize();
            samples[s] = (System.nanoTime() - start) / 1e6 / calls;
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) return "";
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 1 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }
}
