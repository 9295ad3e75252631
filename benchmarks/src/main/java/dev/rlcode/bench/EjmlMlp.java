package dev.rlcode.bench;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * The forward and backward pass of {@link dev.rlcode.core.nn.Mlp} written with EJML's single-threaded dense
 * products, the comparison a Java user without rlcode would make: {@code CommonOps_FDRM.mult} for x·W,
 * {@code multTransA} for dW = xᵀ·g, {@code multTransB} for dx = g·Wᵀ, and plain loops for bias, ReLU and the
 * bias gradient (EJML has no fused ones).
 *
 * <p>Same parameter layout as {@code Mlp} (per layer W as in×out, then b), so it can be loaded from an
 * {@code Mlp}'s parameters and checked against it. Fixed batch size; not thread-safe.
 */
final class EjmlMlp {

    private final int[] sizes;
    private final int batch;
    private final FMatrixRMaj[] w, gradW;
    private final float[][] b, gradB;
    private final FMatrixRMaj[] acts;     // acts[l+1] = output of layer l (after bias and activation)
    private final FMatrixRMaj[] gradActs; // dL/d acts[l]
    private FMatrixRMaj input;

    /**
     * @param sizes  layer widths, e.g. {4, 64, 64, 2}; ReLU after every layer but the last
     * @param params flat parameters in {@code Mlp}'s layout (copied)
     * @param batch  rows of every forward pass
     */
    EjmlMlp(int[] sizes, float[] params, int batch) {
        this.sizes = sizes.clone();
        this.batch = batch;
        int layers = sizes.length - 1;
        w = new FMatrixRMaj[layers];
        gradW = new FMatrixRMaj[layers];
        b = new float[layers][];
        gradB = new float[layers][];
        acts = new FMatrixRMaj[layers + 1];
        gradActs = new FMatrixRMaj[layers + 1];
        int off = 0;
        for (int l = 0; l < layers; l++) {
            int in = sizes[l], out = sizes[l + 1];
            w[l] = new FMatrixRMaj(in, out);
            System.arraycopy(params, off, w[l].data, 0, in * out);
            off += in * out;
            b[l] = new float[out];
            System.arraycopy(params, off, b[l], 0, out);
            off += out;
            gradW[l] = new FMatrixRMaj(in, out);
            gradB[l] = new float[out];
            acts[l + 1] = new FMatrixRMaj(batch, out);
            gradActs[l + 1] = new FMatrixRMaj(batch, out);
        }
        gradActs[0] = new FMatrixRMaj(batch, sizes[0]);
        if (off != params.length) {
            throw new IllegalArgumentException("params: expected " + off + " floats, actual " + params.length);
        }
    }

    /** {@return the output, batch×sizes[L], owned by this object} @param x batch×sizes[0], kept until backward */
    FMatrixRMaj forward(FMatrixRMaj x) {
        input = x;
        FMatrixRMaj in = x;
        for (int l = 0; l < w.length; l++) {
            FMatrixRMaj y = acts[l + 1];
            CommonOps_FDRM.mult(in, w[l], y);
            boolean relu = l + 1 < w.length;
            float[] d = y.data, bias = b[l];
            int cols = bias.length;
            for (int i = 0; i < batch; i++) {
                for (int j = 0; j < cols; j++) {
                    float s = d[i * cols + j] + bias[j];
                    d[i * cols + j] = relu ? Math.max(0f, s) : s;
                }
            }
            in = y;
        }
        return acts[w.length];
    }

    /** Backward pass of the last forward; fills the weight and bias gradients. @param gradOut batch×sizes[L] */
    void backward(FMatrixRMaj gradOut) {
        int last = w.length;
        System.arraycopy(gradOut.data, 0, gradActs[last].data, 0, batch * sizes[last]);
        for (int l = last - 1; l >= 0; l--) {
            FMatrixRMaj g = gradActs[l + 1];
            int cols = sizes[l + 1];
            if (l + 1 < last) { // ReLU: pass the gradient where the activation was positive
                float[] gd = g.data, ad = acts[l + 1].data;
                for (int i = 0; i < batch * cols; i++) if (!(ad[i] > 0f)) gd[i] = 0f;
            }
            FMatrixRMaj x = l == 0 ? input : acts[l];
            CommonOps_FDRM.multTransA(x, g, gradW[l]);
            float[] db = gradB[l];
            java.util.Arrays.fill(db, 0f);
            for (int i = 0; i < batch; i++) for (int j = 0; j < cols; j++) db[j] += g.data[i * cols + j];
            if (l > 0) CommonOps_FDRM.multTransB(g, w[l], gradActs[l]);
        }
    }

    /** {@return the gradients of the last backward in {@code Mlp}'s flat layout (a new array)} */
    float[] flatGrads() {
        int total = 0;
        for (int l = 0; l < w.length; l++) total += gradW[l].data.length + gradB[l].length;
        float[] out = new float[total];
        int off = 0;
        for (int l = 0; l < w.length; l++) {
            int nw = sizes[l] * sizes[l + 1];
            System.arraycopy(gradW[l].data, 0, out, off, nw);
            off += nw;
            System.arraycopy(gradB[l], 0, out, off, gradB[l].length);
            off += gradB[l].length;
        }
        return out;
    }

    /** {@return the weight gradient of layer {@code l}, in×out, owned by this object} */
    FMatrixRMaj gradWeight(int l) {
        return gradW[l];
    }
}
