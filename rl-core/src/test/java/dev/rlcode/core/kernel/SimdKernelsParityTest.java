package dev.rlcode.core.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@link SimdKernels} kernel against {@link ScalarKernels}, element by element, for every species width and
 * odd sizes that exercise the scalar tails. GEMM is compared with a tolerance growing with k; all other kernels are
 * specified to match bit for bit (clipGradNorm up to its double-sum order).
 */
class SimdKernelsParityTest {

    private static final List<VectorSpecies<Float>> SPECIES = List.of(FloatVector.SPECIES_64,
            FloatVector.SPECIES_128, FloatVector.SPECIES_256, FloatVector.SPECIES_512);
    private static final int[] SIZES = {1, 3, 7, 17, 33, 65, 130};

    private final CpuBackend be = CpuBackend.scalar();
    private final Kernels oracle = be.kernels();

    static Stream<VectorSpecies<Float>> species() {
        return SPECIES.stream();
    }

    /** (m, n, k) chosen to reach every path of SimdGemm for every width: packed (incl. several k, m and n blocks),
     *  direct rows, dot products, scalar, and k = 0. */
    private static final int[][] GEMM_SHAPES = {
        {1, 1, 1}, {3, 2, 3}, {1, 9, 1}, {3, 33, 3}, {1, 64, 4}, {2, 17, 65}, {3, 17, 7}, {7, 3, 33}, {33, 65, 17}, {65, 1, 130},
        {17, 7, 130}, {65, 130, 33}, {130, 65, 33}, {17, 33, 520}, {7, 2100, 20}, {3, 5, 0}};
    private static final float[][] ALPHA_BETA = {{1, 0}, {-1.5f, 0.25f}, {0.5f, 1}};

    static Stream<Arguments> gemmCases() {
        List<Arguments> cases = new ArrayList<>();
        for (VectorSpecies<Float> s : SPECIES) {
            for (int[] shape : GEMM_SHAPES) {
                for (int flags = 0; flags < 4; flags++) {
                    for (float[] ab : ALPHA_BETA) {
                        cases.add(Arguments.of(s.vectorBitSize(), (flags & 2) != 0, (flags & 1) != 0, shape[0],
                                shape[1], shape[2], ab[0], ab[1]));
                    }
                }
            }
        }
        return cases.stream();
    }

    private static Kernels simd(int bits) {
        return new SimdKernels(SPECIES.stream().filter(s -> s.vectorBitSize() == bits).findFirst().orElseThrow());
    }

    @ParameterizedTest(name = "simd-{0} tA={1} tB={2} m={3} n={4} k={5} alpha={6} beta={7}")
    @MethodSource("gemmCases")
    void gemmMatchesOracle(int bits, boolean tA, boolean tB, int m, int n, int k, float alpha, float beta) {
        SplittableRandom r = new SplittableRandom(m * 1_000_003L + n * 1009L + k);
        Buffer a = rand(r, m * k), b = rand(r, k * n);
        float[] c0 = beta == 0 ? nans(m * n) : randArray(r, m * n);
        // offset views, so the kernels must honour buffer offsets
        Buffer cWant = be.fromArray(concat(new float[] {7}, c0)).slice(1, m * n);
        Buffer cGot = be.fromArray(concat(new float[] {7}, c0)).slice(1, m * n);
        oracle.gemm(tA, tB, m, n, k, alpha, a, b, beta, cWant);
        simd(bits).gemm(tA, tB, m, n, k, alpha, a, b, beta, cGot);
        float[] want = be.toArray(cWant), got = be.toArray(cGot);
        double atol = 4e-7 * (k + 4) * Math.max(1, Math.abs(alpha)), rtol = 2e-6;
        for (int i = 0; i < want.length; i++) {
            assertFalse(Float.isNaN(got[i]), "NaN at " + i);
            assertEquals(want[i], got[i], atol + rtol * Math.abs(want[i]),
                    "C[" + i / n + "," + i % n + "] (atol " + atol + ")");
        }
    }

