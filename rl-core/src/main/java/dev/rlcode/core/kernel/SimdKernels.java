package dev.rlcode.core.kernel;

import java.util.Objects;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel set for one float {@link VectorSpecies}.
 *
 * <p>Element-wise kernels perform the oracle's operations lane by lane and match {@link ScalarKernels} bit for
 * bit; gemm ({@link SimdGemm}) and clipGradNorm's norm differ from it only by summation order, which is the same
 * for every species (that of 512-bit vectors), so all widths give the same bits. The row-wise
 * selection kernels (tdLoss, maskedArgmax, maskedMax, gather) run the oracle's own loops: they are bound by
 * gathers, not arithmetic, and so match exactly.
 *
 * <p>Any width runs on any CPU: a species wider than the hardware is emulated by the Vector API (correct, slow).
 * Each species gets its own specialised copy of the vector code ({@link SimdSpecializer}).
 *
 * {@snippet :
 * Kernels k = new SimdKernels(FloatVector.SPECIES_256);
 * }
 */
public final class SimdKernels extends CpuKernels {

    private final VectorSpecies<Float> species;
    private final Gemm gemm;
    private final ElementwiseOps ops;

    /**
     * Creates the kernels for {@code species}.
     *
     * @throws IllegalArgumentException if {@code species} is not a float species
     */
    public SimdKernels(VectorSpecies<Float> species) {
        this.species = Objects.requireNonNull(species, "species");
        this.gemm = SimdSpecializer.instantiate(SimdGemm.class, Gemm.class, species);
        this.ops = SimdSpecializer.instantiate(SimdElementwise.class, ElementwiseOps.class, species);
    }

    /** {@return the species the kernels run on} */
    public VectorSpecies<Float> species() {
        return species;
    }

    @Override
    public String name() {
        return "simd-" + species.vectorBitSize();
    }

    @Override
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, float[] b,
              int bOff, float beta, float[] c, int cOff) {
        gemm.gemm(transA, transB, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
    }

    @Override
    void biasActivation(float[] x, int xOff, float[] bias, int bOff, float[] out, int oOff, int rows, int cols,
                        boolean relu) {
        ops.biasActivation(x, xOff, bias, bOff, out, oOff, rows, cols, relu);
    }

    @Override
    void reluBackward(float[] gradOut, int goOff, float[] act, int aOff, float[] gradIn, int giOff, int n) {
        ops.reluBackward(gradOut, goOff, act, aOff, gradIn, giOff, n);
    }

    @Override
    void columnSums(float[] x, int xOff, float[] out, int oOff, int rows, int cols) {
        ops.columnSums(x, xOff, out, oOff, rows, cols);
    }

    @Override
    protected void doTdLoss(CpuBuffer q, CpuBuffer actions, CpuBuffer targets, CpuBuffer weights,
                            CpuBuffer gradQ, CpuBuffer tdErrors, CpuBuffer loss, int batch, int numActions,
                            LossKind kind, float huberDelta) {
        ScalarKernels.tdLossLoop(q, actions, targets, weights, gradQ, tdErrors, loss, batch, numActions, kind,
                huberDelta);
    }

    @Override
    protected void doMaskedArgmax(CpuBuffer x, CpuBuffer mask, CpuBuffer out, int rows, int cols) {
        ScalarKernels.argmaxLoop(x, mask, out, rows, cols);
    }

    @Override
    protected void doMaskedMax(CpuBuffer x, CpuBuffer mask, CpuBuffer out, int rows, int cols) {
        ScalarKernels.maxLoop(x, mask, out, rows, cols);
    }

    @Override
    protected void doGather(CpuBuffer x, CpuBuffer idx, CpuBuffer out, int rows, int cols) {
        ScalarKernels.gatherLoop(x, idx, out, rows, cols);
    }

    @Override
    void tdTarget(float[] r, int rOff, float[] d, int dOff, float[] v, int vOff, float[] o, int oOff, int n) {
        ops.tdTarget(r, rOff, d, dOff, v, vOff, o, oOff, n);
    }

    @Override
    void duelingForward(float[] head, int hOff, float[] q, int qOff, int rows, int numActions) {
        ops.duelingForward(head, hOff, q, qOff, rows, numActions);
    }

    @Override
    void duelingBackward(float[] gradQ, int gOff, float[] gradHead, int hOff, int rows, int numActions) {
        ops.duelingBackward(gradQ, gOff, gradHead, hOff, rows, numActions);
    }

    @Override
    void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n,
                  float beta1, float beta2, float eps, float stepSize, float bc2Sqrt) {
        ops.adamStep(p, pOff, g, gOff, m, mOff, v, vOff, n, beta1, beta2, eps, stepSize, bc2Sqrt);
    }

    @Override
    double sumOfSquares(float[] g, int gOff, int n) {
        return ops.sumOfSquares(g, gOff, n);
    }

    @Override
    void scale(float[] g, int gOff, int n, float s) {
        ops.scale(g, gOff, n, s);
    }

    @Override
    void polyak(float[] online, int oOff, float[] target, int tOff, int n, float tau) {
        ops.polyak(online, oOff, target, tOff, n, tau);
    }
}
