package dev.rlcode.core.kernel;

import java.util.SplittableRandom;

/**
 * Throughput sanity check, not a test and not a benchmark: prints SIMD vs scalar GEMM GFLOP/s (best of several
 * timed repetitions after warm-up) for 512² and the DQN shapes. JMH benchmarks live in the benchmarks module.
 *
 * <p>Run from the worktree root after {@code ./mvnw -q -pl rl-core test-compile}:
 * {@code java --add-modules jdk.incubator.vector -cp rl-core/target/classes:rl-core/target/test-classes
 * dev.rlcode.core.kernel.KernelThroughput [seconds-per-case]}; {@code -Drl.vectorBits=256} picks another width.
 */
public final class KernelThroughput {

    private KernelThroughput() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 0.5;
        CpuBackend simd = CpuBackend.auto(), scalar = CpuBackend.scalar();
        System.out.printf("%-34s %12s %12s %8s%n", "gemm shape (m×k · k×n, flags)", simd.name() + " GF/s",
                "scalar GF/s", "speedup");
        int[][] shapes = { // m, k, n, transA, transB
            {512, 512, 512, 0, 0}, {512, 512, 512, 0, 1}, {512, 512, 512, 1, 0}, {512, 512, 512, 1, 1},
            {64, 4, 64, 0, 0}, {64, 4, 64, 0, 1}, {256, 4, 64, 0, 1}, {256, 64, 64, 0, 1}, {256, 64, 2, 0, 1},
            {1, 4, 64, 0, 1}, {1, 64, 64, 0, 1}, {64, 256, 64, 1, 0}, {64, 256, 4, 1, 0}, {256, 64, 64, 0, 0},
        };
        for (int[] s : shapes) gflops(simd, s, seconds / 2); // warm-up: let C2 compile every path first
        for (int[] s : shapes) {
            double g1 = gflops(simd, s, seconds), g0 = gflops(scalar, s, s[0] == 512 ? seconds * 2 : seconds);
            String label = s[0] + "×" + s[1] + " · " + s[1] + "×" + s[2] + (s[3] == 1 ? " Aᵀ" : "")
                    + (s[4] == 1 ? " Bᵀ" : "");
            System.out.printf("%-34s %12.2f %12.2f %7.1f×%n", label, g1, g0, g1 / g0);
        }
    }

    private static double gflops(CpuBackend be, int[] s, double seconds) {
        int m = s[0], k = s[1], n = s[2];
        SplittableRandom r = new SplittableRandom(1);
        float[] a = new float[m * k], b = new float[k * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble(-1, 1);
        Buffer ab = be.fromArray(a), bb = be.fromArray(b), cb = be.allocF32(m * n);
        Kernels kr = be.kernels();
        double flops = 2.0 * m * n * k;
        int reps = (int) Math.max(1, Math.min(1 << 22, 2e7 / flops)); // ~10 ms per timed repetition at 2 GF/s
        long best = Long.MAX_VALUE;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int round = 0; round < 3 || System.nanoTime() < end; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) kr.gemm(s[3] == 1, s[4] == 1, m, n, k, 1f, ab, bb, 0f, cb);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return flops * reps / best;
    }
}
