package dev.rlcode.gpu;

import static dev.rlcode.gpu.KernelSource.GROUP;
import static dev.rlcode.gpu.KernelSource.REDUCE_GROUP;
import static dev.rlcode.gpu.KernelSource.REDUCE_MAX_GROUPS;
import static dev.rlcode.gpu.KernelSource.TILE;

import dev.rlcode.core.kernel.Buffer;
import dev.rlcode.core.kernel.DType;
import dev.rlcode.core.kernel.Kernels;
import dev.rlcode.core.kernel.LossKind;
import java.util.Objects;

/**
 * The {@link Kernels} of a {@link GpuBackend}: validates every call on the calling thread (buffer owner, dtype,
 * sizes, aliasing, as the CPU kernels do), then enqueues the {@link KernelSource} kernels. Nothing is downloaded:
 * data-dependent decisions (gradient clipping) are taken on the device.
 *
 * <p>Differences from the CPU kernels, which read indices on the host: an action outside {@code [0, numActions)}
 * in {@link #tdLoss} and a gather index {@code >= cols} give NaN instead of an {@link IndexOutOfBoundsException}.
 */
public final class GpuKernels implements Kernels {

    private final GpuBackend be;
    private final boolean fp64;
    private final DeviceMemory partials, clipScale;

    GpuKernels(GpuBackend backend, boolean fp64) {
        this.be = backend;
        this.fp64 = fp64;
        this.partials = backend.scratch(8L * REDUCE_MAX_GROUPS);
        this.clipScale = backend.scratch(8);
    }

    @Override
    public String name() {
        return "gpu-" + (fp64 ? "fp64acc" : "fp32acc");
    }

    private static int[] grid1(int n) {
        return new int[] {Math.max(1, ceil(n, GROUP))};
    }

    private static int ceil(int n, int m) {
        return (int) (((long) n + m - 1) / m * m);
    }

    private void launch1(String name, int n, Object... args) {
        be.launch(name, grid1(n), new int[] {GROUP}, args);
    }

    void fill(GpuBuffer dst, int n, float value) {
        if (n == 0) return;
        launch1("rl_fill", n, dst, n, value);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Buffer a, Buffer b, float beta,
                     Buffer c) {
        nonNegative("m", m);
        nonNegative("n", n);
        nonNegative("k", k);
        GpuBuffer ga = f32(a, "a", (long) m * k, "m·k");
        GpuBuffer gb = f32(b, "b", (long) k * n, "k·n");
        GpuBuffer gc = f32(c, "c", (long) m * n, "m·n");
        noOverlap(gc, "c", (long) m * n, ga, "a", (long) m * k, false);
        noOverlap(gc, "c", (long) m * n, gb, "b", (long) k * n, false);
        if (m == 0 || n == 0) return;
        be.launch("rl_gemm", new int[] {ceil(n, TILE), ceil(m, TILE)}, new int[] {TILE, TILE},
                transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, ga, gb, beta, gc);
    }

    @Override
    public void biasActivation(Buffer x, Buffer bias, Buffer out, int rows, int cols, boolean relu) {
        nonNegative("rows", rows);
        nonNegative("cols", cols);
        long size = (long) rows * cols;
        GpuBuffer gx = f32(x, "x", size, "rows·cols");
        GpuBuffer gb = f32(bias, "bias", cols, "cols");
        GpuBuffer go = f32(out, "out", size, "rows·cols");
        noOverlap(go, "out", size, gx, "x", size, true);
        noOverlap(go, "out", size, gb, "bias", cols, false);
        if (size == 0) return;
        launch1("rl_bias_act", (int) size, gx, gb, go, rows, cols, relu ? 1 : 0);
    }

