package dev.rlcode.bench;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The single-thread float32 FMA throughput this JVM reaches on this CPU: twelve independent chains of
 * {@code a = fma(b, c, a)} on the preferred vector species, enough to keep two FMA pipes busy through a 4-cycle
 * latency. The reference for "% of peak" figures; what one core can do, not what a GEMM can.
 */
final class PeakProbe {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;
    private static volatile float sink;

    private PeakProbe() {}

    /**
     * {@return GFLOP/s of {@code repeats} timed repeats of about {@code seconds} each, sorted ascending, after
     * {@code warmupSeconds} of warm-up (C1 code of this loop is ~500× slower than C2's: give C2 time)}
     */
    static double[] gflops(int repeats, double seconds, double warmupSeconds) {
        // Every call has the same trip count, so the compiled loop never meets a count it was not profiled with.
        long iters = 1 << 16;
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmEnd) run(iters);
        long t0 = System.nanoTime();
        run(iters);
        double perCall = (System.nanoTime() - t0) / 1e9;
        long calls = Math.max(1, (long) (seconds / perCall));
        double[] out = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t = System.nanoTime();
            for (long i = 0; i < calls; i++) run(iters);
            out[r] = 2.0 * CHAINS * S.length() * iters * calls / ((System.nanoTime() - t) / 1e9) / 1e9;
        }
        Arrays.sort(out);
        return out;
    }

    private static void run(long iters) {
        FloatVector b = FloatVector.broadcast(S, 0.999999f), c = FloatVector.broadcast(S, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(S, 1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0,
                a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < iters; i++) {
            a0 = b.fma(c, a0);
            a1 = b.fma(c, a1);
            a2 = b.fma(c, a2);
            a3 = b.fma(c, a3);
            a4 = b.fma(c, a4);
            a5 = b.fma(c, a5);
            a6 = b.fma(c, a6);
            a7 = b.fma(c, a7);
            a8 = b.fma(c, a8);
            a9 = b.fma(c, a9);
            a10 = b.fma(c, a10);
            a11 = b.fma(c, a11);
        }
        FloatVector s = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11);
        sink = s.reduceLanes(VectorOperators.ADD);
    }
}
