package dev.rlcode.bench;

import static dev.rlcode.bench.RatioTable.fmt;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnAgent;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.dqn.DqnTrainer;
import dev.rlcode.bench.Interleaved.Stats;
import dev.rlcode.bench.Interleaved.Trial;
import dev.rlcode.bench.Interleaved.Workload;
import dev.rlcode.bench.RatioTable.Row;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.Buffer;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.core.kernel.Kernels;
import dev.rlcode.core.nn.Mlp;
import dev.rlcode.core.rng.Rng;
import dev.rlcode.envs.classic.CartPole;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.ejml.EjmlVersion;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * Prints one markdown table comparing {@code SimdKernels}, {@code ScalarKernels} and EJML, all measured in one JVM
 * run with interleaved rounds ({@link Interleaved}): GEMM squares and DQN layer shapes (GFLOP/s), MLP forward +
 * backward (GFLOP/s), one DQN update (updates/s), and end-to-end CartPole DQN training (env steps/s) at RL4J's,
 * CleanRL's and the SB3-zoo preset's settings ({@link DqnSettings}).
 *
 * <p>No JMH here: the implementations of a case share one JVM and alternate round by round, so they share the
 * machine's state and their ratios stay meaningful on a noisy, shared box. Each case runs in a fresh child JVM
 * (unless {@code --no-fork}): C2 compiles the kernels from the shapes it has seen, and measured here, a CartPole
 * training run in a JVM that first swept the GEMM shapes was up to 2× slower than in a fresh one. The JMH classes
 * ({@code *Bench}) give the per-family detail.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * dev.rlcode.bench.RatioRunner [--quick] [--out FILE.md] [--filter REGEX] [--rounds N] [--train-rounds N]
 * [--no-fork]}
 */
public final class RatioRunner {

    /*
     * Implementation notes. Every workload loops inside its own lambda, so the timed call site inside it sees one
     * implementation (no megamorphic dispatch in the measured loop). Ratios are medians of per-round ratios
     * (paired), not ratios of medians. Training runs report two rates: the trainer's own env_steps_per_second
     * (whole run, the warm-up steps without updates included) and the rate over the steps after learningStarts,
     * timed from the trainer's progress callbacks.
     */

    /** Run options. */
    record Options(boolean quick, Path out, Pattern filter, int rounds, int trainRounds, boolean fork, boolean child) {

        static final String USAGE = """
                usage: RatioRunner [--quick] [--out FILE.md] [--filter REGEX] [--rounds N] [--train-rounds N]
                                   [--no-fork]
                  --quick           small budgets (smoke test; numbers are not representative)
                  --out FILE.md     also write the document to FILE.md
                  --filter REGEX    only cases whose id matches (find), e.g. 'gemm 512|train RL4J'
                  --rounds N        timed rounds per micro case (default 7, quick 3)
                  --train-rounds N  training runs per implementation (default 3, quick 1)
                  --no-fork         run every case in this JVM instead of one fresh JVM per case""";

