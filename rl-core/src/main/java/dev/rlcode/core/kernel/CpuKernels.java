package dev.rlcode.core.kernel;

/**
 * Base of the host kernel sets: {@link CheckedKernels} validates every call, then this class hands raw arrays and
 * offsets to the implementation. Subclasses implement only the arithmetic.
 *
 * <p>Besides {@link CheckedKernels}'s checks, an action or gather index outside its row gives an
 * {@link IndexOutOfBoundsException}: the host reads them anyway.
 */
abstract class CpuKernels extends CheckedKernels<CpuBuffer> {

    @Override
    protected final CpuBuffer own(Buffer b, String name, DType dtype) {
        CpuBuffer c = CpuArgs.cpu(b, name);
        if (dtype == DType.F32 && c.floats() == null) {
            throw new IllegalArgumentException(name + ": expected an F32 buffer, actual I32");
        }
        if (dtype == DType.I32 && c.ints() == null) {
            throw new IllegalArgumentException(name + ": expected an I32 buffer, actual F32");
        }
        return c;
    }

    @Override
    protected final long offset(CpuBuffer b) {
        return b.offset();
    }

    @Override
    protected final boolean sameAllocation(CpuBuffer a, CpuBuffer b) {
        return a.storage() == b.storage();
    }

    @Override
    protected final void checkActions(CpuBuffer actions, int batch, int numActions) {
        int[] act = actions.ints();
        for (int i = 0; i < batch; i++) {
            int a = act[actions.offset() + i];
            if (a < 0 || a >= numActions) {
                throw new IndexOutOfBoundsException("actions[" + i + "]: expected in [0, " + numActions
                        + "), actual " + a);
            }
        }
    }

    @Override
    protected final void checkGatherIndices(CpuBuffer idx, int rows, int cols) {
        int[] id = idx.ints();
        for (int i = 0; i < rows; i++) {
            int j = id[idx.offset() + i];
            if (j >= cols) throw new IndexOutOfBoundsException("idx[" + i + "]: expected < " + cols + ", actual " + j);
        }
    }

    @Override
    protected final void doGemm(boolean transA, boolean transB, int m, int n, int k, float alpha, CpuBuffer a,
                                CpuBuffer b, float beta, CpuBuffer c) {
        gemm(transA, transB, m, n, k, alpha, a.floats(), a.offset(), b.floats(), b.offset(), beta, c.floats(),
                c.offset());
    }

    abstract void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                       float[] b, int bOff, float beta, float[] c, int cOff);

    @Override
    protected final void doBiasActivation(CpuBuffer x, CpuBuffer bias, CpuBuffer out, int rows, int cols,
                                          boolean relu) {
        biasActivation(x.floats(), x.offset(), bias.floats(), bias.offset(), out.floats(), out.offset(), rows, cols,
                relu);
    }

    abstract void biasActivation(float[] x, int xOff, float[] bias, int bOff, float[] out, int oOff, int rows,
                                 int cols, boolean relu);

    @Override
    protected final void doReluBackward(CpuBuffer gradOut, CpuBuffer activated, CpuBuffer gradIn, int n) {
        reluBackward(gradOut.floats(), gradOut.offset(), activated.floats(), activated.offset(), gradIn.floats(),
                gradIn.offset(), n);
    }

    abstract void reluBackward(float[] gradOut, int goOff, float[] act, int aOff, float[] gradIn, int giOff, int n);

    @Override
    protected final void doColumnSums(CpuBuffer x, CpuBuffer out, int rows, int cols) {
        columnSums(x.floats(), x.offset(), out.floats(), out.offset(), rows, cols);
    }

    abstract void columnSums(float[] x, int xOff, float[] out, int oOff, int rows, int cols);

    @Override
    protected final void doTdTarget(CpuBuffer r, CpuBuffer d, CpuBuffer v, CpuBuffer o, int n) {
        tdTarget(r.floats(), r.offset(), d.floats(), d.offset(), v.floats(), v.offset(), o.floats(), o.offset(), n);
    }

    abstract void tdTarget(float[] r, int rOff, float[] d, int dOff, float[] v, int vOff, float[] o, int oOff, int n);

    @Override
    protected final void doDuelingForward(CpuBuffer head, CpuBuffer q, int rows, int numActions) {
        duelingForward(head.floats(), head.offset(), q.floats(), q.offset(), rows, numActions);
    }

    abstract void duelingForward(float[] head, int hOff, float[] q, int qOff, int rows, int numActions);

    @Override
    protected final void doDuelingBackward(CpuBuffer gradQ, CpuBuffer gradHead, int rows, int numActions) {
        duelingBackward(gradQ.floats(), gradQ.offset(), gradHead.floats(), gradHead.offset(), rows, numActions);
    }

    abstract void duelingBackward(float[] gradQ, int gOff, float[] gradHead, int hOff, int rows, int numActions);

    @Override
    protected final void doAdamStep(CpuBuffer p, CpuBuffer g, CpuBuffer m, CpuBuffer v, int n, float beta1,
                                    float beta2, float eps, float stepSize, float bc2Sqrt) {
        adamStep(p.floats(), p.offset(), g.floats(), g.offset(), m.floats(), m.offset(), v.floats(), v.offset(), n,
                beta1, beta2, eps, stepSize, bc2Sqrt);
    }

    /** {@link CheckedKernels#doAdamStep} on arrays. */
    abstract void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n,
                           float beta1, float beta2, float eps, float stepSize, float bc2Sqrt);

    @Override
    protected final void doClipGradNorm(CpuBuffer g, int n, float maxNorm, CpuBuffer normOut) {
        double norm = Math.sqrt(sumOfSquares(g.floats(), g.offset(), n));
        normOut.floats()[normOut.offset()] = (float) norm;
        // !(norm <= maxNorm): a NaN norm scales by NaN, as PyTorch's clip_grad_norm_ does
        if (!(norm <= maxNorm)) scale(g.floats(), g.offset(), n, (float) (maxNorm / (norm + 1e-6)));
    }

    /** {@return Σ g[i]² accumulated in double (each square is exact in double)} */
    abstract double sumOfSquares(float[] g, int gOff, int n);

    /** g[i] *= s. */
    abstract void scale(float[] g, int gOff, int n, float s);

    @Override
    protected final void doCopy(CpuBuffer online, CpuBuffer target, int n) {
        System.arraycopy(online.floats(), online.offset(), target.floats(), target.offset(), n);
    }

    @Override
    protected final void doPolyak(CpuBuffer online, CpuBuffer target, int n, float tau) {
        polyak(online.floats(), online.offset(), target.floats(), target.offset(), n, tau);
    }

    /** target = fma(tau, online, (1−tau)·target), for tau < 1. */
    abstract void polyak(float[] online, int oOff, float[] target, int tOff, int n, float tau);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name() + "]";
    }
}
