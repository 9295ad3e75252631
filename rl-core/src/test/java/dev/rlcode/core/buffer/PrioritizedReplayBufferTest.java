package dev.rlcode.core.buffer;

import static dev.rlcode.core.buffer.ReplayBufferTest.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.rng.Rng;
import java.util.Arrays;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class PrioritizedReplayBufferTest {

    private static final double EPS = PrioritizedReplayBuffer.DEFAULT_EPSILON;

    private static PrioritizedReplayBuffer filled(int capacity, double alpha, double beta0, long annealSteps) {
        var rb = new PrioritizedReplayBuffer(ReplaySpec.of(capacity, OBS_DIM, NUM_ACTIONS, 0.99), alpha, beta0,
                annealSteps);
        for (int id = 0; id < capacity; id++) addId(rb, id);
        return rb;
    }

    /** Samples {@code batches × batchSize} rows and counts them per slot, checking each row's contents. */
    private static long[] counts(Replay rb, int batchSize, int batches, Rng rng) {
        long[] counts = new long[rb.size()];
        Batch b = Batch.allocate(batchSize, rb.spec());
        for (int k = 0; k < batches; k++) {
            rb.sample(batchSize, rng, b);
            int[] ids = idsOf(b, 0.99f);
            for (int r = 0; r < batchSize; r++) {
                assertEquals(ids[r], b.indices()[r]);
                counts[b.indices()[r]]++;
            }
        }
        return counts;
    }

    private static double[] expected(double[] priorities, double alpha, long draws) {
        double z = 0;
        for (double p : priorities) z += Math.pow(p, alpha);
        double[] e = new double[priorities.length];
        for (int i = 0; i < e.length; i++) e[i] = draws * Math.pow(priorities[i], alpha) / z;
        return e;
    }

    @Test
    void samplingFrequenciesMatchPriorities() {
        int n = 16, batchSize = 32, batches = 2000;
        double alpha = 0.6;
        PrioritizedReplayBuffer rb = filled(n, alpha, 0.4, 1000);
        int[] slots = new int[n];
        float[] td = new float[n];
        double[] priorities = new double[n];
        for (int i = 0; i < n; i++) {
            slots[i] = i;
            td[i] = (i % 2 == 0 ? 1 : -1) * (i + 1) * 0.5f;  // signs must not matter: p = |δ| + ε
            priorities[i] = (i + 1) * 0.5 + EPS;
        }
        rb.updatePriorities(slots, td);
        long[] observed = counts(rb, batchSize, batches, Rng.of(2016, Rng.Stream.REPLAY));
        ChiSquareTest chi = new ChiSquareTest();
        double p = chi.chiSquareTest(expected(priorities, alpha, (long) batchSize * batches), observed);
        assertTrue(p > 0.001, "P(i) ∝ p_i^α goodness of fit: p = " + p + ", counts " + Arrays.toString(observed));
        // The same counts are far from uniform, so the test above has the power to see a wrong distribution.
        double[] uniform = new double[n];
        Arrays.fill(uniform, (double) batchSize * batches / n);
        assertTrue(chi.chiSquareTest(uniform, observed) < 1e-9, "counts must not look uniform");
        for (int i = 0; i < n; i++) {
            assertEquals(Math.pow(priorities[i], alpha) / Arrays.stream(priorities).map(q -> Math.pow(q, alpha)).sum(),
                    rb.probability(i), 1e-12);
        }
    }

    @Test
    void priorityUpdateChangesFrequencies() {
        int n = 8, batchSize = 16, batches = 1000;
        PrioritizedReplayBuffer rb = filled(n, 1.0, 0.4, 1000);
        ChiSquareTest chi = new ChiSquareTest();
        double[] equal = new double[n];
        Arrays.fill(equal, 1);
        long[] before = counts(rb, batchSize, batches, Rng.of(1));
        assertTrue(chi.chiSquareTest(expected(equal, 1, (long) batchSize * batches), before) > 0.001,
                "new transitions all have the max priority 1: " + Arrays.toString(before));

        rb.updatePriorities(new int[] {5}, new float[] {(float) (7 - EPS)}); // p_5 = 7, the others stay at 1
        double[] skewed = equal.clone();
        skewed[5] = 7;
        long[] after = counts(rb, batchSize, batches, Rng.of(2));
        assertTrue(chi.chiSquareTest(expected(skewed, 1, (long) batchSize * batches), after) > 0.001,
                "after the update: " + Arrays.toString(after));
        assertEquals(0.5, (double) after[5] / (batchSize * batches), 0.03, "P(5) = 7 / 14");
    }

    @Test
    void equalPrioritiesGiveOneDrawPerStratum() {
        PrioritizedReplayBuffer rb = filled(8, 0.6, 0.4, 100);
        Batch b = Batch.allocate(8, rb.spec());
        Rng rng = Rng.of(4);
        for (int k = 0; k < 20; k++) {
            rb.sample(8, rng, b);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, b.indices(), "segment i of the mass is slot i");
        }
    }

    @Test
    void importanceWeightsByHand() {
        // α = 1, tdErrors 1, 4, 2, 1 → p ≈ 1, 4, 2, 1, Σp = 8, N = 4, so N·P(i) = p_i / 2 = 0.5, 2, 1, 0.5.
        PrioritizedReplayBuffer rb = filled(4, 1.0, 0.5, 100);
        rb.updatePriorities(new int[] {0, 1, 2, 3}, new float[] {1, -4, 2, 1});
        // β = 0.5: (N·P)^−β = √2, 1/√2, 1, √2; max √2 → w = 1, 1/2, 1/√2, 1.
        assertWeights(rb, 0.5, new double[] {1, 0.5, Math.sqrt(0.5), 1});
        rb.setStep(50); // β = 0.75: w = (p_min / p_i)^0.75
        assertWeights(rb, 0.75, new double[] {1, 0.3535533905932738, 0.5946035575013605, 1});
        rb.setStep(100); // β = 1: w = p_min / p_i
        assertWeights(rb, 1.0, new double[] {1, 0.25, 0.5, 1});
        rb.setStep(10_000);
        assertEquals(1.0, rb.beta());
    }

    private static void assertWeights(PrioritizedReplayBuffer rb, double beta, double[] bySlot) {
        assertEquals(beta, rb.beta(), 1e-12);
        Batch b = Batch.allocate(64, rb.spec());
        rb.sample(64, Rng.of(8), b);
        boolean[] seen = new boolean[4];
        for (int r = 0; r < 64; r++) {
            int i = b.indices()[r];
            seen[i] = true;
            assertEquals(bySlot[i], b.weights()[r], 1e-5, "weight of slot " + i + " at beta " + beta);
        }
        assertArrayEquals(new boolean[] {true, true, true, true}, seen);
    }

    @Test
    void newAndOverwrittenTransitionsGetTheMaxPriority() {
        var rb = new PrioritizedReplayBuffer(ReplaySpec.of(2, OBS_DIM, NUM_ACTIONS, 0.99), 1.0, 0.4, 10);
        addId(rb, 0);
        addId(rb, 1);
        assertEquals(0.5, rb.probability(0), 1e-12);
        rb.updatePriorities(new int[] {0, 1}, new float[] {0, 3});
        assertEquals(3 + EPS, rb.maxPriority(), 1e-12);
        assertEquals(EPS / (3 + 2 * EPS), rb.probability(0), 1e-12);
        addId(rb, 2); // overwrites slot 0, whose low priority must not be inherited
        assertEquals(0.5, rb.probability(0), 1e-12);
    }

    @Test
    void invalidUpdatesAndSettingsAreRejected() {
        PrioritizedReplayBuffer rb = filled(4, 0.6, 0.4, 10);
        assertThrows(IllegalArgumentException.class, () -> rb.updatePriorities(new int[] {0}, new float[] {Float.NaN}));
        assertThrows(IllegalArgumentException.class, () -> rb.updatePriorities(new int[] {4}, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> rb.updatePriorities(new int[] {0, 1}, new float[] {1}));
        assertEquals(1.0, rb.maxPriority(), "rejected updates change nothing");
        assertThrows(IllegalArgumentException.class, () -> rb.setStep(-1));
        ReplaySpec spec = rb.spec();
        assertThrows(IllegalArgumentException.class, () -> new PrioritizedReplayBuffer(spec, -1, 0.4, 10));
        assertThrows(IllegalArgumentException.class, () -> new PrioritizedReplayBuffer(spec, 0.6, 1.5, 10));
        assertThrows(IllegalArgumentException.class, () -> new PrioritizedReplayBuffer(spec, 0.6, 0.4, 10, 0));
    }
}
