package dev.rlcode.bench;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.Buffer;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.core.nn.Mlp;
import dev.rlcode.core.rng.Rng;
import java.util.concurrent.TimeUnit;
import org.ejml.data.FMatrixRMaj;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One forward and backward pass of a ReLU MLP ({@code Mlp.forward} then {@code Mlp.backward}, which fills the
 * parameter gradients), on {@code ScalarKernels} and {@code SimdKernels}, and the same maths on EJML products
 * ({@link EjmlMlp}) for reference. The DQN torsos: 4-64-64-2 (RL4J's) and 4-256-256-2 (the CartPole preset's).
 *
 * <p>Nominal FLOPs per call: 3 × Σ_layers 2·batch·in·out (forward, and backward as twice the forward).
 */
/* Warm-up is long on purpose: until C2 compiles them, Vector API kernels run hundreds of times slower than scalar
 * code (this benchmark's simd step took 30 ms instead of 50 µs in the first second), and on a loaded 2-core box C2
 * took ~3 s. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class MlpBench {

    @Param({"4-64-64-2", "4-256-256-2"})
    public String sizes;

    @Param({"64", "256"})
    public int batch;

    private Mlp scalarNet, simdNet;
    private Buffer scalarX, scalarGrad, simdX, simdGrad;
    private EjmlMlp ejmlNet;
    private FMatrixRMaj ejmlX, ejmlGrad;

    @Setup(Level.Trial)
    public void setup() {
        int[] s = BenchData.mlpSizes(sizes);
        Backend sc = CpuBackend.scalar(), si = CpuBackend.simd();
        scalarNet = new Mlp(sc, s, batch, Rng.of(BenchData.SEED));
        simdNet = new Mlp(si, s, batch, Rng.of(BenchData.SEED));
        float[] x = BenchData.uniform(batch * s[0], BenchData.SEED + 1);
        float[] g = BenchData.uniform(batch * s[s.length - 1], BenchData.SEED + 2);
        scalarX = sc.fromArray(x);
        scalarGrad = sc.fromArray(g);
        simdX = si.fromArray(x);
        simdGrad = si.fromArray(g);
        ejmlNet = new EjmlMlp(s, sc.toArray(scalarNet.params()), batch);
        ejmlX = new FMatrixRMaj(batch, s[0], true, x);
        ejmlGrad = new FMatrixRMaj(batch, s[s.length - 1], true, g);
    }

    @Benchmark
    public Buffer baseline() {
        return simdX;
    }

    @Benchmark
    public Buffer scalar() {
        scalarNet.forward(scalarX, batch);
        scalarNet.backward(scalarGrad, batch);
        return scalarNet.grads();
    }

    @Benchmark
    public Buffer simd() {
        simdNet.forward(simdX, batch);
        simdNet.backward(simdGrad, batch);
        return simdNet.grads();
    }

    @Benchmark
    public FMatrixRMaj ejml() {
        ejmlNet.forward(ejmlX);
        ejmlNet.backward(ejmlGrad);
        return ejmlNet.gradWeight(0);
    }
}

/* How to run (from the worktree root):
 *   ./mvnw -q -pl benchmarks -am package -DskipTests
 *   java -jar benchmarks/target/benchmarks.jar MlpBench
 *   java -jar benchmarks/target/benchmarks.jar MlpBench -p sizes=4-64-64-2 -p batch=64
 */
