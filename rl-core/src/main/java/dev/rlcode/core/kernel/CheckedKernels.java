package dev.rlcode.core.kernel;

import java.util.Objects;

/**
 * Base of every kernel set, host or device: validates each call once (buffer kind and owner, dtype, sizes,
 * aliasing, scalar ranges), so that every backend rejects the same calls with the same messages, then hands the
 * subclass its own buffer type. Subclasses implement only the computation, in the {@code do…} methods.
 *
 * <p>Every kernel throws {@link NullPointerException} for a missing required buffer or loss kind;
 * {@link IllegalArgumentException} if a buffer belongs to another backend, has the wrong dtype, is shorter than its
 * shape, or overlaps another in a way the spec forbids, or if a size or scalar is out of range. Index arguments
 * (actions, gather indices) are checked only by backends that read them on the host ({@link #checkActions},
 * {@link #checkGatherIndices}). A call with nothing to compute is validated, then returns without calling the
 * subclass, except {@link #clipGradNorm}, which always writes the norm.
 *
 * <p>Sizes are multiplied in {@code long} before they are compared with buffer lengths, so a huge {@code m·k}
 * cannot overflow into a passing check.
 *
 * @param <B> the buffer type of the backend
 */
public abstract class CheckedKernels<B extends Buffer> implements Kernels {

    /** For subclasses. */
    protected CheckedKernels() {}

    // ---- what a backend provides for the checks

    /**
     * {@return {@code b} as a buffer of this backend with dtype {@code dtype}}
     *
     * @throws NullPointerException     if {@code b} is null (the message is {@code name})
     * @throws IllegalArgumentException if {@code b} belongs to another backend or has another dtype
     */
    protected abstract B own(Buffer b, String name, DType dtype);

    /** {@return the first element of {@code b} within its allocation} */
    protected abstract long offset(B b);

    /** {@return whether {@code a} and {@code b} are views of one allocation} */
    protected abstract boolean sameAllocation(B a, B b);

    /**
     * Checks that every action is in {@code [0, numActions)}, for backends that read them on the host. The default
     * checks nothing: a device backend gives NaN for such a sample instead.
     *
     * @throws IndexOutOfBoundsException naming the first action out of range
     */
    protected void checkActions(B actions, int batch, int numActions) {}

    /**
     * Checks that every gather index is below {@code cols}, for backends that read them on the host (negative
     * indices are legal: they gather 0). The default checks nothing: a device backend gives NaN instead.
     *
     * @throws IndexOutOfBoundsException naming the first index out of range
     */
    protected void checkGatherIndices(B idx, int rows, int cols) {}

    // ---- the computations, on validated arguments

    /** {@link #gemm} with {@code m, n > 0}. */
    protected abstract void doGemm(boolean transA, boolean transB, int m, int n, int k, float alpha, B a, B b,
                                   float beta, B c);

    /** {@link #biasActivation} with {@code rows·cols > 0}. */
    protected abstract void doBiasActivation(B x, B bias, B out, int rows, int cols, boolean relu);

    /** {@link #reluBackward} with {@code n > 0}. */
    protected abstract void doReluBackward(B gradOut, B activated, B gradIn, int n);

    /** {@link #columnSums} with {@code cols > 0} ({@code rows} may be 0: the sums are 0). */
    protected abstract void doColumnSums(B x, B out, int rows, int cols);

    /** {@link #tdLoss}; {@code weights} may be null. */
    protected abstract void doTdLoss(B q, B actions, B targets, B weights, B gradQ, B tdErrors, B loss, int batch,
                                     int numActions, LossKind kind, float huberDelta);

    /** {@link #maskedArgmax} with {@code rows > 0}; {@code mask} may be null. */
    protected abstract void doMaskedArgmax(B x, B mask, B out, int rows, int cols);

    /** {@link #maskedMax} with {@code rows > 0}; {@code mask} may be null. */
    protected abstract void doMaskedMax(B x, B mask, B out, int rows, int cols);

    /** {@link #gather} with {@code rows > 0}. */
    protected abstract void doGather(B x, B idx, B out, int rows, int cols);

    /** {@link #tdTarget} with {@code n > 0}. */
    protected abstract void doTdTarget(B rewards, B discounts, B nextValues, B out, int n);

    /** {@link #duelingForward} with {@code rows > 0}. */
    protected abstract void doDuelingForward(B head, B q, int rows, int numActions);

