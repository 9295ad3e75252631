package dev.rlcode.core.kernel;

/**
 * The fixed, device-neutral kernel set a DQN update needs. Coarse and fused on purpose, so a GPU backend launches
 * few kernels and keeps data resident.
 *
 * <p>Conventions: matrices are row-major and dense (leading dimension = number of columns); all float arithmetic
 * is float32 with explicit fused multiply-add where a dot product or an axpy is formed, so backends agree to
 * rounding; sizes follow inputs and outputs. Buffers are "Not modified." unless marked "Modified.". Output buffers
 * must not alias inputs unless the method says so. A mask is an I32 buffer, nonzero = legal; a {@code null} mask
 * means every action is legal.
 *
 * <p>Implementations: {@code ScalarKernels} (plain loops, the oracle), {@code SimdKernels} (Vector API), and the
 * GPU kernels of {@code rl-gpu}. Every implementation is checked element by element against {@code ScalarKernels}.
 */
public interface Kernels {

    /** {@return a short name, e.g. {@code scalar} or {@code simd-256}} */
    String name();

    /**
     * General matrix multiply: {@code C = alpha·op(A)·op(B) + beta·C}, where op(A) is m×k and op(B) is k×n.
     * With {@code transA} A is stored k×m, else m×k; with {@code transB} B is stored n×k, else k×n.
     * When {@code beta == 0}, C is not read (NaN in C does not propagate), and when {@code alpha == 0}, A and B are
     * not read (C = beta·C; NaN or infinity in A or B does not propagate), as in BLAS.
     *
     * @param a not modified; @param b not modified; @param c m×n, modified
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Buffer a, Buffer b, float beta,
              Buffer c);

    /**
     * Bias add and optional ReLU: {@code out[i,j] = act(x[i,j] + bias[j])}, act = ReLU or identity.
     * {@code out} may be the same buffer as {@code x}.
     *
     * @param x rows×cols, not modified (unless aliased); @param bias cols; @param out rows×cols, modified
     */
    void biasActivation(Buffer x, Buffer bias, Buffer out, int rows, int cols, boolean relu);

    /**
     * ReLU backward: {@code gradIn[i] = activated[i] > 0 ? gradOut[i] : 0}, where {@code activated} is the ReLU
     * output. {@code gradIn} may be the same buffer as {@code gradOut}.
     *
     * @param gradIn n, modified
     */
    void reluBackward(Buffer gradOut, Buffer activated, Buffer gradIn, int n);

    /**
     * Column sums (bias gradient): {@code out[j] = Σ_i x[i,j]}.
     *
     * @param x rows×cols; @param out cols, modified (overwritten)
     */
    void columnSums(Buffer x, Buffer out, int rows, int cols);

    /**
     * TD loss with gather, fused with its gradient. For sample i with action a = actions[i]:
     * δ_i = q[i,a] − targets[i]; {@code tdErrors[i] = δ_i};
     * {@code loss[0] = (1/batch)·Σ_i w_i·ℓ(δ_i)}; {@code gradQ[i,j] = (j == a) ? w_i·ℓ'(δ_i)/batch : 0},
     * with w_i = weights[i], or 1 when {@code weights} is null (importance weights of prioritized replay).
     *
     * @param q        batch×numActions Q-values
     * @param actions  I32, batch, each in [0, numActions)
     * @param targets  batch
     * @param weights  batch or null
     * @param gradQ    batch×numActions, modified
     * @param tdErrors batch, modified
     * @param loss     at least 1 element, element 0 modified
     */
    void tdLoss(Buffer q, Buffer actions, Buffer targets, Buffer weights, Buffer gradQ, Buffer tdErrors,
                Buffer loss, int batch, int numActions, LossKind kind, float huberDelta);

    /**
     * Row-wise argmax over legal entries: {@code out[i] = argmax_{j: mask[i,j] != 0} x[i,j]}; ties go to the lowest
     * index; a row with no legal entry gives −1. NaN compares as smaller than every number.
     *
     * @param mask I32 rows×cols or null; @param out I32 rows, modified
     */
    void maskedArgmax(Buffer x, Buffer mask, Buffer out, int rows, int cols);

    /**
     * Row-wise max over legal entries: {@code out[i] = max_{j: mask[i,j] != 0} x[i,j]}; a row with no legal entry
     * gives 0 (such rows only occur at terminal states, whose bootstrap term is zeroed anyway).
     *
     * @param mask I32 rows×cols or null; @param out rows, modified
     */
    void maskedMax(Buffer x, Buffer mask, Buffer out, int rows, int cols);

    /**
     * Gather one column per row: {@code out[i] = x[i, idx[i]]}, or 0 where {@code idx[i] < 0} (a fully masked row's
     * argmax).
     *
     * @param idx I32 rows; @param out rows, modified
     */
    void gather(Buffer x, Buffer idx, Buffer out, int rows, int cols);

    /**
     * TD target: {@code out[i] = fma(discounts[i], nextValues[i], rewards[i])}, where the caller sets
     * {@code discounts[i] = γ^n·(1 − terminated_i)} (n-step returns put their discounted sum in {@code rewards}).
     * {@code out} may alias {@code nextValues}.
     *
     * @param out n, modified
     */
    void tdTarget(Buffer rewards, Buffer discounts, Buffer nextValues, Buffer out, int n);

    /**
     * Dueling head: each row of {@code head} is {@code [V, A_0, ..., A_{numActions-1}]};
     * {@code q[i,j] = V_i + A_ij − mean_j(A_i)} (Wang et al. 2016, eq. 9). Masking, if any, is applied afterwards
     * by the argmax/max kernels, to the combined Q.
     *
     * @param head rows×(numActions+1); @param q rows×numActions, modified
     */
    void duelingForward(Buffer head, Buffer q, int rows, int numActions);

    /**
     * Backward of {@link #duelingForward}: {@code gradHead[i,0] = Σ_j gradQ[i,j]},
     * {@code gradHead[i,1+j] = gradQ[i,j] − mean_k(gradQ[i,k])}.
     *
     * @param gradHead rows×(numActions+1), modified
     */
    void duelingBackward(Buffer gradQ, Buffer gradHead, int rows, int numActions);

    /**
     * One Adam step (Kingma and Ba 2015; PyTorch's {@code Adam}, no weight decay), element-wise over n:
     * m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; p −= lr·(m/(1−β1^t)) / (sqrt(v/(1−β2^t)) + eps).
     *
     * @param param modified; @param grad not modified; @param m modified; @param v modified
     * @param step  t, the 1-based step count after this update
     */
    void adamStep(Buffer param, Buffer grad, Buffer m, Buffer v, int n, float lr, float beta1, float beta2,
                  float eps, long step);

    /**
     * Global gradient-norm clipping (PyTorch {@code clip_grad_norm_}): norm = sqrt(Σ g²) computed in double;
     * if norm > maxNorm, g *= maxNorm / (norm + 1e-6). Writes the norm before clipping to {@code normOut[0]}.
     * A NaN norm (a NaN in g) makes every element NaN, as in PyTorch, so that a diverged gradient cannot leave the
     * other parameters with an unclipped step; an infinite norm scales the finite elements to 0.
     *
     * @param grad n, modified; @param normOut at least 1 element, element 0 modified
     */
    void clipGradNorm(Buffer grad, int n, float maxNorm, Buffer normOut);

    /**
     * Target network update: {@code target = tau·online + (1−tau)·target}; {@code tau == 1} is an exact copy
     * (hard update), computed as a copy so no rounding enters.
     *
     * @param target n, modified
     */
    void polyakUpdate(Buffer online, Buffer target, int n, float tau);
}
