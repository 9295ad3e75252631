package dev.rlcode.core.optim;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.Buffer;

/**
 * Adam (Kingma and Ba 2015, https://arxiv.org/abs/1412.6980) over one flat parameter buffer, with PyTorch's
 * defaults β1 = 0.9, β2 = 0.999, ε = 1e-8 and optional global gradient-norm clipping before the step.
 *
 * <p>State: first and second moments (device buffers) and the step count; {@link #state()} and
 * {@link #restore(float[], float[], long)} move it to and from a checkpoint.
 */
public final class Adam {

    private final Backend backend;
    private final int n;
    private final Buffer m, v, norm;
    private final float beta1, beta2, eps;
    private float learningRate;
    private final float maxGradNorm;
    private long step;

    /**
     * @param n            number of parameters
     * @param learningRate step size, > 0
     * @param maxGradNorm  clip the global gradient norm to this before each step; {@code Float.POSITIVE_INFINITY}
     *                     or {@code <= 0} disables clipping
     */
    public Adam(Backend backend, int n, float learningRate, float beta1, float beta2, float eps, float maxGradNorm) {
        if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate: expected > 0, actual " + learningRate);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1: expected in [0, 1), actual " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2: expected in [0, 1), actual " + beta2);
        this.backend = backend;
        this.n = n;
        this.m = backend.allocF32(n);
        this.v = backend.allocF32(n);
        this.norm = backend.allocF32(1);
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.maxGradNorm = maxGradNorm;
    }

    /** Adam with PyTorch's defaults and the given clipping. */
    public Adam(Backend backend, int n, float learningRate, float maxGradNorm) {
        this(backend, n, learningRate, 0.9f, 0.999f, 1e-8f, maxGradNorm);
    }

    /**
     * Clips {@code grads} (if enabled) and applies one update to {@code params}.
     *
     * @param params n floats, modified; @param grads n floats, modified by clipping
     */
    public void step(Buffer params, Buffer grads) {
        if (maxGradNorm > 0 && Float.isFinite(maxGradNorm)) backend.kernels().clipGradNorm(grads, n, maxGradNorm, norm);
        step++;
        backend.kernels().adamStep(params, grads, m, v, n, learningRate, beta1, beta2, eps, step);
    }

    /** {@return the pre-clip gradient norm of the last step, or NaN when clipping is off (costs a download)} */
    public float lastGradNorm() {
        if (!(maxGradNorm > 0 && Float.isFinite(maxGradNorm))) return Float.NaN;
        float[] x = new float[1];
        backend.download(norm, 0, x, 0, 1);
        return x[0];
    }

    /** Sets the learning rate (for schedules). */
    public void setLearningRate(float lr) {
        this.learningRate = lr;
    }

    /** {@return the number of steps taken} */
    public long stepCount() {
        return step;
    }

    /** {@return the optimiser state: first moments, second moments (downloaded copies)} */
    public float[][] state() {
        return new float[][] {backend.toArray(m), backend.toArray(v)};
    }

    /**
     * Restores the state saved by {@link #state()} and {@link #stepCount()}.
     *
     * @throws IllegalArgumentException if the arrays do not have n elements
     */
    public void restore(float[] firstMoments, float[] secondMoments, long steps) {
        if (firstMoments.length != n || secondMoments.length != n) {
            throw new IllegalArgumentException("Adam state: expected " + n + " moments, actual "
                    + firstMoments.length + " / " + secondMoments.length);
        }
        backend.upload(firstMoments, 0, m, 0, n);
        backend.upload(secondMoments, 0, v, 0, n);
        this.step = steps;
    }
}
