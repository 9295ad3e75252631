package dev.rlcode.bench;

import java.util.SplittableRandom;

/** Inputs shared by the benchmarks: fixed-seed random arrays and the {@code MxKxN} shape notation of GEMM cases. */
final class BenchData {

    /** The seed every benchmark fills its inputs from. */
    static final long SEED = 42;

    private BenchData() {}

    /** {@return {@code n} floats uniform in [-1, 1) from {@code seed}} */
    static float[] uniform(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextDouble(-1, 1);
        return x;
    }

    /**
     * {@return {m, k, n} parsed from {@code "MxKxN"}, the product (m×k)·(k×n)}
     *
     * @throws IllegalArgumentException if the text is not three positive integers joined by 'x'
     */
    static int[] gemmShape(String text) {
        String[] p = text.split("x");
        if (p.length != 3) throw new IllegalArgumentException("gemm shape: expected MxKxN, actual " + text);
        int[] s = new int[3];
        for (int i = 0; i < 3; i++) {
            s[i] = Integer.parseInt(p[i].trim());
            if (s[i] < 1) throw new IllegalArgumentException("gemm shape: expected positive sizes, actual " + text);
        }
        return s;
    }

    /**
     * {@return the layer widths of an MLP written {@code "4-64-64-2"}}
     *
     * @throws IllegalArgumentException if fewer than two widths or a width below 1
     */
    static int[] mlpSizes(String text) {
        String[] p = text.split("-");
        if (p.length < 2) throw new IllegalArgumentException("mlp sizes: expected at least in-out, actual " + text);
        int[] s = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            s[i] = Integer.parseInt(p[i].trim());
            if (s[i] < 1) throw new IllegalArgumentException("mlp sizes: expected positive widths, actual " + text);
        }
        return s;
    }

    /**
     * {@return the FLOPs of the GEMMs of one forward + backward pass at {@code batch}: forward Σ 2·batch·in·out
     * over the layers; backward the same for dW of every layer and for dX of every layer but the first (nobody
     * needs the gradient of the input, and neither rlcode's MLP nor the EJML peer computes it)}
     */
    static double mlpFwdBwdFlops(int[] sizes, int batch) {
        double fwd = 0;
        for (int l = 0; l + 1 < sizes.length; l++) fwd += 2.0 * batch * sizes[l] * sizes[l + 1];
        double firstDx = 2.0 * batch * sizes[0] * sizes[1];
        return 3 * fwd - firstDx;
    }
}
