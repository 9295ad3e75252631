package dev.rlcode.core.buffer;

import java.util.Arrays;

/**
 * A reusable minibatch of transitions in flat row-major arrays, filled in place by {@link Replay#sample}; SB3's
 * {@code ReplayBufferSamples} without per-sample objects.
 *
 * <p>Row {@code i} is one transition: {@code obs[i*obsDim ..]}, {@code actions[i]}, the (n-step) return
 * {@code rewards[i]}, the state bootstrapped from {@code nextObs[i*obsDim ..]} and the multiplier of its value
 * {@code discounts[i] = γ^k·(1 − terminated)}, so the TD target is simply
 * {@code rewards[i] + discounts[i] · max_{a' : nextMasks[i*numActions + a'] = 1} Q_target(nextObs_i, a')}.
 * {@code weights[i]} is the importance-sampling weight to multiply the loss by (1 for uniform replay) and
 * {@code indices[i]} the buffer slot, to hand back with {@link Replay#updatePriorities}.
 *
 * <p>The arrays are owned by the batch and overwritten by every {@code sample}; equality is reference equality of
 * the arrays, as for any record holding arrays.
 *
 * {@snippet :
 * Batch batch = Batch.allocate(128, buffer.spec());
 * buffer.sample(128, replayRng, batch);   // every training step, no allocation
 * }
 *
 * @param batchSize  rows, {@code >= 1}
 * @param obsDim     floats per observation
 * @param numActions width of a mask row
 * @param obs        {@code [batchSize * obsDim]} observations s_t
 * @param actions    {@code [batchSize]} actions a_t
 * @param rewards    {@code [batchSize]} returns {@code Σ_{j<k} γ^j r_{t+j}}
 * @param nextObs    {@code [batchSize * obsDim]} states s_{t+k} bootstrapped from
 * @param discounts  {@code [batchSize]} {@code γ^k·(1 − terminated)}; 0 when the episode terminated in the window
 * @param nextMasks  {@code [batchSize * numActions]} legal actions of s_{t+k}: 1 legal, 0 masked (all 1 when the
 *                   buffer has no masks, or the transition terminated)
 * @param weights    {@code [batchSize]} importance-sampling weights in {@code (0, 1]}
 * @param indices    {@code [batchSize]} buffer slots the rows came from
 */
public record Batch(int batchSize, int obsDim, int numActions, float[] obs, int[] actions, float[] rewards,
                    float[] nextObs, float[] discounts, int[] nextMasks, float[] weights, int[] indices) {

    public Batch {
        if (batchSize < 1 || obsDim < 1 || numActions < 1) {
            throw new IllegalArgumentException("batch shape: expected batchSize, obsDim, numActions >= 1, actual "
                    + batchSize + ", " + obsDim + ", " + numActions);
        }
        check("obs", obs.length, batchSize * obsDim);
        check("actions", actions.length, batchSize);
        check("rewards", rewards.length, batchSize);
        check("nextObs", nextObs.length, batchSize * obsDim);
        check("discounts", discounts.length, batchSize);
        check("nextMasks", nextMasks.length, batchSize * numActions);
        check("weights", weights.length, batchSize);
        check("indices", indices.length, batchSize);
    }

    private static void check(String name, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("batch " + name + " length: expected " + expected + ", actual " + actual);
        }
    }

    /**
     * {@return a zeroed batch of the given shape (weights 1, masks all legal)}
     *
     * @param batchSize  rows
     * @param obsDim     floats per observation
     * @param numActions width of a mask row
     * @throws IllegalArgumentException if a size is {@code < 1}
     */
    public static Batch allocate(int batchSize, int obsDim, int numActions) {
        if (batchSize < 1 || obsDim < 1 || numActions < 1) {
            throw new IllegalArgumentException("batch shape: expected batchSize, obsDim, numActions >= 1, actual "
                    + batchSize + ", " + obsDim + ", " + numActions);
        }
        float[] weights = new float[batchSize];
        Arrays.fill(weights, 1f);
        int[] masks = new int[batchSize * numActions];
        Arrays.fill(masks, 1);
        return new Batch(batchSize, obsDim, numActions, new float[batchSize * obsDim], new int[batchSize],
                new float[batchSize], new float[batchSize * obsDim], new float[batchSize], masks, weights,
                new int[batchSize]);
    }

    /**
     * {@return a batch shaped for {@code spec}'s transitions}
     *
     * @param batchSize rows
     * @param spec      the buffer's spec, giving obsDim and numActions
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public static Batch allocate(int batchSize, ReplaySpec spec) {
        return allocate(batchSize, spec.obsDim(), spec.numActions());
    }

    /** Throws unless this batch holds {@code batchSize} rows of {@code spec}'s shape. */
    void checkFits(int batchSize, ReplaySpec spec) {
        if (batchSize != this.batchSize || spec.obsDim() != obsDim || spec.numActions() != numActions) {
            throw new IllegalArgumentException("batch shape (batchSize, obsDim, numActions): expected (" + batchSize
                    + ", " + spec.obsDim() + ", " + spec.numActions() + "), actual (" + this.batchSize + ", "
                    + obsDim + ", " + numActions + ")");
        }
    }
}
