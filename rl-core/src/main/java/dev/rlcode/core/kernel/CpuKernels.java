package dev.rlcode.core.kernel;

import static dev.rlcode.core.kernel.CpuArgs.f32;
import static dev.rlcode.core.kernel.CpuArgs.f32OrNull;
import static dev.rlcode.core.kernel.CpuArgs.i32;
import static dev.rlcode.core.kernel.CpuArgs.i32OrNull;
import static dev.rlcode.core.kernel.CpuArgs.noOverlap;
import static dev.rlcode.core.kernel.CpuArgs.nonNegative;
import static dev.rlcode.core.kernel.CpuArgs.positive;

import java.util.Objects;

/**
 * Base of the host kernel sets: validates every call (buffer kind, dtype, sizes, aliasing) once, then hands raw
 * arrays and offsets to the implementation. Subclasses implement only the arithmetic.
 *
 * <p>Every kernel throws {@link IllegalArgumentException} if a buffer is not a {@link CpuBuffer}, has the wrong
 * dtype, is shorter than its shape, or overlaps another in a way the spec forbids, or if a size is negative; and
 * {@link IndexOutOfBoundsException} for an action or gather index outside its row.
 */
abstract class CpuKernels implements Kernels {

    /* Implementation notes: sizes are multiplied in long before comparing with buffer lengths, so a huge m·k
     * cannot overflow into a passing check. Zero-sized calls are validated, then do nothing. */

