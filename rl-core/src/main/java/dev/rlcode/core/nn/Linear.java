package dev.rlcode.core.nn;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.Buffer;
import dev.rlcode.core.kernel.Kernels;
import java.util.random.RandomGenerator;

/**
 * A fully connected layer {@code y = act(x·W + b)} with an optional ReLU, on a {@link Backend}.
 *
 * <p>Shapes (row-major): x is batch×in, W is in×out (the transpose of PyTorch's layout, so the forward pass is a
 * plain gemm), b is out, y is batch×out. Parameters and gradients are slices of flat buffers owned by the
 * enclosing {@link Mlp}, so optimisers and target updates treat a whole network as one array.
 */
public final class Linear {

    private final int in, out;
    private final boolean relu;
    private final Buffer weight, bias, gradWeight, gradBias;

    /**
     * @param params a slice of exactly {@link #numParams(int, int)} floats: W then b. Modified by init.
     * @param grads  a slice of the same length for the gradients
     */
    Linear(int in, int out, boolean relu, Buffer params, Buffer grads) {
        if (params.length() != numParams(in, out) || grads.length() != numParams(in, out)) {
            throw new IllegalArgumentException("Linear " + in + "x" + out + " params: expected " + numParams(in, out)
                    + " floats, actual " + params.length() + " / " + grads.length());
        }
        this.in = in;
        this.out = out;
        this.relu = relu;
        this.weight = params.slice(0, in * out);
        this.bias = params.slice(in * out, out);
        this.gradWeight = grads.slice(0, in * out);
        this.gradBias = grads.slice(in * out, out);
    }

    /** {@return the number of parameters of an in×out layer with bias} */
    public static int numParams(int in, int out) {
        return in * out + out;
    }

    /** PyTorch's default init: W and b uniform in ±1/sqrt(in) (kaiming_uniform with a = √5). */
    void init(Backend backend, RandomGenerator rng) {
        float bound = (float) (1.0 / Math.sqrt(in));
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) w[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        float[] b = new float[out];
        for (int i = 0; i < b.length; i++) b[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        backend.upload(w, 0, weight, 0, w.length);
        backend.upload(b, 0, bias, 0, b.length);
    }

    /** y = act(x·W + b). @param x batch×in, not modified; @param y batch×out, modified */
    void forward(Kernels k, Buffer x, Buffer y, int batch) {
        k.gemm(false, false, batch, out, in, 1f, x, weight, 0f, y);
        k.biasActivation(y, bias, y, batch, out, relu);
    }

    /**
     * Backward pass. {@code gradY} is dL/dy on entry; if ReLU, it is turned into dL/d(pre-activation) in place.
     * Writes dW = xᵀ·gradY and db = Σ_rows gradY into the gradient slices (overwriting), and dL/dx into
     * {@code gradX} unless it is null (the first layer needs no input gradient).
     *
     * @param x     batch×in input of the forward pass
     * @param y     batch×out output of the forward pass (for the ReLU mask)
     * @param gradY batch×out, modified when ReLU
     * @param gradX batch×in or null, modified
     */
    void backward(Kernels k, Buffer x, Buffer y, Buffer gradY, Buffer gradX, int batch) {
        if (relu) k.reluBackward(gradY, y, gradY, batch * out);
        k.gemm(true, false, in, out, batch, 1f, x, gradY, 0f, gradWeight);
        k.columnSums(gradY, gradBias, batch, out);
        if (gradX != null) k.gemm(false, true, batch, in, out, 1f, gradY, weight, 0f, gradX);
    }

    /** {@return input width} */
    public int in() {
        return in;
    }

    /** {@return output width} */
    public int out() {
        return out;
    }
}
