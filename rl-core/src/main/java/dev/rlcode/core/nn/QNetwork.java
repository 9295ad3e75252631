package dev.rlcode.core.nn;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.Buffer;
import java.util.random.RandomGenerator;

/**
 * An action-value network Q(s, ·): an {@link Mlp} torso with either a plain linear head or a dueling head.
 *
 * <p>Dueling (Wang et al. 2016, "Dueling Network Architectures for Deep Reinforcement Learning",
 * https://arxiv.org/abs/1511.06581): the last layer outputs {@code [V, A_0..A_{n-1}]} and
 * {@code Q = V + A − mean(A)}. Action masks are applied after this combination, by the argmax/max kernels, never
 * to A before the mean (masking A first would shift Q by a mask-dependent amount).
 *
 * <p>Implementation note: both streams share the torso and split only at the output layer (as in many compact
 * DQN implementations); the torso's width is the stream width.
 */
public final class QNetwork {

    private final Mlp mlp;
    private final boolean dueling;
    private final int numActions;
    private final Buffer q, gradHead;

    /**
     * @param obsDim     input width
     * @param hidden     hidden layer widths (may be empty for a linear Q-function)
     * @param numActions number of discrete actions
     * @param dueling    whether to use the dueling head
     * @param maxBatch   the largest batch forward will see
     */
    public QNetwork(Backend backend, int obsDim, int[] hidden, int numActions, boolean dueling, int maxBatch,
                    RandomGenerator rng) {
        if (numActions < 1) throw new IllegalArgumentException("numActions: expected >= 1, actual " + numActions);
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = obsDim;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = dueling ? numActions + 1 : numActions;
        this.mlp = new Mlp(backend, sizes, maxBatch, rng);
        this.dueling = dueling;
        this.numActions = numActions;
        this.q = dueling ? backend.allocF32(maxBatch * numActions) : null;
        this.gradHead = dueling ? backend.allocF32(maxBatch * (numActions + 1)) : null;
    }

    /**
     * {@return Q-values, batch×numActions, owned by this network and overwritten by the next forward}
     *
     * @param obs batch×obsDim, not modified
     */
    public Buffer forward(Buffer obs, int batch) {
        Buffer out = mlp.forward(obs, batch);
        if (!dueling) return out;
        mlp.backend().kernels().duelingForward(out, q, batch, numActions);
        return q;
    }

    /** Backpropagates dL/dQ (batch×numActions, not modified) of the last forward into {@link #grads()}. */
    public void backward(Buffer gradQ, int batch) {
        if (!dueling) {
            mlp.backward(gradQ, batch);
            return;
        }
        mlp.backend().kernels().duelingBackward(gradQ, gradHead, batch, numActions);
        mlp.backward(gradHead, batch);
    }

    /** {@return all parameters, flat} */
    public Buffer params() {
        return mlp.params();
    }

    /** {@return gradients of the last backward, flat} */
    public Buffer grads() {
        return mlp.grads();
    }

    /** {@return the number of parameters} */
    public int numParams() {
        return mlp.numParams();
    }

    /** {@return the number of actions} */
    public int numActions() {
        return numActions;
    }

    /** {@return whether this network has a dueling head} */
    public boolean dueling() {
        return dueling;
    }

    /** {@return the underlying MLP} */
    public Mlp mlp() {
        return mlp;
    }
}
