package dev.rlcode.core.buffer;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.rng.Rng;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {

    static final int OBS_DIM = 3, NUM_ACTIONS = 4;

    /** Observation of transition {@code id}: {@code [10·id, 10·id + 1, 10·id + 2]}, exact in float. */
    static float[] obs(int id) {
        float[] o = new float[OBS_DIM];
        for (int j = 0; j < OBS_DIM; j++) o[j] = 10f * id + j;
        return o;
    }

    /** Adds transition {@code id}: action id % 4, reward id, next observation obs(id + 1), not done. */
    static void addId(Replay rb, int id) {
        rb.add(obs(id), id % NUM_ACTIONS, id, obs(id + 1), false, false, null);
    }

    /** Checks every row of {@code b} is the intact transition with id obs/10, and returns the ids. */
    static int[] idsOf(Batch b, float gamma) {
        int[] ids = new int[b.batchSize()];
        for (int r = 0; r < b.batchSize(); r++) {
            int id = (int) (b.obs()[r * OBS_DIM] / 10);
            ids[r] = id;
            assertArrayEquals(obs(id), Arrays.copyOfRange(b.obs(), r * OBS_DIM, (r + 1) * OBS_DIM));
            assertArrayEquals(obs(id + 1), Arrays.copyOfRange(b.nextObs(), r * OBS_DIM, (r + 1) * OBS_DIM));
            assertEquals(id % NUM_ACTIONS, b.actions()[r]);
            assertEquals(id, b.rewards()[r]);
            assertEquals(gamma, b.discounts()[r]);
            for (int a = 0; a < NUM_ACTIONS; a++) assertEquals(1, b.nextMasks()[r * NUM_ACTIONS + a]);
        }
        return ids;
    }

    @Test
    void samplesEverySlotUniformly() {
        int capacity = 64, batchSize = 64, batches = 1000;
        ReplayBuffer rb = new ReplayBuffer(ReplaySpec.of(capacity, OBS_DIM, NUM_ACTIONS, 0.99));
        for (int id = 0; id < capacity; id++) addId(rb, id);
        Batch b = Batch.allocate(batchSize, rb.spec());
        Rng rng = Rng.of(11, Rng.Stream.REPLAY);
        long[] counts = new long[capacity];
        for (int k = 0; k < batches; k++) {
            rb.sample(batchSize, rng, b);
            int[] ids = idsOf(b, 0.99f);
            for (int r = 0; r < batchSize; r++) {
                assertEquals(ids[r], b.indices()[r], "no wrap yet: transition id == slot");
                assertEquals(1f, b.weights()[r]);
                counts[ids[r]]++;
            }
        }
        double[] expected = new double[capacity];
        Arrays.fill(expected, (double) batchSize * batches / capacity);
        double p = new ChiSquareTest().chiSquareTest(expected, counts);
        assertTrue(p > 0.001, "uniform goodness of fit: p = " + p + ", counts " + Arrays.toString(counts));
    }

    @Test
    void wrapAroundKeepsTheNewestCapacityTransitions() {
        ReplayBuffer rb = new ReplayBuffer(ReplaySpec.of(5, OBS_DIM, NUM_ACTIONS, 0.5));
        for (int id = 0; id < 12; id++) addId(rb, id);
        assertEquals(5, rb.size());
        Batch b = Batch.allocate(50, rb.spec());
        Rng rng = Rng.of(3);
        Set<Integer> seen = new TreeSet<>();
        for (int k = 0; k < 40; k++) {
            rb.sample(50, rng, b);
            int[] ids = idsOf(b, 0.5f);
            for (int r = 0; r < ids.length; r++) {
                seen.add(ids[r]);
                assertEquals(ids[r] % 5, b.indices()[r], "transition id lives in slot id % capacity");
            }
        }
        assertEquals(Set.of(7, 8, 9, 10, 11), seen);
    }

    @Test
    void discountsAndMasksFollowTerminationAndTheNextState() {
        ReplaySpec spec = ReplaySpec.of(4, OBS_DIM, NUM_ACTIONS, 0.9).withMasks(true);
        ReplayBuffer rb = new ReplayBuffer(spec);
        rb.add(obs(0), 1, 1, obs(1), false, false, new boolean[] {true, false, false, true});
        rb.add(obs(1), 2, 1, obs(2), true, false, null);                                     // terminal: no mask
        rb.add(obs(2), 3, 1, obs(3), true, false, new boolean[] {false, false, false, false}); // ignored
        rb.add(obs(3), 0, 1, obs(4), false, true, new boolean[] {false, false, true, false}); // truncated
        Batch b = Batch.allocate(64, spec);
        rb.sample(64, Rng.of(9), b);
        int[][] masks = {{1, 0, 0, 1}, {1, 1, 1, 1}, {1, 1, 1, 1}, {0, 0, 1, 0}};
        float[] discounts = {0.9f, 0, 0, 0.9f};
        boolean[] seen = new boolean[4];
        for (int r = 0; r < 64; r++) {
            int i = b.indices()[r];
            seen[i] = true;
            assertEquals(discounts[i], b.discounts()[r], "slot " + i);
            assertArrayEquals(masks[i], Arrays.copyOfRange(b.nextMasks(), r * NUM_ACTIONS, (r + 1) * NUM_ACTIONS));
        }
        assertArrayEquals(new boolean[] {true, true, true, true}, seen);
    }

    @Test
    void vectorEnvStreamsKeepTheirOwnNStepWindows() {
        ReplaySpec spec = ReplaySpec.of(100, OBS_DIM, NUM_ACTIONS, 0.5).withNStep(2).withNumEnvs(2);
        ReplayBuffer rb = new ReplayBuffer(spec);
        for (int t = 0; t < 10; t++) {
            rb.add(0, obs(t), 0, 1, obs(t + 1), false, false, null);
            rb.add(1, obs(1000 + t), 1, 100, obs(1001 + t), false, false, null);
        }
        assertEquals(18, rb.size(), "each env has one step still waiting for its window");
        Batch b = Batch.allocate(200, spec);
        rb.sample(200, Rng.of(1), b);
        for (int r = 0; r < 200; r++) {
            int id = (int) (b.obs()[r * OBS_DIM] / 10);
            int next = (int) (b.nextObs()[r * OBS_DIM] / 10);
            assertEquals(id + 2, next, "2-step bootstrap state");
            assertEquals(id >= 1000 ? 150f : 1.5f, b.rewards()[r], "return mixes only its own env's rewards");
            assertEquals(0.25f, b.discounts()[r]);
        }
    }

    @Test
    void invalidStepsAreRejectedAndLeaveTheBufferUnchanged() {
        ReplayBuffer rb = new ReplayBuffer(ReplaySpec.of(4, OBS_DIM, NUM_ACTIONS, 0.9));
        ReplayBuffer masked = new ReplayBuffer(ReplaySpec.of(4, OBS_DIM, NUM_ACTIONS, 0.9).withMasks(true));
        assertThrows(IllegalArgumentException.class, () -> rb.add(new float[2], 0, 0, obs(1), false, false, null));
        assertThrows(IllegalArgumentException.class, () -> rb.add(obs(0), 4, 0, obs(1), false, false, null));
        assertThrows(IllegalArgumentException.class, () -> rb.add(obs(0), 0, Double.NaN, obs(1), false, false, null));
        assertThrows(IllegalArgumentException.class, () -> rb.add(obs(0), 0, 0, obs(1), false, false, new boolean[4]));
        assertThrows(IndexOutOfBoundsException.class, () -> rb.add(1, obs(0), 0, 0, obs(1), false, false, null));
        assertThrows(IllegalArgumentException.class, () -> masked.add(obs(0), 0, 0, obs(1), false, false, null));
        assertThrows(IllegalArgumentException.class, () -> masked.add(obs(0), 0, 0, obs(1), false, true, new boolean[3]));
        var e = assertThrows(IllegalArgumentException.class,
                () -> masked.add(obs(0), 0, 0, obs(1), false, true, new boolean[4]));
        assertTrue(e.getMessage().contains("at least one legal action"), e.getMessage());
        assertEquals(0, rb.size());
        assertEquals(0, masked.size());
        var empty = assertThrows(IllegalStateException.class, () -> rb.sample(2, Rng.of(1), Batch.allocate(2, rb.spec())));
        assertTrue(empty.getMessage().contains("non-empty"), empty.getMessage());
        addId(rb, 0);
        assertThrows(IllegalArgumentException.class, () -> rb.sample(3, Rng.of(1), Batch.allocate(2, rb.spec())));
        assertThrows(IllegalArgumentException.class, () -> rb.sample(2, Rng.of(1), Batch.allocate(2, 5, 4)));
        assertThrows(IllegalArgumentException.class, () -> rb.updatePriorities(new int[] {1}, new float[] {0}));
        rb.updatePriorities(new int[] {0}, new float[] {3}); // valid, and a no-op for uniform replay
    }
}
