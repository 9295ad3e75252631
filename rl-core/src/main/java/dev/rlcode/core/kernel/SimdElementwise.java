package dev.rlcode.core.kernel;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API element-wise kernels for one species: loops to {@code loopBound(n)}, then a scalar tail that repeats
 * the oracle's expression. Each lane performs exactly the oracle's IEEE operations (add, fma, sqrt, div, max), so
 * results equal {@link ScalarKernels} bit for bit, except {@link #sumOfSquares}, which only reorders a double sum.
 *
 * <p>This class is a template for {@link SimdSpecializer}: each copy has its species as the constant
 * {@link #SPECIES}.
 */
final class SimdElementwise implements ElementwiseOps {

    static final VectorSpecies<Float> SPECIES = SimdSpecializer.species(MethodHandles.lookup());
    private static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, SPECIES.vectorShape());
    private static final int VL = SPECIES.length();

    /** Use {@link SimdSpecializer#instantiate} (this class is a template). */
    public SimdElementwise() {}

    @Override
    public void biasActivation(float[] x, int xOff, float[] bias, int bOff, float[] out, int oOff, int rows, int cols,
                        boolean relu) {
        VectorSpecies<Float> sp = SPECIES;
        int jb = sp.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            int xr = xOff + i * cols, orow = oOff + i * cols;
            int j = 0;
            for (; j < jb; j += VL) {
                FloatVector s = FloatVector.fromArray(sp, x, xr + j).add(FloatVector.fromArray(sp, bias, bOff + j));
                if (relu) s = s.max(0f);
                s.intoArray(out, orow + j);
            }
            for (; j < cols; j++) {
                float s = x[xr + j] + bias[bOff + j];
                out[orow + j] = relu ? Math.max(0f, s) : s;
            }
        }
    }

    @Override
    public void reluBackward(float[] gradOut, int goOff, float[] act, int aOff, float[] gradIn, int giOff, int n) {
        VectorSpecies<Float> sp = SPECIES;
        int ib = sp.loopBound(n);
        FloatVector zero = FloatVector.zero(sp);
        int i = 0;
        for (; i < ib; i += VL) {
            VectorMask<Float> on = FloatVector.fromArray(sp, act, aOff + i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(sp, gradOut, goOff + i), on).intoArray(gradIn, giOff + i);
        }
        for (; i < n; i++) gradIn[giOff + i] = act[aOff + i] > 0f ? gradOut[goOff + i] : 0f;
    }

    @Override
    public void columnSums(float[] x, int xOff, float[] out, int oOff, int rows, int cols) {
        VectorSpecies<Float> sp = SPECIES;
        int jb = sp.loopBound(cols);
        int j = 0;
        for (; j < jb; j += VL) { // same order as the oracle: 0 + x[0,j] + x[1,j] + ...
            FloatVector s = FloatVector.zero(sp);
            for (int i = 0, xi = xOff + j; i < rows; i++, xi += cols) s = s.add(FloatVector.fromArray(sp, x, xi));
            s.intoArray(out, oOff + j);
        }
        for (; j < cols; j++) {
            float s = 0f;
            for (int i = 0; i < rows; i++) s += x[xOff + i * cols + j];
            out[oOff + j] = s;
        }
    }

    @Override
    public void tdTarget(float[] r, int rOff, float[] d, int dOff, float[] v, int vOff, float[] o, int oOff, int n) {
        VectorSpecies<Float> sp = SPECIES;
        int ib = sp.loopBound(n);
        int i = 0;
        for (; i < ib; i += VL) {
            FloatVector.fromArray(sp, d, dOff + i)
                    .fma(FloatVector.fromArray(sp, v, vOff + i), FloatVector.fromArray(sp, r, rOff + i))
                    .intoArray(o, oOff + i);
        }
        for (; i < n; i++) o[oOff + i] = Math.fma(d[dOff + i], v[vOff + i], r[rOff + i]);
    }

    @Override
    public void duelingForward(float[] head, int hOff, float[] q, int qOff, int rows, int numActions) {
        VectorSpecies<Float> sp = SPECIES;
        int jb = sp.loopBound(numActions);
        for (int i = 0; i < rows; i++) {
            int h = hOff + i * (numActions + 1) + 1, qr = qOff + i * numActions;
            float value = head[h - 1];
            float sum = 0f;
            for (int j = 0; j < numActions; j++) sum += head[h + j];
            float mean = sum / numActions;
            int j = 0;
            for (; j < jb; j += VL) {
                FloatVector.fromArray(sp, head, h + j).add(value).sub(mean).intoArray(q, qr + j);
            }
            for (; j < numActions; j++) q[qr + j] = value + head[h + j] - mean;
        }
    }

    @Override
    public void duelingBackward(float[] gradQ, int gOff, float[] gradHead, int hOff, int rows, int numActions) {
        VectorSpecies<Float> sp = SPECIES;
        int jb = sp.loopBound(numActions);
        for (int i = 0; i < rows; i++) {
            int g = gOff + i * numActions, h = hOff + i * (numActions + 1);
            float sum = 0f;
            for (int j = 0; j < numActions; j++) sum += gradQ[g + j];
            float mean = sum / numActions;
            gradHead[h] = sum;
            int j = 0;
            for (; j < jb; j += VL) FloatVector.fromArray(sp, gradQ, g + j).sub(mean).intoArray(gradHead, h + 1 + j);
            for (; j < numActions; j++) gradHead[h + 1 + j] = gradQ[g + j] - mean;
        }
    }

    @Override
    public void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n,
                  float beta1, float beta2, float eps, float stepSize, float bc2Sqrt) {
        VectorSpecies<Float> sp = SPECIES;
        float omb1 = 1f - beta1, omb2 = 1f - beta2;
        FloatVector b1 = FloatVector.broadcast(sp, beta1), b2 = FloatVector.broadcast(sp, beta2);
        int ib = sp.loopBound(n);
        int i = 0;
        for (; i < ib; i += VL) {
            FloatVector gv = FloatVector.fromArray(sp, g, gOff + i);
            FloatVector mv = FloatVector.fromArray(sp, m, mOff + i).fma(b1, gv.mul(omb1));
            FloatVector vv = FloatVector.fromArray(sp, v, vOff + i).fma(b2, gv.mul(omb2).mul(gv));
            mv.intoArray(m, mOff + i);
            vv.intoArray(v, vOff + i);
            FloatVector denom = vv.sqrt().div(bc2Sqrt).add(eps);
            FloatVector.fromArray(sp, p, pOff + i).sub(mv.mul(stepSize).div(denom)).intoArray(p, pOff + i);
        }
        for (; i < n; i++) {
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
    public double sumOfSquares(float[] g, int gOff, int n) {
        if (VL < GemmPath.ORDER_LANES) return splitSumOfSquares(g, gOff, n);
        VectorSpecies<Float> sp = SPECIES;
        VectorSpecies<Double> dp = DOUBLES;
        DoubleVector acc0 = DoubleVector.zero(dp), acc1 = acc0;
        int ib = sp.loopBound(n);
        int i = 0;
        for (; i < ib; i += VL) {
            FloatVector x = FloatVector.fromArray(sp, g, gOff + i);
            DoubleVector lo = (DoubleVector) x.convertShape(VectorOperators.F2D, dp, 0);
            DoubleVector hi = (DoubleVector) x.convertShape(VectorOperators.F2D, dp, 1);
            acc0 = lo.fma(lo, acc0); // float squares are exact in double
            acc1 = hi.fma(hi, acc1);
        }
        // Fixed lane order: reduceLanes(ADD)'s order is unspecified and differs between the Java fallback and
        // the C2 intrinsic, which made results depend on JIT timing (same seed, different learning curves).
        DoubleVector sum = acc0.add(acc1);
        double s = 0;
        for (int l = 0; l < sum.length(); l++) s += sum.lane(l);
        for (; i < n; i++) {
            double x = g[gOff + i];
            s += x * x;
        }
        return s;
    }

    /**
     * {@link #sumOfSquares} on vectors shorter than {@link GemmPath#ORDER_LANES}: the same ORDER_LANES double
     * partial sums (partial sum l takes the elements at l modulo ORDER_LANES), added in the same order as the
     * full-width loop, so the norm does not depend on the machine's vector length.
     */
    private double splitSumOfSquares(float[] g, int gOff, int n) {
        VectorSpecies<Float> sp = SPECIES;
        VectorSpecies<Double> dp = DOUBLES;
        int lanes = GemmPath.ORDER_LANES, half = VL / 2;
        double[] acc = new double[lanes];
        int ib = n - n % lanes;
        int i = 0;
        for (; i < ib; i += lanes) {
            for (int q = 0; q < lanes; q += VL) {
                FloatVector x = FloatVector.fromArray(sp, g, gOff + i + q);
                DoubleVector lo = (DoubleVector) x.convertShape(VectorOperators.F2D, dp, 0);
                DoubleVector hi = (DoubleVector) x.convertShape(VectorOperators.F2D, dp, 1);
                lo.fma(lo, DoubleVector.fromArray(dp, acc, q)).intoArray(acc, q);
                hi.fma(hi, DoubleVector.fromArray(dp, acc, q + half)).intoArray(acc, q + half);
            }
        }
        // the full-width loop's two accumulators hold partial sums 0..7 and 8..15; it adds them lane by lane
        double s = 0;
        for (int l = 0; l < lanes / 2; l++) s += acc[l] + acc[l + lanes / 2];
        for (; i < n; i++) {
            double x = g[gOff + i];
            s += x * x;
        }
        return s;
    }

    @Override
    public void scale(float[] g, int gOff, int n, float s) {
        VectorSpecies<Float> sp = SPECIES;
        int ib = sp.loopBound(n);
        int i = 0;
        for (; i < ib; i += VL) FloatVector.fromArray(sp, g, gOff + i).mul(s).intoArray(g, gOff + i);
        for (; i < n; i++) g[gOff + i] *= s;
    }

    @Override
    public void polyak(float[] online, int oOff, float[] target, int tOff, int n, float tau) {
        VectorSpecies<Float> sp = SPECIES;
        float omt = 1f - tau;
        FloatVector tv = FloatVector.broadcast(sp, tau);
        int ib = sp.loopBound(n);
        int i = 0;
        for (; i < ib; i += VL) {
            FloatVector t = FloatVector.fromArray(sp, target, tOff + i).mul(omt);
            FloatVector.fromArray(sp, online, oOff + i).fma(tv, t).intoArray(target, tOff + i);
        }
        for (; i < n; i++) target[tOff + i] = Math.fma(tau, online[oOff + i], omt * target[tOff + i]);
    }
}
