package dev.rlcode.core.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Self-tests of the oracle: against double-precision loops and hand-computed values. */
class ScalarKernelsTest {

    private final CpuBackend be = CpuBackend.scalar();
    private final Kernels k = be.kernels();

    private Buffer f(float... v) {
        return be.fromArray(v);
    }

    private Buffer i(int... v) {
        Buffer b = be.allocI32(v.length);
        be.upload(v, 0, b, 0, v.length);
        return b;
    }

    private int[] ints(Buffer b) {
        int[] out = new int[b.length()];
        be.download(b, 0, out, 0, out.length);
        return out;
    }

    @ParameterizedTest
    @CsvSource({
        "false,false,1,1,1,1,0", "false,true,3,5,7,1,0", "true,false,7,3,5,0.5,0", "true,true,17,9,33,-2,0",
        "false,false,17,33,9,1,1", "false,true,5,7,3,1.5,-0.5", "true,false,9,17,65,1,2", "true,true,3,1,130,0.25,1",
        "false,false,4,6,0,1,0.5"})
    void gemmMatchesDoubleTripleLoop(boolean tA, boolean tB, int m, int n, int kk, float alpha, float beta) {
        SplittableRandom r = new SplittableRandom(m * 31L + n * 7L + kk);
        float[] a = rand(r, m * kk), b = rand(r, kk * n), c = rand(r, m * n);
        if (beta == 0f) java.util.Arrays.fill(c, Float.NaN);
        Buffer cb = f(c.clone());
        k.gemm(tA, tB, m, n, kk, alpha, f(a), f(b), beta, cb);
        float[] got = be.toArray(cb);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < kk; p++) {
                    double av = tA ? a[p * m + i] : a[i * kk + p];
                    double bv = tB ? b[j * kk + p] : b[p * n + j];
                    s += av * bv;
                }
                double want = alpha * s + (beta == 0f ? 0 : beta * (double) c[i * n + j]);
                assertEquals(want, got[i * n + j], 1e-6 * (kk + 2) * (1 + Math.abs(want)),
                        "C[" + i + "," + j + "]");
            }
        }
    }

    static float[] rand(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        return x;
    }

    @Test
    void gemmSmallExactExample() {
        // [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50]; alpha 2, beta 1 over C = 1
        Buffer c = f(1, 1, 1, 1);
        k.gemm(false, false, 2, 2, 2, 2f, f(1, 2, 3, 4), f(5, 6, 7, 8), 1f, c);
        assertArrayEquals(new float[] {39, 45, 87, 101}, be.toArray(c));
        // A^T with A stored 2×2 = [1 3; 2 4]^T
        Buffer c2 = f(0, 0, 0, 0);
        k.gemm(true, true, 2, 2, 2, 1f, f(1, 3, 2, 4), f(5, 7, 6, 8), 0f, c2);
        assertArrayEquals(new float[] {19, 22, 43, 50}, be.toArray(c2));
    }

    /** BLAS: alpha = 0 gives C = beta·C without reading A or B, so their NaN and infinities stay out of C. */
    @Test
    void gemmWithAlphaZeroDoesNotReadAOrB() {
        for (Kernels kernels : new Kernels[] {k, CpuBackend.simd().kernels()}) {
            for (int t = 0; t < 4; t++) {
                Buffer c = f(5, 5, 5, 5);
                kernels.gemm((t & 1) != 0, (t & 2) != 0, 2, 2, 2, 0f, f(Float.NaN, 1, 1, 1),
                        f(1, 1, 1, Float.POSITIVE_INFINITY), 1f, c);
                assertArrayEquals(new float[] {5, 5, 5, 5}, be.toArray(c), kernels.name() + " t=" + t);
                Buffer zero = f(Float.NaN, 1, 2, 3);
                kernels.gemm((t & 1) != 0, (t & 2) != 0, 2, 2, 2, 0f, f(Float.NaN, 1, 1, 1),
                        f(1, 1, 1, Float.NEGATIVE_INFINITY), 0f, zero);
                assertArrayEquals(new float[] {0, 0, 0, 0}, be.toArray(zero), kernels.name() + " t=" + t);
            }
        }
    }

    @Test
    void biasReluAndBackward() {
        Buffer out = be.allocF32(4);
        k.biasActivation(f(1, -2, -0.5f, 3), f(0.25f, 1), out, 2, 2, true);
        assertArrayEquals(new float[] {1.25f, 0, 0, 4}, be.toArray(out));
        k.biasActivation(f(1, -2, -0.5f, 3), f(0.25f, 1), out, 2, 2, false);
        assertArrayEquals(new float[] {1.25f, -1, -0.25f, 4}, be.toArray(out));
        Buffer g = be.allocF32(4);
        k.reluBackward(f(5, 6, 7, 8), f(1, 0, -1, 0.1f), g, 4);
        assertArrayEquals(new float[] {5, 0, 0, 8}, be.toArray(g));
    }

    @Test
    void columnSumsAndTdTarget() {
        Buffer out = f(99, 99, 99);
        k.columnSums(f(1, 2, 3, 4, 5, 6), out, 2, 3);
        assertArrayEquals(new float[] {5, 7, 9}, be.toArray(out));
        Buffer v = f(10, 20);
        k.tdTarget(f(1, 2), f(0.5f, 0), v, v, 2); // aliasing out = nextValues is allowed
        assertArrayEquals(new float[] {6, 2}, be.toArray(v));
    }

    @Test
    void maskedArgmaxTiesMaskAndNaN() {
        float nan = Float.NaN;
        Buffer x = f(1, 3, 3, 0,     // tie: lowest index 1
                     5, 9, 2, 7,     // 9 masked out -> 7 at 3
                     4, 4, 4, 4,     // fully masked -> -1
                     nan, 2, nan, -1, // NaN is smallest -> 1
                     nan, nan, nan, nan); // all NaN, legal -> first legal (1)
        Buffer mask = i(1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1);
        Buffer out = be.allocI32(5);
        k.maskedArgmax(x, mask, out, 5, 4);
        assertArrayEquals(new int[] {1, 3, -1, 1, 1}, ints(out));
        k.maskedArgmax(x, null, out, 5, 4);
        assertArrayEquals(new int[] {1, 1, 0, 1, 0}, ints(out));

        Buffer max = be.allocF32(5);
        k.maskedMax(x, mask, max, 5, 4);
        float[] m = be.toArray(max);
        assertArrayEquals(new float[] {3, 7, 0, 2}, java.util.Arrays.copyOf(m, 4));
        assertTrue(Float.isNaN(m[4]));
        Buffer nanFirst = f(nan, -5);
        Buffer one = be.allocF32(1);
        k.maskedMax(nanFirst, null, one, 1, 2);
        assertArrayEquals(new float[] {-5}, be.toArray(one));
    }

    @Test
    void gatherNegativeIndexGivesZero() {
        Buffer out = f(9, 9, 9);
        k.gather(f(1, 2, 3, 4, 5, 6), i(1, -1, 0), out, 3, 2);
        assertArrayEquals(new float[] {2, 0, 5}, be.toArray(out));
        assertThrows(IndexOutOfBoundsException.class, () -> k.gather(f(1, 2), i(2), be.allocF32(1), 1, 2));
    }

    @Test
    void huberLossBothBranchesUnweighted() {
        // q rows: [1, 2], [0, 5]; actions 1, 1; targets 1.5, 1 -> δ = 0.5 (quadratic), 4 (linear), κ = 1
        Buffer gradQ = f(9, 9, 9, 9), td = be.allocF32(2), loss = be.allocF32(1);
        k.tdLoss(f(1, 2, 0, 5), i(1, 1), f(1.5f, 1), null, gradQ, td, loss, 2, 2, LossKind.HUBER, 1f);
        assertArrayEquals(new float[] {0.5f, 4f}, be.toArray(td));
        // ℓ = 0.125 and 1·(4 − 0.5) = 3.5; mean 1.8125
        assertEquals(1.8125f, be.toArray(loss)[0], 1e-7f);
        // ℓ' = 0.5 and clamp(4) = 1, each /2
        assertArrayEquals(new float[] {0, 0.25f, 0, 0.5f}, be.toArray(gradQ));
        // negative linear branch, κ = 2: δ = −3 -> ℓ = 2·(3 − 1) = 4, ℓ' = −2
        Buffer g1 = be.allocF32(1);
        k.tdLoss(f(-1), i(0), f(2), null, g1, be.allocF32(1), loss, 1, 1, LossKind.HUBER, 2f);
        assertEquals(4f, be.toArray(loss)[0]);
        assertArrayEquals(new float[] {-2f}, be.toArray(g1));
    }

    @Test
    void mseLossWithImportanceWeights() {
        // δ = 3 − 1 = 2 (w 0.5), δ = 0 − 1 = −1 (w 2), δ = 4 − 4 = 0 (w 1)
        Buffer gradQ = be.allocF32(6), td = be.allocF32(3), loss = be.allocF32(2);
        k.tdLoss(f(3, 7, 8, 0, 4, 4), i(0, 1, 0), f(1, 1, 4), f(0.5f, 2, 1), gradQ, td, loss, 3, 2,
                LossKind.MSE, 1f);
        assertArrayEquals(new float[] {2, -1, 0}, be.toArray(td));
        // (0.5·4 + 2·1 + 0) / 3
        assertEquals(4f / 3f, be.toArray(loss)[0], 1e-7f);
        // w·2δ/3
        assertArrayEquals(new float[] {2f / 3f, 0, 0, -4f / 3f, 0, 0}, be.toArray(gradQ), 1e-7f);
        assertThrows(IndexOutOfBoundsException.class, () -> k.tdLoss(f(1, 2), i(2), f(0), null, be.allocF32(2),
                be.allocF32(1), be.allocF32(1), 1, 2, LossKind.MSE, 1f));
    }

    @Test
    void duelingForwardAndBackward() {
        // head row [V, A0, A1, A2] = [1, 1, 2, 6] -> mean 3 -> q = [−1, 0, 4]
        Buffer q = be.allocF32(3);
        k.duelingForward(f(1, 1, 2, 6), q, 1, 3);
        assertArrayEquals(new float[] {-1, 0, 4}, be.toArray(q));
        Buffer gh = be.allocF32(4);
        k.duelingBackward(f(1, 2, 6), gh, 1, 3);
        assertArrayEquals(new float[] {9, -2, -1, 3}, be.toArray(gh));
    }

    @Test
    void adamTwoStepsMatchHandComputedPyTorchValues() {
        Buffer p = f(1, -2), m = be.allocF32(2), v = be.allocF32(2);
        k.adamStep(p, f(0.5f, -3), m, v, 2, 0.1f, 0.9f, 0.999f, 1e-8f, 1);
        assertArrayEquals(new float[] {0.05f, -0.3f}, be.toArray(m), 1e-7f);
        // v carries 1 − 0.999f = 9.99987e-4 (float β2), 1.3e-5 relative off the decimal hand value
        assertRelClose(new double[] {0.00025, 0.009}, be.toArray(v), 3e-5);
        assertArrayEquals(new float[] {0.900000002f, -1.9000000003f}, be.toArray(p), 1e-6f);
        k.adamStep(p, f(-0.25f, 4), m, v, 2, 0.1f, 0.9f, 0.999f, 1e-8f, 2);
        assertArrayEquals(new float[] {0.02f, 0.13f}, be.toArray(m), 1e-7f);
        assertRelClose(new double[] {0.00031225, 0.024991}, be.toArray(v), 3e-5);
        assertArrayEquals(new float[] {0.8733662987f, -1.9193510412f}, be.toArray(p), 1e-6f);
    }

    private static void assertRelClose(double[] want, float[] got, double rtol) {
        for (int j = 0; j < want.length; j++) {
            assertEquals(want[j], got[j], rtol * Math.abs(want[j]), "element " + j);
        }
    }

    @Test
    void clipGradNormBelowAndAboveThreshold() {
        Buffer g = f(3, 4), norm = be.allocF32(1);
        k.clipGradNorm(g, 2, 10f, norm);
        assertEquals(5f, be.toArray(norm)[0]);
        assertArrayEquals(new float[] {3, 4}, be.toArray(g)); // untouched below the threshold
        k.clipGradNorm(g, 2, 1f, norm);
        assertEquals(5f, be.toArray(norm)[0]); // pre-clip norm
        float s = (float) (1 / (5 + 1e-6));
        assertArrayEquals(new float[] {3 * s, 4 * s}, be.toArray(g));
        double after = Math.hypot(be.toArray(g)[0], be.toArray(g)[1]);
        assertTrue(after < 1 && after > 1 - 1e-6, "clipped norm " + after);
    }

    /**
     * PyTorch's clip_grad_norm_: a NaN in the gradient gives a NaN norm and scales every element by NaN (the other
     * parameters must not get an unclipped step); an infinite norm scales the finite elements to 0.
     */
    @Test
    void clipGradNormWithNaNOrInfinityAsPyTorch() {
        for (Kernels kernels : new Kernels[] {k, CpuBackend.simd().kernels()}) {
            float[] g = new float[17];
            for (int i = 0; i < g.length; i++) g[i] = i + 1;
            g[9] = Float.NaN;
            Buffer gb = f(g), norm = be.allocF32(1);
            kernels.clipGradNorm(gb, g.length, 1f, norm);
            assertTrue(Float.isNaN(be.toArray(norm)[0]), kernels.name());
            for (float x : be.toArray(gb)) assertTrue(Float.isNaN(x), kernels.name() + ": " + x);
            g[9] = Float.POSITIVE_INFINITY;
            gb = f(g);
            kernels.clipGradNorm(gb, g.length, 1f, norm);
            assertEquals(Float.POSITIVE_INFINITY, be.toArray(norm)[0], kernels.name());
            float[] got = be.toArray(gb);
            for (int i = 0; i < got.length; i++) {
                if (i == 9) assertTrue(Float.isNaN(got[i]), kernels.name() + ": inf·0");
                else assertEquals(0f, got[i], kernels.name() + " [" + i + "]");
            }
        }
    }

    @Test
    void polyakTauOneIsBitExactCopyAndHalfAverages() {
        float[] online = {Float.MIN_VALUE, -0f, 1e30f, Float.intBitsToFloat(0x7fc00001), 0.1f};
        Buffer t = f(5, 5, 5, 5, 5);
        k.polyakUpdate(f(online), t, 5, 1f);
        float[] got = be.toArray(t);
        for (int j = 0; j < online.length; j++) {
            assertEquals(Float.floatToRawIntBits(online[j]), Float.floatToRawIntBits(got[j]), "element " + j);
        }
        Buffer t2 = f(1, 3);
        k.polyakUpdate(f(3, -1), t2, 2, 0.5f);
        assertArrayEquals(new float[] {2, 1}, be.toArray(t2));
        Buffer t3 = f(1, 3);
        k.polyakUpdate(f(3, -1), t3, 2, 0f);
        assertArrayEquals(new float[] {1, 3}, be.toArray(t3));
        assertThrows(IllegalArgumentException.class, () -> k.polyakUpdate(f(1), f(1), 1, 1.5f));
    }
}