    @Override
    public final void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Buffer a, Buffer b,
                           float beta, Buffer c) {
        nonNegative("m", m);
        nonNegative("n", n);
        nonNegative("k", k);
        CpuBuffer ca = f32(a, "a", (long) m * k, "m·k");
        CpuBuffer cb = f32(b, "b", (long) k * n, "k·n");
        CpuBuffer cc = f32(c, "c", (long) m * n, "m·n");
        noOverlap(cc, "c", (long) m * n, ca, "a", (long) m * k, false);
        noOverlap(cc, "c", (long) m * n, cb, "b", (long) k * n, false);
        if (m == 0 || n == 0) return;
        gemm(transA, transB, m, n, k, alpha, ca.floats(), ca.offset(), cb.floats(), cb.offset(), beta, cc.floats(),
                cc.offset());
    }

    abstract void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                       float[] b, int bOff, float beta, float[] c, int cOff);

    @Override
    public final void biasActivation(Buffer x, Buffer bias, Buffer out, int rows, int cols, boolean relu) {
        nonNegative("rows", rows);
        nonNegative("cols", cols);
        long size = (long) rows * cols;
        CpuBuffer cx = f32(x, "x", size, "rows·cols");
        CpuBuffer cb = f32(bias, "bias", cols, "cols");
        CpuBuffer co = f32(out, "out", size, "rows·cols");
        noOverlap(co, "out", size, cx, "x", size, true);
        noOverlap(co, "out", size, cb, "bias", cols, false);
        biasActivation(cx.floats(), cx.offset(), cb.floats(), cb.offset(), co.floats(), co.offset(), rows, cols,
                relu);
    }

    abstract void biasActivation(float[] x, int xOff, float[] bias, int bOff, float[] out, int oOff, int rows,
                                 int cols, boolean relu);

    @Override
    public final void reluBackward(Buffer gradOut, Buffer activated, Buffer gradIn, int n) {
        nonNegative("n", n);
        CpuBuffer go = f32(gradOut, "gradOut", n, "n");
        CpuBuffer ac = f32(activated, "activated", n, "n");
        CpuBuffer gi = f32(gradIn, "gradIn", n, "n");
        noOverlap(gi, "gradIn", n, go, "gradOut", n, true);
        noOverlap(gi, "gradIn", n, ac, "activated", n, false);
        reluBackward(go.floats(), go.offset(), ac.floats(), ac.offset(), gi.floats(), gi.offset(), n);
    }

    abstract void reluBackward(float[] gradOut, int goOff, float[] act, int aOff, float[] gradIn, int giOff, int n);

    @Override
    public final void columnSums(Buffer x, Buffer out, int rows, int cols) {
        nonNegative("rows", rows);
        nonNegative("cols", cols);
        CpuBuffer cx = f32(x, "x", (long) rows * cols, "rows·cols");
        CpuBuffer co = f32(out, "out", cols, "cols");
        noOverlap(co, "out", cols, cx, "x", (long) rows * cols, false);
        columnSums(cx.floats(), cx.offset(), co.floats(), co.offset(), rows, cols);
    }

    abstract void columnSums(float[] x, int xOff, float[] out, int oOff, int rows, int cols);

    @Override
    public final void tdLoss(Buffer q, Buffer actions, Buffer targets, Buffer weights, Buffer gradQ, Buffer tdErrors,
                             Buffer loss, int batch, int numActions, LossKind kind, float huberDelta) {
        positive("batch", batch);
        positive("numActions", numActions);
        Objects.requireNonNull(kind, "kind");
        if (kind == LossKind.HUBER && !(huberDelta > 0)) {
            throw new IllegalArgumentException("huberDelta: expected > 0, actual " + huberDelta);
        }
        long size = (long) batch * numActions;
        CpuBuffer cq = f32(q, "q", size, "batch·numActions");
        CpuBuffer ca = i32(actions, "actions", batch, "batch");
        CpuBuffer ct = f32(targets, "targets", batch, "batch");
        CpuBuffer cw = f32OrNull(weights, "weights", batch, "batch");
        CpuBuffer cg = f32(gradQ, "gradQ", size, "batch·numActions");
        CpuBuffer ce = f32(tdErrors, "tdErrors", batch, "batch");
        CpuBuffer cl = f32(loss, "loss", 1, "1");
        noOverlap(cg, "gradQ", size, cq, "q", size, false);
        noOverlap(cg, "gradQ", size, ct, "targets", batch, false);
        noOverlap(cg, "gradQ", size, cw, "weights", batch, false);
        noOverlap(ce, "tdErrors", batch, cq, "q", size, false);
        noOverlap(ce, "tdErrors", batch, ct, "targets", batch, false);
        noOverlap(ce, "tdErrors", batch, cw, "weights", batch, false);
        noOverlap(cl, "loss", 1, cq, "q", size, false);
        noOverlap(cl, "loss", 1, ct, "targets", batch, false);
        noOverlap(cl, "loss", 1, cw, "weights", batch, false);
        noOverlap(ce, "tdErrors", batch, cg, "gradQ", size, false);
        noOverlap(cl, "loss", 1, cg, "gradQ", size, false);
        noOverlap(cl, "loss", 1, ce, "tdErrors", batch, false);
        int[] act = ca.ints();
        for (int i = 0; i < batch; i++) {
            int a = act[ca.offset() + i];
            if (a < 0 || a >= numActions) {
                throw new IndexOutOfBoundsException("actions[" + i + "]: expected in [0, " + numActions
                        + "), actual " + a);
            }
        }
        tdLoss(cq, ca, ct, cw, cg, ce, cl, batch, numActions, kind, huberDelta);
    }

    abstract void tdLoss(CpuBuffer q, CpuBuffer actions, CpuBuffer targets, CpuBuffer weights, CpuBuffer gradQ,
                         CpuBuffer tdErrors, CpuBuffer loss, int batch, int numActions, LossKind kind,
                         float huberDelta);

    @Override
    public final void maskedArgmax(Buffer x, Buffer mask, Buffer out, int rows, int cols) {
        nonNegative("rows", rows);
        nonNegative("cols", cols);
        long size = (long) rows * cols;
        CpuBuffer cx = f32(x, "x", size, "rows·cols");
        CpuBuffer cm = i32OrNull(mask, "mask", size, "rows·cols");
        CpuBuffer co = i32(out, "out", rows, "rows");
        noOverlap(co, "out", rows, cm, "mask", size, false);
        maskedArgmax(cx, cm, co, rows, cols);
    }

    abstract void maskedArgmax(CpuBuffer x, CpuBuffer mask, CpuBuffer out, int rows, int cols);

    @Override
    public final void maskedMax(Buffer x, Buffer mask, Buffer out, int rows, int cols) {
        nonNegative("rows", rows);
        nonNegative("cols", cols);
        long size = (long) rows * cols;
        CpuBuffer cx = f32(x, "x", size, "rows·cols");
        CpuBuffer cm = i32OrNull(mask, "mask", size, "rows·cols");
        CpuBuffer co = f32(out, "out", rows, "rows");
        noOverlap(co, "out", rows, cx, "x", size, false);
        maskedMax(cx, cm, co, rows, cols);
    }

    abstract void maskedMax(CpuBuffer x, CpuBuffer mask, CpuBuffer out, int rows, int cols);

    @Override
    public final void gather(Buffer x, Buffer idx, Buffer out, int rows, int cols) {
        nonNegative("rows", rows);
        nonNegative("cols", cols);
        CpuBuffer cx = f32(x, "x", (long) rows * cols, "rows·cols");
        CpuBuffer ci = i32(idx, "idx", rows, "rows");
        CpuBuffer co = f32(out, "out", rows, "rows");
        noOverlap(co, "out", rows, cx, "x", (long) rows * cols, false);
        int[] id = ci.ints();
        for (int i = 0; i < rows; i++) {
            int j = id[ci.offset() + i];
            if (j >= cols) throw new IndexOutOfBoundsException("idx[" + i + "]: expected < " + cols + ", actual " + j);
        }
        gather(cx, ci, co, rows, cols);
    }

    abstract void gather(CpuBuffer x, CpuBuffer idx, CpuBuffer out, int rows, int cols);

    @Override
    public final void tdTarget(Buffer rewards, Buffer discounts, Buffer nextValues, Buffer out, int n) {
        nonNegative("n", n);
        CpuBuffer r = f32(rewards, "rewards", n, "n");
        CpuBuffer d = f32(discounts, "discounts", n, "n");
        CpuBuffer v = f32(nextValues, "nextValues", n, "n");
        CpuBuffer o = f32(out, "out", n, "n");
        noOverlap(o, "out", n, v, "nextValues", n, true);
        noOverlap(o, "out", n, r, "rewards", n, false);
        noOverlap(o, "out", n, d, "discounts", n, false);
        tdTarget(r.floats(), r.offset(), d.floats(), d.offset(), v.floats(), v.offset(), o.floats(), o.offset(), n);
    }

    abstract void tdTarget(float[] r, int rOff, float[] d, int dOff, float[] v, int vOff, float[] o, int oOff, int n);

    @Override
    public final void duelingForward(Buffer head, Buffer q, int rows, int numActions) {
        nonNegative("rows", rows);
        positive("numActions", numActions);
        long headSize = (long) rows * (numActions + 1), qSize = (long) rows * numActions;
        CpuBuffer h = f32(head, "head", headSize, "rows·(numActions+1)");
        CpuBuffer cq = f32(q, "q", qSize, "rows·numActions");
        noOverlap(cq, "q", qSize, h, "head", headSize, false);
        duelingForward(h.floats(), h.offset(), cq.floats(), cq.offset(), rows, numActions);
    }

    abstract void duelingForward(float[] head, int hOff, float[] q, int qOff, int rows, int numActions);

    @Override
    public final void duelingBackward(Buffer gradQ, Buffer gradHead, int rows, int numActions) {
        nonNegative("rows", rows);
        positive("numActions", numActions);
        long headSize = (long) rows * (numActions + 1), qSize = (long) rows * numActions;
        CpuBuffer g = f32(gradQ, "gradQ", qSize, "rows·numActions");
        CpuBuffer h = f32(gradHead, "gradHead", headSize, "rows·(numActions+1)");
        noOverlap(h, "gradHead", headSize, g, "gradQ", qSize, false);
        duelingBackward(g.floats(), g.offset(), h.floats(), h.offset(), rows, numActions);
    }

    abstract void duelingBackward(float[] gradQ, int gOff, float[] gradHead, int hOff, int rows, int numActions);

    @Override
    public final void adamStep(Buffer param, Buffer grad, Buffer m, Buffer v, int n, float lr, float beta1,
                               float beta2, float eps, long step) {
        nonNegative("n", n);
        if (step < 1) throw new IllegalArgumentException("step: expected >= 1, actual " + step);
        CpuBuffer p = f32(param, "param", n, "n");
        CpuBuffer g = f32(grad, "grad", n, "n");
        CpuBuffer cm = f32(m, "m", n, "n");
        CpuBuffer cv = f32(v, "v", n, "n");
        noOverlap(p, "param", n, g, "grad", n, false);
        noOverlap(p, "param", n, cm, "m", n, false);
        noOverlap(p, "param", n, cv, "v", n, false);
        noOverlap(cm, "m", n, g, "grad", n, false);
        noOverlap(cm, "m", n, cv, "v", n, false);
        noOverlap(cv, "v", n, g, "grad", n, false);
        // Bias corrections in double, as PyTorch computes them on the host from a Python float step.
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        adamStep(p.floats(), p.offset(), g.floats(), g.offset(), cm.floats(), cm.offset(), cv.floats(), cv.offset(),
                n, beta1, beta2, eps, stepSize, bc2Sqrt);
    }

    /**
     * Element-wise Adam with host-computed {@code stepSize = lr/(1−β1^t)} and {@code bc2Sqrt = sqrt(1−β2^t)}:
     * m = fma(β1, m, (1−β1)·g); v = fma(β2, v, (1−β2)·g·g); p −= stepSize·m / (sqrt(v)/bc2Sqrt + eps).
     */
    abstract void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n,
                           float beta1, float beta2, float eps, float stepSize, float bc2Sqrt);

    @Override
    public final void clipGradNorm(Buffer grad, int n, float maxNorm, Buffer normOut) {
        nonNegative("n", n);
        CpuBuffer g = f32(grad, "grad", n, "n");
        CpuBuffer o = f32(normOut, "normOut", 1, "1");
        noOverlap(o, "normOut", 1, g, "grad", n, false);
        double sumSq = sumOfSquares(g.floats(), g.offset(), n);
        double norm = Math.sqrt(sumSq);
        o.floats()[o.offset()] = (float) norm;
        if (norm > maxNorm) scale(g.floats(), g.offset(), n, (float) (maxNorm / (norm + 1e-6)));
    }

    /** {@return Σ g[i]² accumulated in double (each square is exact in double)} */
    abstract double sumOfSquares(float[] g, int gOff, int n);

    /** g[i] *= s. */
    abstract void scale(float[] g, int gOff, int n, float s);

    @Override
    public final void polyakUpdate(Buffer online, Buffer target, int n, float tau) {
        nonNegative("n", n);
        if (!(tau >= 0 && tau <= 1)) throw new IllegalArgumentException("tau: expected in [0, 1], actual " + tau);
        CpuBuffer on = f32(online, "online", n, "n");
        CpuBuffer ta = f32(target, "target", n, "n");
        noOverlap(ta, "target", n, on, "online", n, false);
        if (tau == 1f) {
            System.arraycopy(on.floats(), on.offset(), ta.floats(), ta.offset(), n);
        } else {
            polyak(on.floats(), on.offset(), ta.floats(), ta.offset(), n, tau);
        }
    }

    /** target = fma(tau, online, (1−tau)·target), for tau < 1. */
    abstract void polyak(float[] online, int oOff, float[] target, int tOff, int n, float tau);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name() + "]";
    }
}