    /**
     * GEMM and the gradient norm give the same bits at every vector width (64 to 512 bits): their summation order
     * follows {@link GemmPath#ORDER_LANES}, not the hardware, so a seeded run learns the same curve on an AVX2, an
     * AVX-512 or a 128-bit machine.
     */
    @Test
    void gemmAndGradNormAreTheSameBitsAtEveryWidth() {
        List<Kernels> widths = SPECIES.stream().map(sp -> (Kernels) new SimdKernels(sp)).toList();
        for (int[] shape : GEMM_SHAPES) {
            int m = shape[0], n = shape[1], k = shape[2];
            for (int flags = 0; flags < 4; flags++) {
                boolean tA = (flags & 2) != 0, tB = (flags & 1) != 0;
                for (float[] ab : ALPHA_BETA) {
                    SplittableRandom r = new SplittableRandom(m * 31L + n * 7L + k + flags);
                    Buffer a = rand(r, m * k), b = rand(r, k * n);
                    float[] c0 = randArray(r, m * n);
                    float[] first = null;
                    for (int w = 0; w < widths.size(); w++) {
                        Buffer c = be.fromArray(c0);
                        widths.get(w).gemm(tA, tB, m, n, k, ab[0], a, b, ab[1], c);
                        float[] got = be.toArray(c);
                        if (first == null) first = got;
                        else assertBitsEqual(be.fromArray(first), be.fromArray(got), "gemm tA=" + tA + " tB=" + tB
                                + " " + m + "x" + n + "x" + k + " alpha=" + ab[0] + " beta=" + ab[1] + " at "
                                + SPECIES.get(w).vectorBitSize() + " bits against 64 bits");
                    }
                }
            }
        }
        SplittableRandom r = new SplittableRandom(15);
        for (int n : new int[] {1, 15, 16, 17, 33, 1000, 4099}) {
            float[] g = randArray(r, n);
            float[] norms = new float[widths.size()];
            for (int w = 0; w < widths.size(); w++) {
                Buffer gb = be.fromArray(g), norm = be.allocF32(1);
                widths.get(w).clipGradNorm(gb, n, 1e-3f, norm);
                norms[w] = be.toArray(norm)[0];
                assertEquals(Float.floatToIntBits(norms[0]), Float.floatToIntBits(norms[w]),
                        "grad norm n=" + n + " at " + SPECIES.get(w).vectorBitSize() + " bits: " + norms[w]
                                + " vs " + norms[0]);
            }
        }
    }