    /** {@link #duelingBackward} with {@code rows > 0}. */
    protected abstract void doDuelingBackward(B gradQ, B gradHead, int rows, int numActions);

    /**
     * Element-wise Adam ({@code n > 0}) with host-computed {@code stepSize = lr/(1−β1^t)} and
     * {@code bc2Sqrt = sqrt(1−β2^t)}: m = fma(β1, m, (1−β1)·g); v = fma(β2, v, (1−β2)·g·g);
     * p −= stepSize·m / (sqrt(v)/bc2Sqrt + eps).
     */
    protected abstract void doAdamStep(B param, B grad, B m, B v, int n, float beta1, float beta2, float eps,
                                       float stepSize, float bc2Sqrt);

    /** {@link #clipGradNorm} ({@code n} may be 0: the norm is 0). */
    protected abstract void doClipGradNorm(B grad, int n, float maxNorm, B normOut);

    /** target = online, {@code n > 0} (Polyak with tau 1). */
    protected abstract void doCopy(B online, B target, int n);

    /** target = fma(tau, online, (1−tau)·target), {@code n > 0}, {@code tau < 1}. */
    protected abstract void doPolyak(B online, B target, int n, float tau);

    // ---- the kernels

    @Override
    public final void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Buffer a, Buffer b,
                           float beta, Buffer c) {
        nonNegative("m", m);
        nonNegative("n", n);
        nonNegative("k", k);
        B ba = f32(a, "a", (long) m * k, "m·k");
        B bb = f32(b, "b", (long) k * n, "k·n");
        B bc = f32(c, "c", (long) m * n, "m·n");
        noOverlap(bc, "c", (long) m * n, ba, "a", (long) m * k, false);
        noOverlap(bc, "c", (long) m * n, bb, "b", (long) k * n, false);
        if (m == 0 || n == 0) return;
        // alpha = 0 (BLAS): C = beta·C without reading A or B, which is every backend's k = 0 case
        if (alpha == 0f) doGemm(transA, transB, m, n, 0, 1f, ba, bb, beta, bc);
        else doGemm(transA, transB, m, n, k, alpha, ba, bb, beta, bc);
    }

    @Override
    public final void biasActivation(Buffer x, Buffer bias, Buffer out, int rows, int cols, boolean relu) {
        nonNegative("rows", rows);
        nonNegative("cols", cols);
        long size = (long) rows * cols;
        B bx = f32(x, "x", size, "rows·cols");
        B bb = f32(bias, "bias", cols, "cols");
        B bo = f32(out, "out", size, "rows·cols");
        noOverlap(bo, "out", size, bx, "x", size, true);
        noOverlap(bo, "out", size, bb, "bias", cols, false);
        if (size == 0) return;
        doBiasActivation(bx, bb, bo, rows, cols, relu);
    }

    @Override
    public final void reluBackward(Buffer gradOut, Buffer activated, Buffer gradIn, int n) {
        nonNegative("n", n);
        B go = f32(gradOut, "gradOut", n, "n");
        B ac = f32(activated, "activated", n, "n");
        B gi = f32(gradIn, "gradIn", n, "n");
        noOverlap(gi, "gradIn", n, go, "gradOut", n, true);
        noOverlap(gi, "gradIn", n, ac, "activated", n, false);
        if (n == 0) return;
        doReluBackward(go, ac, gi, n);
    }

    @Override
    public final void columnSums(Buffer x, Buffer out, int rows, int cols) {
        nonNegative("rows", rows);
        nonNegative("cols", cols);
        B bx = f32(x, "x", (long) rows * cols, "rows·cols");
        B bo = f32(out, "out", cols, "cols");
        noOverlap(bo, "out", cols, bx, "x", (long) rows * cols, false);
        if (cols == 0) return;
        doColumnSums(bx, bo, rows, cols);
    }

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
        B bq = f32(q, "q", size, "batch·numActions");
        B ba = i32(actions, "actions", batch, "batch");
        B bt = f32(targets, "targets", batch, "batch");
        B bw = weights == null ? null : f32(weights, "weights", batch, "batch");
        B bg = f32(gradQ, "gradQ", size, "batch·numActions");
        B be = f32(tdErrors, "tdErrors", batch, "batch");
        B bl = f32(loss, "loss", 1, "1");
        // no output may overlap an input or another output
        noOverlap(bg, "gradQ", size, bq, "q", size, false);
        noOverlap(bg, "gradQ", size, bt, "targets", batch, false);
        noOverlap(bg, "gradQ", size, bw, "weights", batch, false);
        noOverlap(be, "tdErrors", batch, bq, "q", size, false);
        noOverlap(be, "tdErrors", batch, bt, "targets", batch, false);
        noOverlap(be, "tdErrors", batch, bw, "weights", batch, false);
        noOverlap(bl, "loss", 1, bq, "q", size, false);
        noOverlap(bl, "loss", 1, bt, "targets", batch, false);
        noOverlap(bl, "loss", 1, bw, "weights", batch, false);
        noOverlap(be, "tdErrors", batch, bg, "gradQ", size, false);
        noOverlap(bl, "loss", 1, bg, "gradQ", size, false);
        noOverlap(bl, "loss", 1, be, "tdErrors", batch, false);
        checkActions(ba, batch, numActions);
        doTdLoss(bq, ba, bt, bw, bg, be, bl, batch, numActions, kind, huberDelta);
    }

    @Override
    public final void maskedArgmax(Buffer x, Buffer mask, Buffer out, int rows, int cols) {
        nonNegative("rows", rows);
        nonNegative("cols", cols);
        long size = (long) rows * cols;
        B bx = f32(x, "x", size, "rows·cols");
        B bm = mask == null ? null : i32(mask, "mask", size, "rows·cols");
        B bo = i32(out, "out", rows, "rows");
        noOverlap(bo, "out", rows, bm, "mask", size, false);
        if (rows == 0) return;
        doMaskedArgmax(bx, bm, bo, rows, cols);
    }

    @Override
    public final void maskedMax(Buffer x, Buffer mask, Buffer out, int rows, int cols) {
        nonNegative("rows", rows);
        nonNegative("cols", cols);
        long size = (long) rows * cols;
        B bx = f32(x, "x", size, "rows·cols");
        B bm = mask == null ? null : i32(mask, "mask", size, "rows·cols");
        B bo = f32(out, "out", rows, "rows");
        noOverlap(bo, "out", rows, bx, "x", size, false);
        if (rows == 0) return;
        doMaskedMax(bx, bm, bo, rows, cols);
    }

    @Override
    public final void gather(Buffer x, Buffer idx, Buffer out, int rows, int cols) {
        nonNegative("rows", rows);
        nonNegative("cols", cols);
        B bx = f32(x, "x", (long) rows * cols, "rows·cols");
        B bi = i32(idx, "idx", rows, "rows");
        B bo = f32(out, "out", rows, "rows");
        noOverlap(bo, "out", rows, bx, "x", (long) rows * cols, false);
        if (rows == 0) return;
        checkGatherIndices(bi, rows, cols);
        doGather(bx, bi, bo, rows, cols);
    }

    @Override
    public final void tdTarget(Buffer rewards, Buffer discounts, Buffer nextValues, Buffer out, int n) {
        nonNegative("n", n);
        B r = f32(rewards, "rewards", n, "n");
        B d = f32(discounts, "discounts", n, "n");
        B v = f32(nextValues, "nextValues", n, "n");
        B o = f32(out, "out", n, "n");
        noOverlap(o, "out", n, v, "nextValues", n, true);
        noOverlap(o, "out", n, r, "rewards", n, false);
        noOverlap(o, "out", n, d, "discounts", n, false);
        if (n == 0) return;
        doTdTarget(r, d, v, o, n);
    }

    @Override
    public final void duelingForward(Buffer head, Buffer q, int rows, int numActions) {
        nonNegative("rows", rows);
        positive("numActions", numActions);
        long headSize = (long) rows * (numActions + 1), qSize = (long) rows * numActions;
        B h = f32(head, "head", headSize, "rows·(numActions+1)");
        B bq = f32(q, "q", qSize, "rows·numActions");
        noOverlap(bq, "q", qSize, h, "head", headSize, false);
        if (rows == 0) return;
        doDuelingForward(h, bq, rows, numActions);
    }

    @Override
    public final void duelingBackward(Buffer gradQ, Buffer gradHead, int rows, int numActions) {
        nonNegative("rows", rows);
        positive("numActions", numActions);
        long headSize = (long) rows * (numActions + 1), qSize = (long) rows * numActions;
        B g = f32(gradQ, "gradQ", qSize, "rows·numActions");
        B h = f32(gradHead, "gradHead", headSize, "rows·(numActions+1)");
        noOverlap(h, "gradHead", headSize, g, "gradQ", qSize, false);
        if (rows == 0) return;
        doDuelingBackward(g, h, rows, numActions);
    }

    @Override
    public final void adamStep(Buffer param, Buffer grad, Buffer m, Buffer v, int n, float lr, float beta1,
                               float beta2, float eps, long step) {
        nonNegative("n", n);
        if (step < 1) throw new IllegalArgumentException("step: expected >= 1, actual " + step);
        B p = f32(param, "param", n, "n");
        B g = f32(grad, "grad", n, "n");
        B bm = f32(m, "m", n, "n");
        B bv = f32(v, "v", n, "n");
        noOverlap(p, "param", n, g, "grad", n, false);
        noOverlap(p, "param", n, bm, "m", n, false);
        noOverlap(p, "param", n, bv, "v", n, false);
        noOverlap(bm, "m", n, g, "grad", n, false);
        noOverlap(bm, "m", n, bv, "v", n, false);
        noOverlap(bv, "v", n, g, "grad", n, false);
        if (n == 0) return;
        // Bias corrections in double on the host, as PyTorch computes them from a Python float step.
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        doAdamStep(p, g, bm, bv, n, beta1, beta2, eps, (float) (lr / bc1), (float) Math.sqrt(bc2));
    }

    @Override
    public final void clipGradNorm(Buffer grad, int n, float maxNorm, Buffer normOut) {
        nonNegative("n", n);
        B g = f32(grad, "grad", n, "n");
        B o = f32(normOut, "normOut", 1, "1");
        noOverlap(o, "normOut", 1, g, "grad", n, false);
        doClipGradNorm(g, n, maxNorm, o);
    }

    @Override
    public final void polyakUpdate(Buffer online, Buffer target, int n, float tau) {
        nonNegative("n", n);
        if (!(tau >= 0 && tau <= 1)) throw new IllegalArgumentException("tau: expected in [0, 1], actual " + tau);
        B on = f32(online, "online", n, "n");
        B ta = f32(target, "target", n, "n");
        noOverlap(ta, "target", n, on, "online", n, false);
        if (n == 0) return;
        if (tau == 1f) {
            doCopy(on, ta, n);
        } else {
            doPolyak(on, ta, n, tau);
        }
    }

    // ---- argument checks, with "expected, actual" messages

    private B f32(Buffer b, String name, long minLength, String what) {
        return checkSize(own(b, name, DType.F32), name, minLength, what);
    }

    private B i32(Buffer b, String name, long minLength, String what) {
        return checkSize(own(b, name, DType.I32), name, minLength, what);
    }

    private B checkSize(B b, String name, long minLength, String what) {
        if (b.length() < minLength) {
            throw new IllegalArgumentException(name + ": expected at least " + minLength + " elements (" + what
                    + "), actual " + b.length());
        }
        return b;
    }

    private void noOverlap(B out, String outName, long outLen, B in, String inName, long inLen, boolean sameAllowed) {
        if (in != null && sameAllocation(out, in)) {
            checkDisjoint(outName, offset(out), outLen, inName, offset(in), inLen, sameAllowed);
        }
    }

    /**
     * Rejects an output range {@code [o0, o0 + outLen)} that overlaps an input range {@code [i0, i0 + inLen)} of the
     * same allocation; with {@code sameAllowed}, the exact same range (an in-place operation) is accepted. For
     * backends' own methods (e.g. {@link Backend#copy}).
     *
     * @throws IllegalArgumentException naming both ranges if they overlap
     */
    public static void checkDisjoint(String outName, long o0, long outLen, String inName, long i0, long inLen,
                              boolean sameAllowed) {
        if (outLen == 0 || inLen == 0 || sameAllowed && o0 == i0) return;
        if (o0 < i0 + inLen && i0 < o0 + outLen) {
            throw new IllegalArgumentException(outName + " overlaps " + inName + ": expected disjoint ranges"
                    + (sameAllowed ? " or the same range" : "") + ", actual " + outName + " [" + o0 + ", "
                    + (o0 + outLen) + ") and " + inName + " [" + i0 + ", " + (i0 + inLen) + ") of one allocation");
        }
    }

    static void nonNegative(String name, int value) {
        if (value < 0) throw new IllegalArgumentException(name + ": expected >= 0, actual " + value);
    }

    static void positive(String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(name + ": expected > 0, actual " + value);
    }
}
