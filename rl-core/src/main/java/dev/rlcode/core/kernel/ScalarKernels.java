package dev.rlcode.core.kernel;

/**
 * The oracle kernel set: plain loops written to be obviously correct. Every other implementation is checked against
 * it element by element.
 *
 * <p>Dot products and axpys use {@link Math#fma}, summing over k in ascending order from 0, so a SIMD or GPU
 * kernel that also uses fused multiply-add differs only by summation order. Ops with no reduction (bias, ReLU,
 * Adam, Polyak, dueling, TD target) are lane-wise IEEE operations, which SIMD reproduces bit for bit.
 */
public final class ScalarKernels extends CpuKernels {

    @Override
    public String name() {
        return "scalar";
    }

    /*
     * C = alpha·op(A)·op(B) + beta·C, each element computed as acc = Σ_p fma(op(A)[i,p], op(B)[p,j], acc) in
     * ascending p, then c = beta == 0 ? alpha·acc : fma(alpha, acc, beta·c). The untransposed-B branch runs the
     * same sums with j innermost (each acc[j] still sees p ascending), which keeps B's rows contiguous.
     */
    @Override
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, float[] b,
              int bOff, float beta, float[] c, int cOff) {
        float[] acc = new float[n];
        for (int i = 0; i < m; i++) {
            if (transB) {
                for (int j = 0; j < n; j++) {
                    float s = 0f;
                    for (int p = 0; p < k; p++) s = Math.fma(opA(a, aOff, transA, m, k, i, p), b[bOff + j * k + p], s);
                    acc[j] = s;
                }
            } else {
                java.util.Arrays.fill(acc, 0f);
                for (int p = 0; p < k; p++) {
                    float aip = opA(a, aOff, transA, m, k, i, p);
                    int row = bOff + p * n;
                    for (int j = 0; j < n; j++) acc[j] = Math.fma(aip, b[row + j], acc[j]);
                }
            }
            int ci = cOff + i * n;
            for (int j = 0; j < n; j++) c[ci + j] = beta == 0f ? alpha * acc[j] : Math.fma(alpha, acc[j], beta * c[ci + j]);
        }
    }

    /** op(A)[i,p]: A stored m×k, or k×m when transposed. */
    private static float opA(float[] a, int aOff, boolean transA, int m, int k, int i, int p) {
        return transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
    }

    @Override
    void biasActivation(float[] x, int xOff, float[] bias, int bOff, float[] out, int oOff, int rows, int cols,
                        boolean relu) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                float s = x[xOff + i * cols + j] + bias[bOff + j];
                out[oOff + i * cols + j] = relu ? Math.max(0f, s) : s;
            }
        }
    }

    @Override
    void reluBackward(float[] gradOut, int goOff, float[] act, int aOff, float[] gradIn, int giOff, int n) {
        for (int i = 0; i < n; i++) gradIn[giOff + i] = act[aOff + i] > 0f ? gradOut[goOff + i] : 0f;
    }

    @Override
    void columnSums(float[] x, int xOff, float[] out, int oOff, int rows, int cols) {
        for (int j = 0; j < cols; j++) {
            float s = 0f;
            for (int i = 0; i < rows; i++) s += x[xOff + i * cols + j];
            out[oOff + j] = s;
        }
    }

    @Override
    protected void doTdLoss(CpuBuffer q, CpuBuffer actions, CpuBuffer targets, CpuBuffer weights,
                            CpuBuffer gradQ, CpuBuffer tdErrors, CpuBuffer loss, int batch, int numActions,
                            LossKind kind, float huberDelta) {
        tdLossLoop(q, actions, targets, weights, gradQ, tdErrors, loss, batch, numActions, kind, huberDelta);
    }

    /**
     * The TD loss loop, shared with {@code SimdKernels} (it is bound by the gather, not by arithmetic). The loss
     * sum runs in double over the float terms w·ℓ(δ), then is divided by the batch size.
     */
    static void tdLossLoop(CpuBuffer q, CpuBuffer actions, CpuBuffer targets, CpuBuffer weights, CpuBuffer gradQ,
                           CpuBuffer tdErrors, CpuBuffer loss, int batch, int numActions, LossKind kind,
                           float huberDelta) {
        float[] qa = q.floats(), ta = targets.floats(), ga = gradQ.floats(), ea = tdErrors.floats();
        int[] aa = actions.ints();
        float fb = batch;
        double sum = 0;
        for (int i = 0; i < batch; i++) {
            int a = aa[actions.offset() + i];
            float delta = qa[q.offset() + i * numActions + a] - ta[targets.offset() + i];
            float w = weights == null ? 1f : weights.floats()[weights.offset() + i];
            float l, dl;
            if (kind == LossKind.HUBER) {
                float abs = Math.abs(delta);
                l = abs <= huberDelta ? 0.5f * delta * delta : huberDelta * (abs - 0.5f * huberDelta);
                dl = Math.max(-huberDelta, Math.min(huberDelta, delta));
            } else {
                l = delta * delta;
                dl = 2f * delta;
            }
            ea[tdErrors.offset() + i] = delta;
            sum += w * l;
            int row = gradQ.offset() + i * numActions;
            for (int j = 0; j < numActions; j++) ga[row + j] = 0f;
            ga[row + a] = w * dl / fb;
        }
        loss.floats()[loss.offset()] = (float) (sum / batch);
    }

    @Override
    protected void doMaskedArgmax(CpuBuffer x, CpuBuffer mask, CpuBuffer out, int rows, int cols) {
        argmaxLoop(x, mask, out, rows, cols);
    }

    /** Masked argmax, shared with {@code SimdKernels}. */
    static void argmaxLoop(CpuBuffer x, CpuBuffer mask, CpuBuffer out, int rows, int cols) {
        for (int i = 0; i < rows; i++) out.ints()[out.offset() + i] = argmaxRow(x, mask, i, cols);
    }

    /**
     * {@return the lowest index of the largest legal entry of row {@code i}, or −1 if none is legal}; NaN is
     * smaller than every number, so a row of NaNs gives its first legal index.
     */
    static int argmaxRow(CpuBuffer x, CpuBuffer mask, int i, int cols) {
        float[] xs = x.floats();
        int base = x.offset() + i * cols;
        int best = -1;
        float bestVal = Float.NaN;
        for (int j = 0; j < cols; j++) {
            if (mask != null && mask.ints()[mask.offset() + i * cols + j] == 0) continue;
            float v = xs[base + j];
            if (best < 0 || greater(v, bestVal)) {
                best = j;
                bestVal = v;
            }
        }
        return best;
    }

    /** {@return a > b, where NaN is smaller than every number (and not greater than NaN)} */
    private static boolean greater(float a, float b) {
        if (Float.isNaN(a)) return false;
        if (Float.isNaN(b)) return true;
        return a > b;
    }

    @Override
    protected void doMaskedMax(CpuBuffer x, CpuBuffer mask, CpuBuffer out, int rows, int cols) {
        maxLoop(x, mask, out, rows, cols);
    }

    /** Masked max as the value at the masked argmax (0 for a fully masked row), shared with {@code SimdKernels}. */
    static void maxLoop(CpuBuffer x, CpuBuffer mask, CpuBuffer out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int j = argmaxRow(x, mask, i, cols);
            out.floats()[out.offset() + i] = j < 0 ? 0f : x.floats()[x.offset() + i * cols + j];
        }
    }

    @Override
    protected void doGather(CpuBuffer x, CpuBuffer idx, CpuBuffer out, int rows, int cols) {
        gatherLoop(x, idx, out, rows, cols);
    }

    /** Gather, shared with {@code SimdKernels}. */
    static void gatherLoop(CpuBuffer x, CpuBuffer idx, CpuBuffer out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int j = idx.ints()[idx.offset() + i];
            out.floats()[out.offset() + i] = j < 0 ? 0f : x.floats()[x.offset() + i * cols + j];
        }
    }

    @Override
    void tdTarget(float[] r, int rOff, float[] d, int dOff, float[] v, int vOff, float[] o, int oOff, int n) {
        for (int i = 0; i < n; i++) o[oOff + i] = Math.fma(d[dOff + i], v[vOff + i], r[rOff + i]);
    }

    @Override
    void duelingForward(float[] head, int hOff, float[] q, int qOff, int rows, int numActions) {
        for (int i = 0; i < rows; i++) {
            int h = hOff + i * (numActions + 1);
            float value = head[h];
            float sum = 0f;
            for (int j = 0; j < numActions; j++) sum += head[h + 1 + j];
            float mean = sum / numActions;
            for (int j = 0; j < numActions; j++) q[qOff + i * numActions + j] = value + head[h + 1 + j] - mean;
        }
    }

    @Override
    void duelingBackward(float[] gradQ, int gOff, float[] gradHead, int hOff, int rows, int numActions) {
        for (int i = 0; i < rows; i++) {
            int g = gOff + i * numActions, h = hOff + i * (numActions + 1);
            float sum = 0f;
            for (int j = 0; j < numActions; j++) sum += gradQ[g + j];
            float mean = sum / numActions;
            gradHead[h] = sum;
            for (int j = 0; j < numActions; j++) gradHead[h + 1 + j] = gradQ[g + j] - mean;
        }
    }

    @Override
    void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n,
                  float beta1, float beta2, float eps, float stepSize, float bc2Sqrt) {
        float omb1 = 1f - beta1, omb2 = 1f - beta2;
        for (int i = 0; i < n; i++) {
            float gi = g[gOff + i];
            float mi = Math.fma(beta1, m[mOff + i], omb1 * gi);
            float vi = Math.fma(beta2, v[vOff + i], omb2 * gi * gi);
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
            p[pOff + i] = p[pOff + i] - stepSize * mi / denom;
        }
    }

    @Override
    double sumOfSquares(float[] g, int gOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double x = g[gOff + i];
            s += x * x;
        }
        return s;
    }

    @Override
    void scale(float[] g, int gOff, int n, float s) {
        for (int i = 0; i < n; i++) g[gOff + i] *= s;
    }

    @Override
    void polyak(float[] online, int oOff, float[] target, int tOff, int n, float tau) {
        float omt = 1f - tau;
        for (int i = 0; i < n; i++) target[tOff + i] = Math.fma(tau, online[oOff + i], omt * target[tOff + i]);
    }
}