        static Options parse(String[] args) {
            boolean quick = false, fork = true, child = false;
            Path out = null;
            Pattern filter = null;
            Integer rounds = null, trainRounds = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--quick" -> quick = true;
                    case "--out" -> out = Path.of(value(args, ++i, a));
                    case "--filter" -> filter = Pattern.compile(value(args, ++i, a));
                    case "--rounds" -> rounds = positive(value(args, ++i, a), a);
                    case "--train-rounds" -> trainRounds = positive(value(args, ++i, a), a);
                    case "--no-fork" -> fork = false;
                    case "--child" -> child = true; // internal: print encoded rows for the parent
                    default -> throw new IllegalArgumentException("unknown option: " + a);
                }
            }
            if (out != null && !child) { // found out now, not after the whole run's measurements
                Path parent = out.toAbsolutePath().getParent();
                if (Files.isDirectory(out) || parent == null || !Files.isDirectory(parent)
                        || !Files.isWritable(parent)) {
                    throw new IllegalArgumentException("--out " + out + ": expected a file in an existing, writable "
                            + "folder");
                }
            }
            return new Options(quick, out, filter, rounds != null ? rounds : quick ? 3 : 7,
                    trainRounds != null ? trainRounds : quick ? 1 : 3, fork && !child, child);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) throw new IllegalArgumentException(option + ": expected a value, actual none");
            return args[i];
        }

        private static int positive(String s, String option) {
            try {
                int v = Integer.parseInt(s);
                if (v >= 1) return v;
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new IllegalArgumentException(option + ": expected a positive integer, actual " + s);
        }

        boolean wants(String caseId) {
            return filter == null || filter.matcher(caseId).find();
        }

        double warmupSeconds() {
            return quick ? 0.05 : 2.0;
        }

        double roundSeconds() {
            return quick ? 0.02 : 0.25;
        }
    }

    /** A case: its id (what --filter matches) and how to measure it. */
    private record Case(String id, Callable<List<Row>> measure) {}

    private final Options opt;
    private final PrintStream log;
    private final Backend simd = CpuBackend.simd(), scalar = CpuBackend.scalar();

    private RatioRunner(Options opt, PrintStream log) {
        this.opt = opt;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            System.err.println("RatioRunner needs the Vector API: run java with --add-modules jdk.incubator.vector");
            System.exit(2);
        }
        Options opt;
        try {
            opt = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        System.out.print(run(opt, System.err));
    }

    /**
     * {@return the markdown document (machine, method, table) for {@code args}, also written to the {@code --out}
     * file if given; progress goes to {@code log}}
     *
     * @throws IllegalArgumentException on a malformed option
     */
    public static String run(String[] args, PrintStream log) throws Exception {
        return run(Options.parse(args), log);
    }

    static String run(Options opt, PrintStream log) throws Exception {
        long t0 = System.nanoTime();
        RatioRunner r = new RatioRunner(opt, log);
        if (opt.child()) { // measure here and hand the rows to the parent on stdout
            StringBuilder out = new StringBuilder();
            for (Case c : r.cases()) for (Row row : c.measure().call()) out.append(RatioTable.encode(row)).append('\n');
            return out.toString();
        }
        List<String> machine = MachineInfo.describe();
        double[] peakStart = r.peak();
        List<Row> rows = new ArrayList<>();
        for (Case c : r.cases()) rows.addAll(opt.fork() ? r.forked(c.id()) : c.measure().call());
        double[] peakEnd = r.peak();
        double peakGflops = Math.max(peakStart[peakStart.length - 1], peakEnd[peakEnd.length - 1]);
        StringBuilder doc = new StringBuilder();
        doc.append("# rlcode: SimdKernels vs ScalarKernels vs EJML").append(opt.quick() ? " (--quick smoke run)" : "")
                .append("\n\n");
        doc.append("- date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append("\n");
        doc.append("- command: ").append(ProcessHandle.current().info().commandLine().orElse("n/a")).append("\n");
        for (String line : machine) doc.append("- ").append(line).append("\n");
        doc.append("- single-thread FP32 FMA peak (PeakProbe: 12 independent FloatVector.fma chains, preferred"
                + " species): median ").append(fmt(Stats.of(peakStart).median())).append(", max ")
                .append(fmt(peakStart[peakStart.length - 1])).append(" GFLOP/s at start; median ")
                .append(fmt(Stats.of(peakEnd).median())).append(", max ").append(fmt(peakEnd[peakEnd.length - 1]))
                .append(" GFLOP/s at end. \"% of peak\" uses the larger max, ").append(fmt(peakGflops))
                .append(" GFLOP/s\n");
        doc.append("- load average at end: ").append(MachineInfo.loadAverage()).append("; run took ")
                .append(String.format("%.0f s", (System.nanoTime() - t0) / 1e9)).append("\n");
        doc.append("- method: ")
                .append(opt.fork() ? "each case in a fresh JVM (same flags); " : "all cases in one JVM; ")
                .append("micro cases: ").append(String.format("%.2f", opt.warmupSeconds()))
                .append(" s warm-up per implementation, then ").append(opt.rounds())
                .append(" rounds alternating implementations (order rotated each round), ~")
                .append(String.format("%.2f", opt.roundSeconds()))
                .append(" s per implementation per round; training: ").append(opt.trainRounds())
                .append(" runs per implementation, alternating")
                .append(opt.quick() ? "" : ", after one warm-up run each")
                .append(". Cells: median [min–max] over rounds; ratios: median [min–max] of per-round ratios."
                        + " Single-threaded throughout.\n\n");
        doc.append(RatioTable.markdown(rows, r.simd.kernels().name(), EjmlVersion.VERSION, peakGflops));
        if (opt.out() != null) {
            try {
                Files.writeString(opt.out(), doc);
            } catch (java.io.IOException e) { // the table is not lost: the caller prints it
                log.println("cannot write --out " + opt.out() + ": " + e + " (the table follows on stdout)");
            }
        }
        return doc.toString();
    }

    private double[] peak() {
        double[] g = opt.quick() ? PeakProbe.gflops(3, 0.02, 0.2) : PeakProbe.gflops(7, 0.1, 1.0);
        log.printf("%-26s median %s, max %s GFLOP/s%n", "FMA peak probe", fmt(Stats.of(g).median()),
                fmt(g[g.length - 1]));
        return g;
    }

    /** {@return the cases selected by --filter, in table order} */
    private List<Case> cases() {
        List<Case> all = new ArrayList<>();
        int[][] gemms = opt.quick()
                ? new int[][] {{64, 64, 64}, {128, 128, 128}, {256, 256, 256}, {64, 4, 64}, {64, 64, 2},
                               {256, 4, 64}, {256, 64, 64}, {256, 64, 2}, {1, 4, 64}}
                : new int[][] {{64, 64, 64}, {128, 128, 128}, {256, 256, 256}, {512, 512, 512},
                               {1024, 1024, 1024}, {64, 4, 64}, {64, 64, 2}, {256, 4, 64}, {256, 64, 64},
                               {256, 64, 2}, {1, 4, 64}};
        for (int[] g : gemms) {
            String id = "gemm " + g[0] + "x" + g[1] + "x" + g[2];
            all.add(new Case(id, () -> List.of(gemm(id, g[0], g[1], g[2]))));
        }
        String[][] mlps = {{"4-64-64-2", "64"}, {"4-256-256-2", "256"}, {"4-120-84-2", "128"}, {"4-256-256-3", "64"}};
        for (String[] m : mlps) {
            String id = "mlp " + m[0] + " b" + m[1];
            all.add(new Case(id, () -> List.of(mlp(id, BenchData.mlpSizes(m[0]), Integer.parseInt(m[1])))));
        }
        for (DqnSettings s : DqnSettings.values()) {
            String id = "update " + s;
            all.add(new Case(id, () -> List.of(update(id, s))));
        }
        for (DqnSettings s : DqnSettings.values()) {
            String id = "train " + s;
            all.add(new Case(id, () -> train(id, s)));
        }
        return all.stream().filter(c -> opt.wants(c.id())).toList();
    }

    /** Measures case {@code id} in a child JVM with this JVM's flags and class path; its progress goes to stderr. */
    private List<Row> forked(String id) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // not the profilers' or debuggers' agents and recordings: one per JVM
            if (!arg.startsWith("-agent") && !arg.startsWith("-javaagent")
                    && !arg.startsWith("-XX:StartFlightRecording") && !arg.startsWith("-XX:FlightRecorderOptions")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RatioRunner.class.getName(), "--child",
                "--filter", "^" + Pattern.quote(id) + "$", "--rounds", String.valueOf(opt.rounds()),
                "--train-rounds", String.valueOf(opt.trainRounds())));
        if (opt.quick()) cmd.add("--quick");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines;
        try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            lines = in.lines().toList();
        }
        int exit = p.waitFor();
        List<Row> rows = RatioTable.decode(lines);
        if (exit != 0 || rows.isEmpty()) {
            throw new IllegalStateException("case '" + id + "': child JVM exited with " + exit + " and " + rows.size()
                    + " rows: " + String.join(" ", cmd));
        }
        return rows;
    }

    // ---------------------------------------------------------------- cases

    private Row gemm(String id, int m, int k, int n) {
        float[] a = BenchData.uniform(m * k, BenchData.SEED), b = BenchData.uniform(k * n, BenchData.SEED + 1);
        Workload vec = gemmWorkload(simd, a, b, m, k, n), sca = gemmWorkload(scalar, a, b, m, k, n);
        FMatrixRMaj ea = new FMatrixRMaj(m, k, true, a), eb = new FMatrixRMaj(k, n, true, b);
        FMatrixRMaj ec = new FMatrixRMaj(m, n);
        Workload ejml = calls -> {
            for (int i = 0; i < calls; i++) CommonOps_FDRM.mult(ea, eb, ec);
        };
        String what = m == k && k == n ? "square" : m == 1 ? "one observation × layer 1" : "DQN layer, batch " + m;
        return micro(id, what, "GFLOP/s", 2.0 * m * k * n / 1e9, vec, sca, ejml);
    }

    private static Workload gemmWorkload(Backend be, float[] a, float[] b, int m, int k, int n) {
        Buffer ab = be.fromArray(a), bb = be.fromArray(b), cb = be.allocF32(m * n);
        Kernels kr = be.kernels();
        return calls -> {
            for (int i = 0; i < calls; i++) kr.gemm(false, false, m, n, k, 1f, ab, bb, 0f, cb);
        };
    }

    private Row mlp(String id, int[] sizes, int batch) {
        float[] x = BenchData.uniform(batch * sizes[0], BenchData.SEED + 1);
        float[] g = BenchData.uniform(batch * sizes[sizes.length - 1], BenchData.SEED + 2);
        Workload vec = mlpWorkload(simd, sizes, batch, x, g), sca = mlpWorkload(scalar, sizes, batch, x, g);
        float[] params = scalar.toArray(new Mlp(scalar, sizes, batch, Rng.of(BenchData.SEED)).params());
        EjmlMlp net = new EjmlMlp(sizes, params, batch);
        FMatrixRMaj ex = new FMatrixRMaj(batch, sizes[0], true, x);
        FMatrixRMaj eg = new FMatrixRMaj(batch, sizes[sizes.length - 1], true, g);
        Workload ejml = calls -> {
            for (int i = 0; i < calls; i++) {
                net.forward(ex);
                net.backward(eg);
            }
        };
        return micro(id, "MLP forward + backward", "GFLOP/s", BenchData.mlpFwdBwdFlops(sizes, batch) / 1e9, vec, sca,
                ejml);
    }

    private static Workload mlpWorkload(Backend be, int[] sizes, int batch, float[] x, float[] g) {
        Mlp net = new Mlp(be, sizes, batch, Rng.of(BenchData.SEED));
        Buffer xb = be.fromArray(x), gb = be.fromArray(g);
        return calls -> {
            for (int i = 0; i < calls; i++) {
                net.forward(xb, batch);
                net.backward(gb, batch);
            }
        };
    }

    private Row update(String id, DqnSettings s) {
        Workload vec = updateWorkload(simd, s), sca = updateWorkload(scalar, s);
        return micro(id, "DqnAgent.update: " + s.description(), "updates/s", 1, vec, sca, null);
    }

    private static Workload updateWorkload(Backend be, DqnSettings s) {
        DqnAgent agent = new DqnAgent(s.config(50_000), be, 4, 2);
        DqnStepBench.fillWithRandomPlay(agent, 10_000, BenchData.SEED);
        return calls -> {
            for (int i = 0; i < calls; i++) agent.update(false);
        };
    }

    private Row micro(String id, String what, String unit, double unitsPerCall, Workload vec, Workload sca,
                      Workload ejml) {
        log.printf("%-26s", id);
        List<Workload> ws = ejml == null ? List.of(vec, sca) : List.of(vec, sca, ejml);
        List<Trial> trials = new ArrayList<>();
        for (Workload w : ws) {
            int calls = Interleaved.calibrate(w, opt.warmupSeconds(), opt.roundSeconds());
            trials.add(Interleaved.timed(w, calls, unitsPerCall));
        }
        double[][][] r;
        try {
            r = Interleaved.rounds(trials, opt.rounds());
        } catch (Exception e) {
            throw new IllegalStateException(id + ": " + e, e);
        }
        Row row = new Row(id, what, unit, Stats.of(r[0][0]), Stats.of(r[1][0]), ejml == null ? null : Stats.of(r[2][0]),
                Stats.ratio(r[0][0], r[1][0]), ejml == null ? null : Stats.ratio(r[0][0], r[2][0]));
        log.printf(" simd %s  scalar %s%s  (load %s)%n", fmt(row.simd().median()), fmt(row.scalar().median()),
                ejml == null ? "" : "  ejml " + fmt(row.ejml().median()), MachineInfo.loadAverage());
        return row;
    }

    /** Two rows: whole-run env steps/s (the trainer's figure) and the rate after learningStarts. */
    private List<Row> train(String id, DqnSettings s) throws Exception {
        long steps, learningStarts;
        if (opt.quick()) {
            steps = 1_500;
            learningStarts = 500;
        } else {
            steps = switch (s) {
                case RL4J -> 20_000;
                case CLEANRL -> 100_000;
                case CARTPOLE -> 6_000;
            };
            learningStarts = -1;
        }
        DqnConfig base = s.config(steps, learningStarts);
        DqnConfig cfg = ConfigOverrides.apply(base, Map.of("logFrequency", base.learningStarts()));
        log.printf("%-26s %d steps, learningStarts %d%n", id, steps, cfg.learningStarts());
        if (!opt.quick()) { // warm-up: a shorter run of the same config on each implementation
            long warmSteps = Math.min(steps, cfg.learningStarts() + steps / 5);
            DqnConfig warm = ConfigOverrides.apply(cfg, Map.of("totalTimesteps", warmSteps,
                    "explorationFraction", Math.min(1.0, cfg.explorationFraction() * steps / warmSteps)));
            trainTrial(warm, () -> simd).run();
            trainTrial(warm, () -> scalar).run();
        }
        double[][][] r = Interleaved.rounds(List.of(trainTrial(cfg, () -> simd), trainTrial(cfg, () -> scalar)),
                opt.trainRounds());
        String k = steps % 1000 == 0 ? steps / 1000 + "k steps" : steps + " steps";
        Row whole = new Row(id, "CartPole DQN training, " + s.description() + "; whole run of " + k + " (trainer's"
                + " figure, " + cfg.learningStarts() + " warm-up steps included)", "env steps/s", Stats.of(r[0][0]),
                Stats.of(r[1][0]), null, Stats.ratio(r[0][0], r[1][0]), null);
        Row phase = new Row(id + " (training phase)", "same runs, steps after learningStarts only", "env steps/s",
                Stats.of(r[0][1]), Stats.of(r[1][1]), null, Stats.ratio(r[0][1], r[1][1]), null);
        log.printf("%-26s simd %s / %s  scalar %s / %s (whole / training phase)%n", "", fmt(whole.simd().median()),
                fmt(phase.simd().median()), fmt(whole.scalar().median()), fmt(phase.scalar().median()));
        return List.of(whole, phase);
    }

    private static Trial trainTrial(DqnConfig cfg, Supplier<Backend> backend) {
        return () -> {
            long[] marks = new long[2];
            DqnTrainer.Listener timing = new DqnTrainer.Listener() {
                @Override
                public void onProgress(DqnTrainer.Progress p) {
                    if (p.step() == cfg.learningStarts()) marks[0] = System.nanoTime();
                    if (p.step() == p.totalSteps()) marks[1] = System.nanoTime();
                }
            };
            System.gc();
            Map<String, Object> summary = new DqnTrainer(cfg, CartPole::make, backend.get(), null, timing).train();
            double whole = ((Number) summary.get("env_steps_per_second")).doubleValue();
            double phase = (cfg.totalTimesteps() - cfg.learningStarts()) / ((marks[1] - marks[0]) / 1e9);
            return new double[] {whole, phase};
        };
    }
}

/* How to run (from the worktree root; ~10 min, one core, on a quiet machine please):
 *   ./mvnw -q -pl benchmarks -am package -DskipTests
 *   java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.rlcode.bench.RatioRunner \
 *       --out /tmp/ratios.md
 *   ... --quick                               # smoke run, ~1 min, numbers not representative
 *   ... --filter 'gemm 512|train RL4J'        # some cases only
 */
