package dev.rlcode.gpu.parity;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.Buffer;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.core.kernel.Kernels;
import dev.rlcode.core.kernel.LossKind;
import dev.rlcode.gpu.GpuKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The parity suite every backend must pass, shared by the JUnit suite ({@code BackendParityTest}) and
 * {@code rlcode parity}. Each case draws fresh random inputs from its own seed (printed in every failure), poisons
 * outputs with NaN, uses odd sizes, ties and fully masked rows, and compares the backend with
 * <ul>
 *   <li>{@code ScalarKernels} (the oracle): exactly for element-wise ops and per-row scans, which are specified as
 *   IEEE float operations in a fixed order;</li>
 *   <li>a double-precision reference written here: for the sums (GEMM, column sums, losses, norms), within the
 *   rounding bound (k + 2)·2⁻²⁴·Σ|terms| of a k-term float sum, which grows with k.</li>
 * </ul>
 */
public final class Parity {

    private static final double U = Math.scalb(1.0, -24);

    private final long seed;

    /** @param seed base seed; case {@code i} uses {@code seed + i} */
    public Parity(long seed) {
        this.seed = seed;
    }

    /** {@return all cases} */
    public List<ParityCase> cases() {
        List<ParityCase> out = new ArrayList<>();
        // the last two reach the GPU backends' register-blocked GEMM kernels under the automatic choice (which one
        // depends on the device's compute units); the forced cases below run each GEMM kernel on every GPU
        int[][] shapes = {{1, 1, 1}, {17, 33, 29}, {64, 2, 64}, {3, 5, 0}, {130, 67, 257}, {4, 64, 1000},
                {260, 300, 45}, {1030, 1025, 19}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                for (float[] ab : new float[][] {{1f, 0f}, {0.5f, -1.25f}}) {
                    out.add(c("gemm tA=" + ta + " tB=" + tb + " " + s[0] + "x" + s[1] + "x" + s[2] + " alpha=" + ab[0]
                            + " beta=" + ab[1], (be, r) -> gemm(be, r, ta, tb, s[0], s[1], s[2], ab[0], ab[1])));
                }
            }
        }
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
            for (float beta : new float[] {0f, -1.25f}) {
                out.add(c("gemm alpha=0 tA=" + ta + " tB=" + tb + " 37x19x23 beta=" + beta + " with NaN and infinity "
                        + "in A and B", (be, r) -> gemmAlphaZero(be, r, ta, tb, 37, 19, 23, beta)));
            }
        }
        for (String kernel : new String[] {"tiled", "rb4", "rb8", "rb8v"}) {
            for (int[] s : new int[][] {{130, 67, 257}, {260, 300, 45}}) {
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                    out.add(c("gemm kernel=" + kernel + " tA=" + ta + " tB=" + tb + " " + s[0] + "x" + s[1] + "x" + s[2]
                            + " alpha=0.5 beta=-1.25", (be, r) -> withGemmKernel(kernel,
                            () -> gemm(be, r, ta, tb, s[0], s[1], s[2], 0.5f, -1.25f))));
                }
            }
        }
        for (boolean relu : new boolean[] {false, true}) {
            for (boolean alias : new boolean[] {false, true}) {
                out.add(c("biasActivation relu=" + relu + " inPlace=" + alias + " 37x19",
                        (be, r) -> biasActivation(be, r, 37, 19, relu, alias)));
            }
        }
        out.add(c("reluBackward n=1001", (be, r) -> reluBackward(be, r, 1001)));
        out.add(c("columnSums 1x1", (be, r) -> columnSums(be, r, 1, 1)));
        out.add(c("columnSums 513x67", (be, r) -> columnSums(be, r, 513, 67)));
        for (LossKind kind : LossKind.values()) {
            for (boolean weighted : new boolean[] {false, true}) {
                out.add(c("tdLoss " + kind + " weights=" + weighted + " 37x5",
                        (be, r) -> tdLoss(be, r, 37, 5, kind, weighted)));
            }
        }
        out.add(c("tdLoss HUBER batch=1 numActions=1", (be, r) -> tdLoss(be, r, 1, 1, LossKind.HUBER, false)));
        for (boolean masked : new boolean[] {false, true}) {
            out.add(c("maskedArgmax/maskedMax/gather mask=" + masked + " ties, NaN, masked rows 41x7",
                    (be, r) -> argmaxMaxGather(be, r, 41, 7, masked)));
        }
        out.add(c("tdTarget n=77", (be, r) -> tdTarget(be, r, 77)));
        out.add(c("dueling forward/backward 23x6", (be, r) -> dueling(be, r, 23, 6)));
        out.add(c("adam 7 steps n=1025", (be, r) -> adam(be, r, 1025, 7)));
        out.add(c("clipGradNorm clipping n=5000", (be, r) -> clip(be, r, 5000, 1f)));
        out.add(c("clipGradNorm not clipping n=300", (be, r) -> clip(be, r, 300, 1e6f)));
        out.add(c("clipGradNorm n=100000", (be, r) -> clip(be, r, 100_000, 10f)));
        out.add(c("clipGradNorm NaN gradient n=3001", (be, r) -> clipNonFinite(be, r, 3001, Float.NaN)));
        out.add(c("clipGradNorm infinite gradient n=3001", (be, r) -> clipNonFinite(be, r, 3001, Float.POSITIVE_INFINITY)));
        out.add(c("polyak tau=1 (hard copy)", (be, r) -> polyak(be, r, 999, 1f)));
        out.add(c("polyak tau=0.005", (be, r) -> polyak(be, r, 999, 0.005f)));
        out.add(c("buffers: slices, copy, fill, upload/download round trip", Parity::buffers));
        return out;
    }

    private interface Body {
        void run(Backend be, Random r);
    }

    private ParityCase c(String name, Body body) {
        long s = seed + 1_000_003L * name.hashCode();
        return new ParityCase(name, be -> {
            try {
                body.run(be, new Random(s));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + " [seed " + s + "]", e);
            }
        });
    }

    // ---------------------------------------------------------------- cases

    /**
     * Runs {@code body} with the GPU backends' GEMM kernel forced to {@code kernel} ({@value GpuKernels#GEMM_PROPERTY},
     * read on every call; the CPU backends ignore it), then restores the property.
     */
    private static void withGemmKernel(String kernel, Runnable body) {
        String before = System.getProperty(GpuKernels.GEMM_PROPERTY);
        System.setProperty(GpuKernels.GEMM_PROPERTY, kernel);
        try {
            body.run();
        } finally {
            if (before == null) System.clearProperty(GpuKernels.GEMM_PROPERTY);
            else System.setProperty(GpuKernels.GEMM_PROPERTY, before);
        }
    }

    /** BLAS: with alpha = 0, C = beta·C and A, B are not read (their NaN and infinities do not reach C). */
    private static void gemmAlphaZero(Backend be, Random r, boolean ta, boolean tb, int m, int n, int k, float beta) {
        float[] a = rand(r, m * k), b = rand(r, k * n), c0 = beta == 0 ? nan(m * n) : rand(r, m * n);
        for (int i = 0; i < a.length; i += 3) a[i] = Float.NaN;
        for (int i = 1; i < b.length; i += 4) b[i] = i % 2 == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        Buffer c = be.fromArray(c0);
        be.kernels().gemm(ta, tb, m, n, k, 0f, be.fromArray(a), be.fromArray(b), beta, c);
        float[] got = be.toArray(c);
        for (int i = 0; i < got.length; i++) {
            double want = beta == 0 ? 0 : beta * (double) c0[i];
            within("c", i, got[i], want, U * Math.abs(want));
        }
    }

    private static void gemm(Backend be, Random r, boolean ta, boolean tb, int m, int n, int k, float alpha,
                             float beta) {
        float[] a = rand(r, m * k), b = rand(r, k * n), c0 = beta == 0 ? nan(m * n) : rand(r, m * n);
        float[] want = scalar(ks -> {
            Buffer c = ks.backend.fromArray(c0);
            ks.k.gemm(ta, tb, m, n, k, alpha, ks.backend.fromArray(a), ks.backend.fromArray(b), beta, c);
            return ks.backend.toArray(c);
        });
        Buffer c = be.fromArray(c0);
        be.kernels().gemm(ta, tb, m, n, k, alpha, be.fromArray(a), be.fromArray(b), beta, c);
        float[] got = be.toArray(c);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0, abs = 0;
                for (int p = 0; p < k; p++) {
                    double x = (ta ? a[p * m + i] : a[i * k + p]) * (double) (tb ? b[j * k + p] : b[p * n + j]);
                    sum += x;
                    abs += Math.abs(x);
                }
                double ref = alpha * sum + (beta == 0 ? 0 : beta * (double) c0[i * n + j]);
                double betaC = beta == 0 ? 0 : Math.abs(beta * (double) c0[i * n + j]);
                double bound = (k + 3) * U * (Math.abs(alpha) * abs + betaC);
                within("c", i * n + j, got[i * n + j], ref, bound);
            }
        }
        // the oracle obeys the same bound; report, do not require, bitwise agreement with it
        for (int i = 0; i < want.length; i++) if (Float.isNaN(want[i]) != Float.isNaN(got[i])) fail("c", i, got[i], want[i]);
    }

    private static void biasActivation(Backend be, Random r, int rows, int cols, boolean relu, boolean alias) {
        float[] x = rand(r, rows * cols), bias = rand(r, cols);
        x[0] = Float.NaN;
        x[1] = -0f;
        bias[1] = 0f;
        float[] want = scalar(ks -> {
            Buffer xb = ks.backend.fromArray(x), out = alias ? xb : ks.backend.fromArray(nan(rows * cols));
            ks.k.biasActivation(xb, ks.backend.fromArray(bias), out, rows, cols, relu);
            return ks.backend.toArray(out);
        });
        Buffer xb = be.fromArray(x), out = alias ? xb : be.fromArray(nan(rows * cols));
        be.kernels().biasActivation(xb, be.fromArray(bias), out, rows, cols, relu);
        exact("out", be.toArray(out), want);
    }

    private static void reluBackward(Backend be, Random r, int n) {
        float[] g = rand(r, n), act = rand(r, n);
        for (int i = 0; i < n; i += 7) act[i] = 0f;
        float[] want = scalar(ks -> {
            Buffer gi = ks.backend.fromArray(nan(n));
            ks.k.reluBackward(ks.backend.fromArray(g), ks.backend.fromArray(act), gi, n);
            return ks.backend.toArray(gi);
        });
        Buffer gi = be.fromArray(nan(n));
        be.kernels().reluBackward(be.fromArray(g), be.fromArray(act), gi, n);
        exact("gradIn", be.toArray(gi), want);
    }

    private static void columnSums(Backend be, Random r, int rows, int cols) {
        float[] x = rand(r, rows * cols);
        Buffer out = be.fromArray(nan(cols));
        be.kernels().columnSums(be.fromArray(x), out, rows, cols);
        float[] got = be.toArray(out);
        for (int j = 0; j < cols; j++) {
            double s = 0, abs = 0;
            for (int i = 0; i < rows; i++) {
                s += x[i * cols + j];
                abs += Math.abs(x[i * cols + j]);
            }
            within("out", j, got[j], s, (rows + 1) * U * abs);
        }
    }

    private static void tdLoss(Backend be, Random r, int batch, int na, LossKind kind, boolean weighted) {
        float[] q = rand(r, batch * na), targets = rand(r, batch), w = new float[batch];
        int[] actions = new int[batch];
        for (int i = 0; i < batch; i++) {
            actions[i] = r.nextInt(na);
            w[i] = 0.1f + r.nextFloat();
            targets[i] *= 3; // both sides of the Huber threshold
        }
        float[][] want = scalarMulti(ks -> {
            Buffer g = ks.backend.fromArray(nan(batch * na)), e = ks.backend.fromArray(nan(batch)),
                    l = ks.backend.fromArray(nan(1));
            ks.k.tdLoss(ks.backend.fromArray(q), ints(ks.backend, actions), ks.backend.fromArray(targets),
                    weighted ? ks.backend.fromArray(w) : null, g, e, l, batch, na, kind, 1f);
            return new float[][] {ks.backend.toArray(g), ks.backend.toArray(e), ks.backend.toArray(l)};
        });
        Buffer g = be.fromArray(nan(batch * na)), e = be.fromArray(nan(batch)), l = be.fromArray(nan(1));
        be.kernels().tdLoss(be.fromArray(q), ints(be, actions), be.fromArray(targets), weighted ? be.fromArray(w) : null,
                g, e, l, batch, na, kind, 1f);
        exact("gradQ", be.toArray(g), want[0]);
        exact("tdErrors", be.toArray(e), want[1]);
        double sum = 0, abs = 0;
        for (int i = 0; i < batch; i++) {
            double d = want[1][i], ad = Math.abs(d);
            double li = kind == LossKind.MSE ? d * d : ad <= 1 ? 0.5 * d * d : ad - 0.5;
            double t = (weighted ? w[i] : 1) * li;
            sum += t;
            abs += Math.abs(t);
        }
        within("loss", 0, be.toArray(l)[0], sum / batch, 4 * U * abs / batch);
    }

    private static void argmaxMaxGather(Backend be, Random r, int rows, int cols, boolean masked) {
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) x[i] = r.nextInt(4) - 1.5f; // few values: many ties
        x[3] = Float.NaN;
        for (int j = 0; j < cols; j++) x[cols + j] = Float.NaN; // row 1 all NaN
        int[] mask = new int[rows * cols];
        for (int i = 0; i < mask.length; i++) mask[i] = r.nextInt(3) == 0 ? 0 : 1;
        for (int j = 0; j < cols; j++) {
            mask[2 * cols + j] = 0; // row 2 fully masked
            mask[cols + j] = 1;
        }
        int[] wantIdx = new int[rows];
        float[][] want = scalarMulti(ks -> {
            Buffer m = masked ? ints(ks.backend, mask) : null, xb = ks.backend.fromArray(x);
            Buffer idx = ints(ks.backend, filled(rows, 99)), mx = ks.backend.fromArray(nan(rows)),
                    gat = ks.backend.fromArray(nan(rows));
            ks.k.maskedArgmax(xb, m, idx, rows, cols);
            ks.k.maskedMax(xb, m, mx, rows, cols);
            ks.k.gather(xb, idx, gat, rows, cols);
            ks.backend.download(idx, 0, wantIdx, 0, rows);
            return new float[][] {ks.backend.toArray(mx), ks.backend.toArray(gat)};
        });
        Buffer m = masked ? ints(be, mask) : null, xb = be.fromArray(x);
        Buffer idx = ints(be, filled(rows, 99)), mx = be.fromArray(nan(rows)), gat = be.fromArray(nan(rows));
        be.kernels().maskedArgmax(xb, m, idx, rows, cols);
        be.kernels().maskedMax(xb, m, mx, rows, cols);
        be.kernels().gather(xb, idx, gat, rows, cols);
        int[] gotIdx = new int[rows];
        be.download(idx, 0, gotIdx, 0, rows);
        if (!Arrays.equals(gotIdx, wantIdx)) {
            for (int i = 0; i < rows; i++) if (gotIdx[i] != wantIdx[i]) fail("argmax", i, gotIdx[i], wantIdx[i]);
        }
        if (masked && wantIdx[2] != -1) throw new AssertionError("oracle: fully masked row gave " + wantIdx[2]);
        exact("max", be.toArray(mx), want[0]);
        exact("gather", be.toArray(gat), want[1]);
    }

    private static void tdTarget(Backend be, Random r, int n) {
        float[] rew = rand(r, n), disc = rand(r, n), v = rand(r, n);
        float[] want = scalar(ks -> {
            Buffer o = ks.backend.fromArray(nan(n));
            ks.k.tdTarget(ks.backend.fromArray(rew), ks.backend.fromArray(disc), ks.backend.fromArray(v), o, n);
            return ks.backend.toArray(o);
        });
        Buffer o = be.fromArray(nan(n));
        be.kernels().tdTarget(be.fromArray(rew), be.fromArray(disc), be.fromArray(v), o, n);
        exact("out", be.toArray(o), want);
    }

    private static void dueling(Backend be, Random r, int rows, int na) {
        float[] head = rand(r, rows * (na + 1)), gq = rand(r, rows * na);
        float[][] want = scalarMulti(ks -> {
            Buffer q = ks.backend.fromArray(nan(rows * na)), gh = ks.backend.fromArray(nan(rows * (na + 1)));
            ks.k.duelingForward(ks.backend.fromArray(head), q, rows, na);
            ks.k.duelingBackward(ks.backend.fromArray(gq), gh, rows, na);
            return new float[][] {ks.backend.toArray(q), ks.backend.toArray(gh)};
        });
        Buffer q = be.fromArray(nan(rows * na)), gh = be.fromArray(nan(rows * (na + 1)));
        be.kernels().duelingForward(be.fromArray(head), q, rows, na);
        be.kernels().duelingBackward(be.fromArray(gq), gh, rows, na);
        exact("q", be.toArray(q), want[0]);
        exact("gradHead", be.toArray(gh), want[1]);
    }

    private static void adam(Backend be, Random r, int n, int steps) {
        float[] p0 = rand(r, n);
        float[][] grads = new float[steps][];
        for (int s = 0; s < steps; s++) grads[s] = rand(r, n);
        float[][] want = scalarMulti(ks -> {
            Buffer p = ks.backend.fromArray(p0), m = ks.backend.allocF32(n), v = ks.backend.allocF32(n);
            for (int s = 0; s < steps; s++) {
                ks.k.adamStep(p, ks.backend.fromArray(grads[s]), m, v, n, 1e-3f, 0.9f, 0.999f, 1e-8f, s + 1);
            }
            return new float[][] {ks.backend.toArray(p), ks.backend.toArray(m), ks.backend.toArray(v)};
        });
        Buffer p = be.fromArray(p0), m = be.allocF32(n), v = be.allocF32(n);
        for (int s = 0; s < steps; s++) {
            be.kernels().adamStep(p, be.fromArray(grads[s]), m, v, n, 1e-3f, 0.9f, 0.999f, 1e-8f, s + 1);
        }
        exact("param", be.toArray(p), want[0]);
        exact("m", be.toArray(m), want[1]);
        exact("v", be.toArray(v), want[2]);
    }

    private static void clip(Backend be, Random r, int n, float maxNorm) {
        float[] g = rand(r, n);
        float[][] want = scalarMulti(ks -> {
            Buffer gb = ks.backend.fromArray(g), norm = ks.backend.fromArray(nan(1));
            ks.k.clipGradNorm(gb, n, maxNorm, norm);
            return new float[][] {ks.backend.toArray(gb), ks.backend.toArray(norm)};
        });
        Buffer gb = be.fromArray(g), norm = be.fromArray(nan(1));
        be.kernels().clipGradNorm(gb, n, maxNorm, norm);
        float gotNorm = be.toArray(norm)[0];
        double s = 0;
        for (float x : g) s += (double) x * x;
        within("norm", 0, gotNorm, Math.sqrt(s), 2 * U * Math.sqrt(s));
        float[] got = be.toArray(gb);
        // the scale factor is the same double expression on both sides; allow one float rounding of it
        for (int i = 0; i < n; i++) within("grad", i, got[i], want[0][i], 4 * U * Math.abs(want[0][i]));
    }

    /** One non-finite element: NaN makes every element NaN (PyTorch); infinity zeroes the finite ones. */
    private static void clipNonFinite(Backend be, Random r, int n, float bad) {
        float[] g = rand(r, n);
        g[n / 3] = bad;
        Buffer gb = be.fromArray(g), norm = be.fromArray(new float[] {7f});
        be.kernels().clipGradNorm(gb, n, 1f, norm);
        float gotNorm = be.toArray(norm)[0];
        if (Float.isNaN(bad) ? !Float.isNaN(gotNorm) : gotNorm != bad) fail("norm", 0, gotNorm, bad);
        float[] got = be.toArray(gb);
        for (int i = 0; i < n; i++) {
            boolean nanWanted = Float.isNaN(bad) || i == n / 3; // infinity · 0 is NaN
            if (nanWanted ? !Float.isNaN(got[i]) : got[i] != 0f) fail("grad", i, got[i], nanWanted ? "NaN" : "0");
        }
    }

    private static void polyak(Backend be, Random r, int n, float tau) {
        float[] on = rand(r, n), tg = rand(r, n);
        float[] want = scalar(ks -> {
            Buffer t = ks.backend.fromArray(tg);
            ks.k.polyakUpdate(ks.backend.fromArray(on), t, n, tau);
            return ks.backend.toArray(t);
        });
        Buffer t = be.fromArray(tg);
        be.kernels().polyakUpdate(be.fromArray(on), t, n, tau);
        exact("target", be.toArray(t), want);
    }

    private static void buffers(Backend be, Random r) {
        float[] x = rand(r, 101);
        Buffer b = be.fromArray(x);
        Buffer mid = b.slice(10, 50);
        float[] got = new float[50];
        be.download(mid, 0, got, 0, 50);
        exact("slice", got, Arrays.copyOfRange(x, 10, 60));
        Buffer dst = be.fromArray(nan(30));
        be.copy(mid, 5, dst, 3, 20);
        float[] d = be.toArray(dst);
        exact("copy", Arrays.copyOfRange(d, 3, 23), Arrays.copyOfRange(x, 15, 35));
        if (!Float.isNaN(d[0]) || !Float.isNaN(d[29])) throw new AssertionError("copy wrote outside its range");
        be.fill(b, 90, 11, 2.5f);
        float[] f = be.toArray(b);
        if (f[89] != x[89] || f[90] != 2.5f || f[100] != 2.5f) throw new AssertionError("fill range wrong");
        int[] ints = {7, -1, 3, Integer.MIN_VALUE};
        Buffer ib = ints(be, ints);
        int[] back = new int[4];
        be.download(ib, 0, back, 0, 4);
        if (!Arrays.equals(ints, back)) throw new AssertionError("int round trip: " + Arrays.toString(back));
        float[] zeros = be.toArray(be.allocF32(17));
        for (float z : zeros) if (z != 0f) throw new AssertionError("allocF32 not zero-filled: " + Arrays.toString(zeros));
        // kernels on slices: bias+ReLU into the middle of a larger buffer leaves the rest alone
        Buffer big = be.fromArray(nan(40));
        be.kernels().biasActivation(be.fromArray(x).slice(1, 20), be.fromArray(new float[5]), big.slice(10, 20), 4, 5,
                false);
        float[] bg = be.toArray(big);
        exact("slice kernel", Arrays.copyOfRange(bg, 10, 30), Arrays.copyOfRange(x, 1, 21));
        if (!Float.isNaN(bg[9]) || !Float.isNaN(bg[30])) throw new AssertionError("kernel wrote outside its slice");
    }

    // ---------------------------------------------------------------- helpers

    private record Oracle(Backend backend, Kernels k) {}

    private interface OracleFn<T> {
        T apply(Oracle o);
    }

    private static <T> T scalarAny(OracleFn<T> f) {
        try (Backend cpu = CpuBackend.scalar()) {
            return f.apply(new Oracle(cpu, cpu.kernels()));
        }
    }

    private static float[] scalar(OracleFn<float[]> f) {
        return scalarAny(f);
    }

    private static float[][] scalarMulti(OracleFn<float[][]> f) {
        return scalarAny(f);
    }

    private static Buffer ints(Backend be, int[] v) {
        Buffer b = be.allocI32(v.length);
        be.upload(v, 0, b, 0, v.length);
        return b;
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    private static float[] rand(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
        return a;
    }

    private static float[] nan(int n) {
        float[] a = new float[n];
        Arrays.fill(a, Float.NaN);
        return a;
    }

    private static void exact(String what, float[] got, float[] want) {
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToIntBits(got[i]) != Float.floatToIntBits(want[i])) fail(what, i, got[i], want[i]);
        }
    }

    private static void within(String what, int i, float got, double want, double bound) {
        if (!(Math.abs(got - want) <= bound)) {
            throw new AssertionError(what + "[" + i + "]: expected " + want + " ± " + bound + ", actual " + got);
        }
    }

    private static void fail(String what, int i, Object got, Object want) {
        throw new AssertionError(what + "[" + i + "]: expected " + want + ", actual " + got);
    }
}