    @Override
    public void reluBackward(Buffer gradOut, Buffer activated, Buffer gradIn, int n) {
        nonNegative("n", n);
        GpuBuffer go = f32(gradOut, "gradOut", n, "n");
        GpuBuffer ac = f32(activated, "activated", n, "n");
        GpuBuffer gi = f32(gradIn, "gradIn", n, "n");
        noOverlap(gi, "gradIn", n, go, "gradOut", n, true);
        noOverlap(gi, "gradIn", n, ac, "activated", n, false);
        if (n == 0) return;
        launch1("rl_relu_bwd", n, go, ac, gi, n);
    }

    @Override
    public void columnSums(Buffer x, Buffer out, int rows, int cols) {
        nonNegative("rows", rows);
        nonNegative("cols", cols);
        GpuBuffer gx = f32(x, "x", (long) rows * cols, "rows·cols");
        GpuBuffer go = f32(out, "out", cols, "cols");
        noOverlap(go, "out", cols, gx, "x", (long) rows * cols, false);
        if (cols == 0) return;
        launch1("rl_col_sums", cols, gx, go, rows, cols);
    }

    @Override
    public void tdLoss(Buffer q, Buffer actions, Buffer targets, Buffer weights, Buffer gradQ, Buffer tdErrors,
                       Buffer loss, int batch, int numActions, LossKind kind, float huberDelta) {
        positive("batch", batch);
        positive("numActions", numActions);
        Objects.requireNonNull(kind, "kind");
        if (kind == LossKind.HUBER && !(huberDelta > 0)) {
            throw new IllegalArgumentException("huberDelta: expected > 0, actual " + huberDelta);
        }
        long size = (long) batch * numActions;
        GpuBuffer gq = f32(q, "q", size, "batch·numActions");
        GpuBuffer ga = i32(actions, "actions", batch, "batch");
        GpuBuffer gt = f32(targets, "targets", batch, "batch");
        GpuBuffer gw = weights == null ? null : f32(weights, "weights", batch, "batch");
        GpuBuffer gg = f32(gradQ, "gradQ", size, "batch·numActions");
        GpuBuffer ge = f32(tdErrors, "tdErrors", batch, "batch");
        GpuBuffer gl = f32(loss, "loss", 1, "1");
        for (Object[] in : new Object[][] {{gq, "q", size}, {gt, "targets", (long) batch}, {gw, "weights", (long) batch}}) {
            GpuBuffer ib = (GpuBuffer) in[0];
            String iname = (String) in[1];
            long ilen = (Long) in[2];
            noOverlap(gg, "gradQ", size, ib, iname, ilen, false);
            noOverlap(ge, "tdErrors", batch, ib, iname, ilen, false);
            noOverlap(gl, "loss", 1, ib, iname, ilen, false);
        }
        noOverlap(ge, "tdErrors", batch, gg, "gradQ", size, false);
        noOverlap(gl, "loss", 1, gg, "gradQ", size, false);
        noOverlap(gl, "loss", 1, ge, "tdErrors", batch, false);
        int huber = kind == LossKind.HUBER ? 1 : 0;
        int hasW = gw == null ? 0 : 1;
        launch1("rl_td_rows", batch, gq, ga, gt, gw, hasW, gg, ge, batch, numActions, huber, huberDelta);
        be.launch("rl_td_sum", new int[] {1}, new int[] {1}, ge, gw, hasW, gl, batch, huber, huberDelta);
    }

    @Override
    public void maskedArgmax(Buffer x, Buffer mask, Buffer out, int rows, int cols) {
        nonNegative("rows", rows);
        nonNegative("cols", cols);
        long size = (long) rows * cols;
        GpuBuffer gx = f32(x, "x", size, "rows·cols");
        GpuBuffer gm = mask == null ? null : i32(mask, "mask", size, "rows·cols");
        GpuBuffer go = i32(out, "out", rows, "rows");
        noOverlap(go, "out", rows, gm, "mask", size, false);
        if (rows == 0) return;
        launch1("rl_argmax", rows, gx, gm, gm == null ? 0 : 1, go, rows, cols);
    }

