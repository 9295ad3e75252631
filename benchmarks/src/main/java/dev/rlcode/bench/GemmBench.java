package dev.rlcode.bench;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.Buffer;
import dev.rlcode.core.kernel.CpuBackend;
import java.util.concurrent.TimeUnit;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
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
 * Single-threaded SGEMM {@code C = A·B} (A m×k, B k×n, row-major, no transposes, β = 0): {@code ScalarKernels}
 * (the oracle), {@code SimdKernels} on the preferred species, and EJML's {@code CommonOps_FDRM.mult}.
 *
 * <p>Shapes are {@code MxKxN}: squares 64…1024, and the products of a 4-64-64-2 Q-network's forward pass at
 * batch 64 and 256 ({@code Bx4x64}, {@code Bx64x64}, {@code Bx64x2}) plus a single observation ({@code 1x4x64}).
 * Score is time per product; GFLOP/s = 2·m·k·n / time. The rlcode calls go through {@code Kernels.gemm} with its
 * argument checks, as library users call it.
 */
/* Warm-up is long on purpose: until C2 compiles them, Vector API kernels run hundreds of times slower than scalar
 * code (an MLP step took 30 ms instead of 50 µs in the first second), and on a loaded 2-core box C2 took ~3 s. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GemmBench {

    @Param({"64x64x64", "128x128x128", "256x256x256", "512x512x512", "1024x1024x1024",
            "64x4x64", "64x64x2", "256x4x64", "256x64x64", "256x64x2", "1x4x64"})
    public String shape;

    private int m, k, n;
    private Backend scalar, simd;
    private Buffer scalarA, scalarB, scalarC, simdA, simdB, simdC;
    private FMatrixRMaj ejmlA, ejmlB, ejmlC;

    @Setup(Level.Trial)
    public void setup() {
        int[] s = BenchData.gemmShape(shape);
        m = s[0];
        k = s[1];
        n = s[2];
        float[] a = BenchData.uniform(m * k, BenchData.SEED), b = BenchData.uniform(k * n, BenchData.SEED + 1);
        scalar = CpuBackend.scalar();
        simd = CpuBackend.simd();
        scalarA = scalar.fromArray(a);
        scalarB = scalar.fromArray(b);
        scalarC = scalar.allocF32(m * n);
        simdA = simd.fromArray(a);
        simdB = simd.fromArray(b);
        simdC = simd.allocF32(m * n);
        ejmlA = new FMatrixRMaj(m, k, true, a);
        ejmlB = new FMatrixRMaj(k, n, true, b);
        ejmlC = new FMatrixRMaj(m, n);
    }

    /** Reading the state and returning: the cost floor of every other method. */
    @Benchmark
    public Buffer baseline() {
        return simdC;
    }

    @Benchmark
    public Buffer scalar() {
        scalar.kernels().gemm(false, false, m, n, k, 1f, scalarA, scalarB, 0f, scalarC);
        return scalarC;
    }

    @Benchmark
    public Buffer simd() {
        simd.kernels().gemm(false, false, m, n, k, 1f, simdA, simdB, 0f, simdC);
        return simdC;
    }

    @Benchmark
    public FMatrixRMaj ejml() {
        CommonOps_FDRM.mult(ejmlA, ejmlB, ejmlC);
        return ejmlC;
    }
}

/* How to run (from the worktree root):
 *   ./mvnw -q -pl benchmarks -am package -DskipTests
 *   java -jar benchmarks/target/benchmarks.jar GemmBench                       # every shape, ~8 min
 *   java -jar benchmarks/target/benchmarks.jar GemmBench -p shape=512x512x512,64x64x2
 * The table of GFLOP/s and simd/scalar/EJML ratios in one interleaved run: RatioRunner.
 */
