package dev.rlcode.core.nn;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.Buffer;
import dev.rlcode.core.kernel.Kernels;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A multilayer perceptron {@code sizes[0] → sizes[1] → … → sizes[L]} with ReLU between layers and a linear
 * output, whose parameters live in one flat device buffer (and gradients in another).
 *
 * <p>Activations are cached per forward pass for the following {@link #backward}; a batch of up to
 * {@code maxBatch} rows is accepted. The flat layout (layer by layer: W as in×out, then b) lets Adam, gradient
 * clipping and target-network updates run as one kernel over the whole network.
 *
 * {@snippet :
 * Mlp net = new Mlp(backend, new int[] {4, 64, 64, 2}, 256, rng);
 * Buffer y = net.forward(x, 64);      // 64×2
 * net.backward(dLdy, 64);             // fills net.grads()
 * }
 */
public final class Mlp {

    private final Backend backend;
    private final int[] sizes;
    private final int maxBatch;
    private final Linear[] layers;
    private final Buffer params, grads;
    private final Buffer[] acts;      // acts[0] = input copy target is the caller's x; acts[l+1] = output of layer l
    private final Buffer[] gradActs;  // gradient w.r.t. acts[l+1]
    private Buffer lastInput;

    /** {@return the weights and biases of an MLP with these layer widths, counted without overflow} */
    public static long parameterCount(int[] sizes) {
        long total = 0;
        for (int l = 0; l + 1 < sizes.length; l++) total += (long) sizes[l] * sizes[l + 1] + sizes[l + 1];
        return total;
    }

    /**
     * @param sizes    layer widths, at least two entries, each at least 1 (copied)
     * @param maxBatch the largest batch {@link #forward} will be given
     * @param rng      source for the initial weights (PyTorch's default init)
     * @throws IllegalArgumentException on fewer than two sizes, a non-positive size or maxBatch, or more parameters
     *                                  than one array holds
     */
    public Mlp(Backend backend, int[] sizes, int maxBatch, RandomGenerator rng) {
        if (sizes.length < 2) throw new IllegalArgumentException("Mlp sizes: expected at least 2, actual " + sizes.length);
        for (int s : sizes) {
            if (s < 1) throw new IllegalArgumentException("Mlp sizes: expected all >= 1, actual " + Arrays.toString(sizes));
        }
        if (maxBatch < 1) throw new IllegalArgumentException("Mlp maxBatch: expected >= 1, actual " + maxBatch);
        this.backend = backend;
        this.sizes = sizes.clone();
        this.maxBatch = maxBatch;
        long count = parameterCount(sizes);
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Mlp sizes " + Arrays.toString(sizes) + ": " + count
                    + " parameters, expected at most " + (Integer.MAX_VALUE - 8) + " (one array)");
        }
        int total = (int) count;
        this.params = backend.allocF32(total);
        this.grads = backend.allocF32(total);
        this.layers = new Linear[sizes.length - 1];
        this.acts = new Buffer[sizes.length];
        this.gradActs = new Buffer[sizes.length];
        int off = 0;
        for (int l = 0; l < layers.length; l++) {
            int n = Linear.numParams(sizes[l], sizes[l + 1]);
            boolean relu = l + 1 < layers.length;
            layers[l] = new Linear(sizes[l], sizes[l + 1], relu, params.slice(off, n), grads.slice(off, n));
            layers[l].init(backend, rng);
            off += n;
            acts[l + 1] = backend.allocF32(maxBatch * sizes[l + 1]);
            gradActs[l + 1] = backend.allocF32(maxBatch * sizes[l + 1]);
        }
        gradActs[0] = null;
    }

    /**
     * Forward pass; caches activations for {@link #backward}.
     *
     * @param x batch×sizes[0], not modified (kept by reference until the next forward)
     * @return batch×sizes[L], owned by this network and overwritten by the next forward
     * @throws IllegalArgumentException if batch is not in [1, maxBatch]
     */
    public Buffer forward(Buffer x, int batch) {
        checkBatch(batch);
        Kernels k = backend.kernels();
        lastInput = x;
        Buffer in = x;
        for (int l = 0; l < layers.length; l++) {
            layers[l].forward(k, in, acts[l + 1], batch);
            in = acts[l + 1];
        }
        return acts[layers.length];
    }

    /**
     * Backward pass of the last {@link #forward}: overwrites {@link #grads()} with dL/dθ.
     *
     * @param gradOut batch×sizes[L], dL/d(output); not modified
     * @param batch   the batch of the last forward
     */
    public void backward(Buffer gradOut, int batch) {
        checkBatch(batch);
        if (lastInput == null) throw new IllegalStateException("backward before forward");
        Kernels k = backend.kernels();
        int last = layers.length;
        backend.copy(gradOut, 0, gradActs[last], 0, batch * sizes[last]);
        for (int l = last - 1; l >= 0; l--) {
            Buffer x = l == 0 ? lastInput : acts[l];
            layers[l].backward(k, x, acts[l + 1], gradActs[l + 1], gradActs[l], batch);
        }
    }

    private void checkBatch(int batch) {
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException("batch: expected 1.." + maxBatch + ", actual " + batch);
        }
    }

    /** {@return all parameters, flat} */
    public Buffer params() {
        return params;
    }

    /** {@return the gradients of the last backward, flat, same layout as params} */
    public Buffer grads() {
        return grads;
    }

    /** {@return the number of parameters} */
    public int numParams() {
        return params.length();
    }

    /** {@return the layer widths (copy)} */
    public int[] sizes() {
        return sizes.clone();
    }

    /** {@return the largest accepted batch} */
    public int maxBatch() {
        return maxBatch;
    }

    /** {@return the backend the network lives on} */
    public Backend backend() {
        return backend;
    }
}