    @Override
    public void maskedMax(Buffer x, Buffer mask, Buffer out, int rows, int cols) {
        nonNegative("rows", rows);
        nonNegative("cols", cols);
        long size = (long) rows * cols;
        GpuBuffer gx = f32(x, "x", size, "rows·cols");
        GpuBuffer gm = mask == null ? null : i32(mask, "mask", size, "rows·cols");
        GpuBuffer go = f32(out, "out", rows, "rows");
        noOverlap(go, "out", rows, gx, "x", size, false);
        if (rows == 0) return;
        launch1("rl_max", rows, gx, gm, gm == null ? 0 : 1, go, rows, cols);
    }

    @Override
    public void gather(Buffer x, Buffer idx, Buffer out, int rows, int cols) {
        nonNegative("rows", rows);
        nonNegative("cols", cols);
        GpuBuffer gx = f32(x, "x", (long) rows * cols, "rows·cols");
        GpuBuffer gi = i32(idx, "idx", rows, "rows");
        GpuBuffer go = f32(out, "out", rows, "rows");
        noOverlap(go, "out", rows, gx, "x", (long) rows * cols, false);
        if (rows == 0) return;
        launch1("rl_gather", rows, gx, gi, go, rows, cols);
    }

    @Override
    public void tdTarget(Buffer rewards, Buffer discounts, Buffer nextValues, Buffer out, int n) {
        nonNegative("n", n);
        GpuBuffer r = f32(rewards, "rewards", n, "n");
        GpuBuffer d = f32(discounts, "discounts", n, "n");
        GpuBuffer v = f32(nextValues, "nextValues", n, "n");
        GpuBuffer o = f32(out, "out", n, "n");
        noOverlap(o, "out", n, v, "nextValues", n, true);
        noOverlap(o, "out", n, r, "rewards", n, false);
        noOverlap(o, "out", n, d, "discounts", n, false);
        if (n == 0) return;
        launch1("rl_td_target", n, r, d, v, o, n);
    }

    @Override
    public void duelingForward(Buffer head, Buffer q, int rows, int numActions) {
        nonNegative("rows", rows);
        positive("numActions", numActions);
        long headSize = (long) rows * (numActions + 1), qSize = (long) rows * numActions;
        GpuBuffer h = f32(head, "head", headSize, "rows·(numActions+1)");
        GpuBuffer gq = f32(q, "q", qSize, "rows·numActions");
        noOverlap(gq, "q", qSize, h, "head", headSize, false);
        if (rows == 0) return;
        launch1("rl_duel_fwd", rows, h, gq, rows, numActions);
    }

    @Override
    public void duelingBackward(Buffer gradQ, Buffer gradHead, int rows, int numActions) {
        nonNegative("rows", rows);
        positive("numActions", numActions);
        long headSize = (long) rows * (numActions + 1), qSize = (long) rows * numActions;
        GpuBuffer g = f32(gradQ, "gradQ", qSize, "rows·numActions");
        GpuBuffer h = f32(gradHead, "gradHead", headSize, "rows·(numActions+1)");
        noOverlap(h, "gradHead", headSize, g, "gradQ", qSize, false);
        if (rows == 0) return;
        launch1("rl_duel_bwd", rows, g, h, rows, numActions);
    }

    @Override
    public void adamStep(Buffer param, Buffer grad, Buffer m, Buffer v, int n, float lr, float beta1, float beta2,
                         float eps, long step) {
        nonNegative("n", n);
        if (step < 1) throw new IllegalArgumentException("step: expected >= 1, actual " + step);
        GpuBuffer p = f32(param, "param", n, "n");
        GpuBuffer g = f32(grad, "grad", n, "n");
        GpuBuffer gm = f32(m, "m", n, "n");
        GpuBuffer gv = f32(v, "v", n, "n");
        noOverlap(p, "param", n, g, "grad", n, false);
        noOverlap(p, "param", n, gm, "m", n, false);
        noOverlap(p, "param", n, gv, "v", n, false);
        noOverlap(gm, "m", n, g, "grad", n, false);
        noOverlap(gm, "m", n, gv, "v", n, false);
        noOverlap(gv, "v", n, g, "grad", n, false);
        if (n == 0) return;
        // Bias corrections in double on the host, exactly as CpuKernels computes them.
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        launch1("rl_adam", n, p, g, gm, gv, n, beta1, beta2, eps, stepSize, bc2Sqrt);
    }