    /**
     * The dot-product path (n below 16, k at least 16; the DQN's output layer) sums each C[i,j] in one documented
     * order: 16 lane-wise fma partial sums along k, added from lane 0 up, then the scalar tail. Learning figures on
     * the simd backend depend on it, so a faster version of the path must keep it bit for bit.
     */
    @ParameterizedTest(name = "simd-{0}")
    @MethodSource("species")
    void dotProductsSumInTheirDocumentedOrder(VectorSpecies<Float> species) {
        int vl = GemmPath.ORDER_LANES; // the partial sums a dot keeps, whatever the vector length
        for (int[] shape : new int[][] {{64, 1, 64}, {7, 3, 33}, {65, 1, 130}, {5, 2, 2 * vl + 3}}) {
            int m = shape[0], n = Math.min(shape[1], vl - 1), k = Math.max(shape[2], vl);
            SplittableRandom r = new SplittableRandom(m * 31L + k);
            float[] a = randArray(r, m * k), b = randArray(r, k * n);
            Buffer c = be.fromArray(nans(m * n));
            simd(species.vectorBitSize()).gemm(false, false, m, n, k, 1f, be.fromArray(a), be.fromArray(b), 0f, c);
            float[] got = be.toArray(c);
            int pb = k - k % vl;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float[] lanes = new float[vl];
                    for (int p = 0; p < pb; p++) lanes[p % vl] = Math.fma(a[i * k + p], b[p * n + j], lanes[p % vl]);
                    float want = 0f;
                    for (float lane : lanes) want += lane;
                    for (int p = pb; p < k; p++) want = Math.fma(a[i * k + p], b[p * n + j], want);
                    float g = got[i * n + j];
                    assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(g),
                            "C[" + i + "," + j + "] of " + m + "x" + n + "x" + k + ": " + want + " vs " + g);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("species")
    void gemmShapesReachEveryPath(VectorSpecies<Float> s) {
        var reached = java.util.EnumSet.noneOf(GemmPath.class);
        for (int[] shape : GEMM_SHAPES) {
            for (int flags = 0; flags < 4; flags++) {
                reached.add(GemmPath.choose((flags & 2) != 0, (flags & 1) != 0, shape[0], shape[1], shape[2],
                        s.length()));
            }
        }
        assertEquals(java.util.EnumSet.allOf(GemmPath.class), reached, "paths reached at " + s.length() + " lanes");
    }

    @ParameterizedTest
    @MethodSource("species")
    void biasActivationAndReluBackwardBitExact(VectorSpecies<Float> s) {
        Kernels simd = new SimdKernels(s);
        SplittableRandom r = new SplittableRandom(11);
        for (int rows : new int[] {1, 3, 17}) {
            for (int cols : SIZES) {
                int n = rows * cols;
                float[] x = withSpecials(randArray(r, n));
                Buffer xb = be.fromArray(x), bias = rand(r, cols);
                for (boolean relu : new boolean[] {false, true}) {
                    Buffer want = be.allocF32(n), got = be.allocF32(n);
                    oracle.biasActivation(xb, bias, want, rows, cols, relu);
                    simd.biasActivation(xb, bias, got, rows, cols, relu);
                    assertBitsEqual(want, got, "biasActivation relu=" + relu + " " + rows + "×" + cols);
                }
                Buffer inPlace = be.fromArray(x);
                simd.biasActivation(inPlace, bias, inPlace, rows, cols, true);
                Buffer want = be.allocF32(n);
                oracle.biasActivation(xb, bias, want, rows, cols, true);
                assertBitsEqual(want, inPlace, "biasActivation in place");

                Buffer gradOut = rand(r, n);
                Buffer gWant = be.allocF32(n), gGot = be.allocF32(n);
                oracle.reluBackward(gradOut, xb, gWant, n);
                simd.reluBackward(gradOut, xb, gGot, n);
                assertBitsEqual(gWant, gGot, "reluBackward n=" + n);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("species")
    void columnSumsTdTargetAndDuelingBitExact(VectorSpecies<Float> s) {
        Kernels simd = new SimdKernels(s);
        SplittableRandom r = new SplittableRandom(12);
        for (int rows : new int[] {1, 7, 65}) {
            for (int cols : SIZES) {
                Buffer x = rand(r, rows * cols);
                Buffer want = be.allocF32(cols), got = be.allocF32(cols);
                oracle.columnSums(x, want, rows, cols);
                simd.columnSums(x, got, rows, cols);
                assertBitsEqual(want, got, "columnSums " + rows + "×" + cols);

                Buffer head = rand(r, rows * (cols + 1)), qWant = be.allocF32(rows * cols), qGot = be.allocF32(rows * cols);
                oracle.duelingForward(head, qWant, rows, cols);
                simd.duelingForward(head, qGot, rows, cols);
                assertBitsEqual(qWant, qGot, "duelingForward " + rows + "×" + cols);
                Buffer gq = rand(r, rows * cols);
                Buffer hWant = be.allocF32(rows * (cols + 1)), hGot = be.allocF32(rows * (cols + 1));
                oracle.duelingBackward(gq, hWant, rows, cols);
                simd.duelingBackward(gq, hGot, rows, cols);
                assertBitsEqual(hWant, hGot, "duelingBackward " + rows + "×" + cols);
            }
        }
        for (int n : SIZES) {
            Buffer rew = rand(r, n), disc = rand(r, n), next = rand(r, n);
            Buffer want = be.allocF32(n), got = be.allocF32(n);
            oracle.tdTarget(rew, disc, next, want, n);
            simd.tdTarget(rew, disc, next, got, n);
            assertBitsEqual(want, got, "tdTarget n=" + n);
        }
    }

    @ParameterizedTest
    @MethodSource("species")
    void adamPolyakAndClipMatch(VectorSpecies<Float> s) {
        Kernels simd = new SimdKernels(s);
        SplittableRandom r = new SplittableRandom(13);
        for (int n : SIZES) {
            float[] p = randArray(r, n), m = randArray(r, n), v = absArray(randArray(r, n));
            Buffer pW = be.fromArray(p), mW = be.fromArray(m), vW = be.fromArray(v);
            Buffer pG = be.fromArray(p), mG = be.fromArray(m), vG = be.fromArray(v);
            for (int step = 1; step <= 3; step++) {
                Buffer g = rand(r, n);
                oracle.adamStep(pW, g, mW, vW, n, 1e-3f, 0.9f, 0.999f, 1e-8f, step);
                simd.adamStep(pG, g, mG, vG, n, 1e-3f, 0.9f, 0.999f, 1e-8f, step);
            }
            assertBitsEqual(pW, pG, "adam param n=" + n);
            assertBitsEqual(mW, mG, "adam m n=" + n);
            assertBitsEqual(vW, vG, "adam v n=" + n);

            Buffer online = rand(r, n);
            float[] t = randArray(r, n);
            for (float tau : new float[] {0.005f, 0.5f, 1f}) {
                Buffer tW = be.fromArray(t), tG = be.fromArray(t);
                oracle.polyakUpdate(online, tW, n, tau);
                simd.polyakUpdate(online, tG, n, tau);
                assertBitsEqual(tW, tG, "polyak tau=" + tau + " n=" + n);
            }

            float[] g = randArray(r, n);
            for (float maxNorm : new float[] {0.1f, 1e6f}) {
                Buffer gW = be.fromArray(g), gG = be.fromArray(g), nW = be.allocF32(1), nG = be.allocF32(1);
                oracle.clipGradNorm(gW, n, maxNorm, nW);
                simd.clipGradNorm(gG, n, maxNorm, nG);
                assertEquals(be.toArray(nW)[0], be.toArray(nG)[0], 1e-6f * be.toArray(nW)[0], "norm n=" + n);
                assertArrayEquals(be.toArray(gW), be.toArray(gG), 1e-6f, "clipped grad n=" + n);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("species")
    void selectionKernelsAndTdLossExact(VectorSpecies<Float> s) {
        Kernels simd = new SimdKernels(s);
        SplittableRandom r = new SplittableRandom(14);
        for (int rows : new int[] {1, 7, 65}) {
            for (int cols : new int[] {1, 2, 3, 17}) {
                int n = rows * cols;
                float[] x = new float[n];
                for (int i = 0; i < n; i++) x[i] = r.nextInt(4) == 0 ? Float.NaN : r.nextInt(3); // many ties
                int[] mask = new int[n];
                for (int i = 0; i < n; i++) mask[i] = r.nextInt(3) == 0 ? 0 : 1;
                Buffer xb = be.fromArray(x), mb = ints(mask);
                for (Buffer mk : new Buffer[] {mb, null}) {
                    Buffer aW = be.allocI32(rows), aG = be.allocI32(rows);
                    oracle.maskedArgmax(xb, mk, aW, rows, cols);
                    simd.maskedArgmax(xb, mk, aG, rows, cols);
                    assertArrayEquals(toInts(aW), toInts(aG), "argmax");
                    Buffer mW = be.allocF32(rows), mG = be.allocF32(rows);
                    oracle.maskedMax(xb, mk, mW, rows, cols);
                    simd.maskedMax(xb, mk, mG, rows, cols);
                    assertBitsEqual(mW, mG, "max");
                    Buffer gW = be.allocF32(rows), gG = be.allocF32(rows);
                    oracle.gather(xb, aW, gW, rows, cols);
                    simd.gather(xb, aW, gG, rows, cols);
                    assertBitsEqual(gW, gG, "gather");
                }
                int[] actions = new int[rows];
                for (int i = 0; i < rows; i++) actions[i] = r.nextInt(cols);
                Buffer q = rand(r, n), ab = ints(actions), tg = rand(r, rows), w = rand(r, rows);
                for (LossKind kind : LossKind.values()) {
                    for (Buffer wt : new Buffer[] {w, null}) {
                        Buffer gW = be.allocF32(n), eW = be.allocF32(rows), lW = be.allocF32(1);
                        Buffer gG = be.allocF32(n), eG = be.allocF32(rows), lG = be.allocF32(1);
                        oracle.tdLoss(q, ab, tg, wt, gW, eW, lW, rows, cols, kind, 0.5f);
                        simd.tdLoss(q, ab, tg, wt, gG, eG, lG, rows, cols, kind, 0.5f);
                        assertBitsEqual(gW, gG, "tdLoss grad");
                        assertBitsEqual(eW, eG, "tdLoss errors");
                        assertBitsEqual(lW, lG, "tdLoss loss");
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private Buffer rand(SplittableRandom r, int n) {
        return be.fromArray(randArray(r, n));
    }

    private static float[] randArray(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextDouble(-1, 1);
        return x;
    }

    private static float[] absArray(float[] x) {
        for (int i = 0; i < x.length; i++) x[i] = Math.abs(x[i]);
        return x;
    }

    private static float[] nans(int n) {
        float[] x = new float[n];
        java.util.Arrays.fill(x, Float.NaN);
        return x;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Sprinkles −0, +0, NaN and ±∞ into x (when long enough). */
    private static float[] withSpecials(float[] x) {
        float[] sp = {-0f, 0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int i = 0; i < sp.length && i * 3 < x.length; i++) x[i * 3] = sp[i];
        return x;
    }

    private Buffer ints(int[] v) {
        Buffer b = be.allocI32(v.length);
        be.upload(v, 0, b, 0, v.length);
        return b;
    }

    private int[] toInts(Buffer b) {
        int[] out = new int[b.length()];
        be.download(b, 0, out, 0, out.length);
        return out;
    }

    private void assertBitsEqual(Buffer want, Buffer got, String what) {
        float[] w = be.toArray(want), g = be.toArray(got);
        assertEquals(w.length, g.length, what + " length");
        for (int i = 0; i < w.length; i++) {
            if (Float.floatToIntBits(w[i]) != Float.floatToIntBits(g[i])) {
                fail(what + ": element " + i + " expected " + w[i] + ", actual " + g[i]);
            }
        }
    }
}
