package dev.rlcode.bench;

import dev.rlcode.core.kernel.Backend;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One operation on one backend, CPU SIMD against OpenCL and CUDA: GEMM (n³), an Adam step over 1M parameters and
 * whole Double + Dueling DQN updates from the small network (4-64-64-2, batch 64) to the large one
 * (512-1024-1024-18, batch 1024). Each call is the operation followed by {@link Backend#synchronize()}, so a GPU
 * backend's time includes the device's work, not only the enqueue. Compare backends by the ratio of their scores in
 * one run.
 *
 * <p>A backend that is unavailable here fails its setup with the reason (JMH reports it and goes on with the other
 * parameters). {@code rlcode bench} gives the same comparison as one table with ratios and the GEMM crossover.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class BackendBench {

    /** {@code simd}, {@code scalar}, {@code opencl}, {@code cuda}, {@code cpu} or {@code auto}. */
    @Param({"simd", "opencl", "cuda"})
    public String backend;

    /** {@code gemm N}, {@code adam N} or {@code dqn OBS-H1-...-ACTIONS bBATCH}. */
    @Param({"gemm 256", "gemm 1024", "adam 1048576", "dqn 4-64-64-2 b64", "dqn 512-1024-1024-18 b1024"})
    public String op;

    private Backend be;
    private Runnable call;

    @Setup(Level.Trial)
    public void setup() {
        be = BackendOps.open(backend);
        try {
            call = build(be, op);
        } catch (RuntimeException e) {
            be.close();
            throw e;
        }
    }

    /**
     * {@return the call {@code op} names on {@code be}}
     *
     * @throws IllegalArgumentException for a malformed op, naming it and the accepted forms
     */
    static Runnable build(Backend be, String op) {
        String[] w = op.trim().split("\\s+");
        try {
            switch (w[0]) {
                case "gemm" -> {
                    if (w.length == 2) return BackendOps.gemm(be, positive(w[1]));
                }
                case "adam" -> {
                    if (w.length == 2) return BackendOps.adam(be, positive(w[1]));
                }
                case "dqn" -> {
                    if (w.length == 3 && w[2].startsWith("b")) {
                        List<Integer> sizes = java.util.Arrays.stream(w[1].split("-")).map(BackendBench::positive)
                                .toList();
                        if (sizes.size() >= 3) {
                            return BackendOps.dqnUpdate(be, sizes.getFirst(), sizes.subList(1, sizes.size() - 1),
                                    sizes.getLast(), positive(w[2].substring(1)));
                        }
                    }
                }
                default -> { }
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted forms
        }
        throw new IllegalArgumentException("op: expected \"gemm N\", \"adam N\" or \"dqn OBS-H1-...-ACTIONS bBATCH\", "
                + "actual \"" + op + "\"");
    }

    private static int positive(String s) {
        int v = Integer.parseInt(s);
        if (v <= 0) throw new NumberFormatException(s);
        return v;
    }

    @Benchmark
    public Backend run() {
        call.run();
        be.synchronize();
        return be;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (be != null) be.close();
    }
}

/* How to run (from the worktree root):
 *   ./mvnw -q -pl benchmarks -am package -DskipTests
 *   java -jar benchmarks/target/benchmarks.jar BackendBench
 *   java -jar benchmarks/target/benchmarks.jar BackendBench -p backend=simd,opencl -p op="gemm 512"
 */