    @Override
    public void clipGradNorm(Buffer grad, int n, float maxNorm, Buffer normOut) {
        nonNegative("n", n);
        GpuBuffer g = f32(grad, "grad", n, "n");
        GpuBuffer o = f32(normOut, "normOut", 1, "1");
        noOverlap(o, "normOut", 1, g, "grad", n, false);
        int groups = Math.max(1, Math.min(REDUCE_MAX_GROUPS, (n + REDUCE_GROUP - 1) / REDUCE_GROUP));
        be.launch("rl_sumsq_partial", new int[] {groups * REDUCE_GROUP}, new int[] {REDUCE_GROUP}, g, n, partials);
        be.launch("rl_clip_finish", new int[] {1}, new int[] {1}, partials, groups, maxNorm, o, clipScale);
        if (n > 0) launch1("rl_scale_by", n, g, n, clipScale);
    }

    @Override
    public void polyakUpdate(Buffer online, Buffer target, int n, float tau) {
        nonNegative("n", n);
        if (!(tau >= 0 && tau <= 1)) throw new IllegalArgumentException("tau: expected in [0, 1], actual " + tau);
        GpuBuffer on = f32(online, "online", n, "n");
        GpuBuffer ta = f32(target, "target", n, "n");
        noOverlap(ta, "target", n, on, "online", n, false);
        if (n == 0) return;
        if (tau == 1f) {
            be.copy(on, 0, ta, 0, n);
        } else {
            launch1("rl_polyak", n, on, ta, n, tau);
        }
    }

    // ---- argument checks ("expected, actual" messages, as rl-core's CpuArgs)

    private GpuBuffer f32(Buffer b, String name, long minLength, String what) {
        return checkSize(be.own(b, name, DType.F32), name, minLength, what);
    }

    private GpuBuffer i32(Buffer b, String name, long minLength, String what) {
        return checkSize(be.own(b, name, DType.I32), name, minLength, what);
    }

    private static GpuBuffer checkSize(GpuBuffer b, String name, long minLength, String what) {
        if (b.length() < minLength) {
            throw new IllegalArgumentException(name + ": expected at least " + minLength + " elements (" + what
                    + "), actual " + b.length());
        }
        return b;
    }

    private static void nonNegative(String name, int value) {
        if (value < 0) throw new IllegalArgumentException(name + ": expected >= 0, actual " + value);
    }

    private static void positive(String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(name + ": expected > 0, actual " + value);
    }

    /** Rejects an output range overlapping an input range of the same allocation (the same range if allowed). */
    static void noOverlap(GpuBuffer out, String outName, long outLen, GpuBuffer in, String inName, long inLen,
                          boolean sameAllowed) {
        if (in == null || !out.sameAllocation(in) || outLen == 0 || inLen == 0) return;
        long o0 = out.offset(), i0 = in.offset();
        if (sameAllowed && o0 == i0) return;
        if (o0 < i0 + inLen && i0 < o0 + outLen) {
            throw new IllegalArgumentException(outName + " overlaps " + inName + ": expected disjoint ranges"
                    + (sameAllowed ? " or the same range" : "") + ", actual " + outName + " [" + o0 + ", "
                    + (o0 + outLen) + ") and " + inName + " [" + i0 + ", " + (i0 + inLen) + ") of one allocation");
        }
    }

    @Override
    public String toString() {
        return "GpuKernels[" + be.name() + "]";
    }
}
