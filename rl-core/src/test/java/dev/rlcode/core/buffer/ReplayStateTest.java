package dev.rlcode.core.buffer;

import static dev.rlcode.core.buffer.ReplayBufferTest.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.checkpoint.Checkpoint;
import dev.rlcode.core.checkpoint.CheckpointWriter;
import dev.rlcode.core.rng.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save → restore → the restored buffer samples and evolves exactly like the original. */
class ReplayStateTest {

    static final ReplaySpec SPEC = ReplaySpec.of(20, OBS_DIM, NUM_ACTIONS, 0.9).withMasks(true).withNStep(3)
            .withNumEnvs(2);

    @TempDir
    Path tmp;

    /** Step t of env e: rewards, masks and episode ends vary with (e, t), so windows and wrap-around are exercised. */
    private static void step(Replay rb, int e, int t) {
        int id = 100 * e + t;
        boolean terminated = t % 11 == 10, truncated = t % 7 == 6;
        boolean[] mask = {true, t % 2 == 0, t % 3 == 0, false};
        rb.add(e, obs(id), t % NUM_ACTIONS, 0.25 * t - e, obs(id + 1), terminated, truncated, terminated ? null : mask);
    }

    private static void run(Replay rb, int from, int to) {
        for (int t = from; t < to; t++) {
            step(rb, 0, t);
            if (t % 3 != 1) step(rb, 1, t);
        }
    }

    private static void assertSameBatch(Batch x, Batch y) {
        assertArrayEquals(x.indices(), y.indices());
        assertArrayEquals(x.obs(), y.obs());
        assertArrayEquals(x.actions(), y.actions());
        assertArrayEquals(x.rewards(), y.rewards());
        assertArrayEquals(x.nextObs(), y.nextObs());
        assertArrayEquals(x.discounts(), y.discounts());
        assertArrayEquals(x.nextMasks(), y.nextMasks());
        assertArrayEquals(x.weights(), y.weights());
    }

    private static void assertSameState(Map<String, Object> x, Map<String, Object> y) {
        assertEquals(x.keySet(), y.keySet());
        for (String k : x.keySet()) assertTrue(Objects.deepEquals(x.get(k), y.get(k)), "state array " + k);
    }

    /** Saves {@code a} and its rng, restores both into fresh copies, and checks they stay in lockstep. */
    private void checkRoundTrip(Supplier<Replay> factory, boolean viaCheckpoint) throws IOException {
        Replay a = factory.get();
        run(a, 0, 33);
        assertEquals(SPEC.capacity(), a.size(), "wrapped around");
        if (a instanceof PrioritizedReplayBuffer p) {
            p.setStep(40);
            Batch first = Batch.allocate(8, SPEC);
            p.sample(8, Rng.of(1), first);
            float[] td = new float[8];
            for (int i = 0; i < 8; i++) td[i] = i * 0.75f - 2;
            p.updatePriorities(first.indices(), td);
        }
        Rng rngA = Rng.of(77, Rng.Stream.REPLAY);
        rngA.nextLong();

        Map<String, Object> saved = a.saveState();
        byte[] savedRng = rngA.saveState();
        if (viaCheckpoint) {
            Path dir = new CheckpointWriter(33).putAll("replay.", saved).put("rng", savedRng).write(tmp.resolve(a.getClass().getSimpleName()));
            Checkpoint c = Checkpoint.read(dir);
            saved = c.arrays("replay.");
            savedRng = c.bytes("rng");
        }
        Replay b = factory.get();
        run(b, 0, 5); // some unrelated history that the restore must replace
        b.restoreState(saved);
        Rng rngB = Rng.of(0);
        rngB.restoreState(savedRng);
        assertSameState(a.saveState(), b.saveState());

        Batch x = Batch.allocate(16, SPEC), y = Batch.allocate(16, SPEC);
        for (int round = 0; round < 3; round++) {
            a.sample(16, rngA, x);
            b.sample(16, rngB, y);
            assertSameBatch(x, y);
            float[] td = new float[16];
            for (int i = 0; i < 16; i++) td[i] = x.rewards()[i] - i;
            a.updatePriorities(x.indices(), td);
            b.updatePriorities(y.indices(), td);
            // Continuing the episodes flushes the restored n-step windows into both buffers identically.
            run(a, 33 + 4 * round, 37 + 4 * round);
            run(b, 33 + 4 * round, 37 + 4 * round);
        }
        assertSameState(a.saveState(), b.saveState());
    }

    @Test
    void uniformRestoresExactly() throws IOException {
        checkRoundTrip(() -> new ReplayBuffer(SPEC), false);
    }

    @Test
    void prioritizedRestoresExactly() throws IOException {
        checkRoundTrip(() -> new PrioritizedReplayBuffer(SPEC, 0.6, 0.4, 100), false);
    }

    @Test
    void bothRestoreExactlyThroughACheckpointOnDisk() throws IOException {
        checkRoundTrip(() -> new ReplayBuffer(SPEC), true);
        checkRoundTrip(() -> new PrioritizedReplayBuffer(SPEC, 0.6, 0.4, 100), true);
    }

    @Test
    void pendingWindowsAreSaved() {
        ReplayBuffer a = new ReplayBuffer(SPEC);
        step(a, 0, 0);
        step(a, 0, 1);
        assertEquals(0, a.size(), "both steps wait in env 0's 3-step window");
        ReplayBuffer b = new ReplayBuffer(SPEC);
        b.restoreState(a.saveState());
        step(b, 0, 2);
        assertEquals(1, b.size(), "the restored window completes with the next step");
        Batch x = Batch.allocate(1, SPEC);
        b.sample(1, Rng.of(0), x);
        assertEquals(0 + 0.9f * 0.25f + 0.81f * 0.5f, x.rewards()[0], 1e-6);
    }

    @Test
    void mismatchedStatesAreRejectedAndChangeNothing() {
        ReplayBuffer a = new ReplayBuffer(SPEC);
        run(a, 0, 10);
        Map<String, Object> before = a.saveState();

        var other = new ReplayBuffer(SPEC.withNStep(2));
        run(other, 0, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> a.restoreState(other.saveState()));
        assertTrue(e.getMessage().contains("nStep: expected 3"), e.getMessage());

        var per = new PrioritizedReplayBuffer(SPEC, 0.6, 0.4, 10);
        e = assertThrows(IllegalArgumentException.class, () -> a.restoreState(per.saveState()));
        assertTrue(e.getMessage().contains("kind: expected uniform, actual prioritized"), e.getMessage());

        Map<String, Object> broken = new java.util.HashMap<>(before);
        broken.put("rewards", new float[3]);
        e = assertThrows(IllegalArgumentException.class, () -> a.restoreState(broken));
        assertTrue(e.getMessage().contains("'rewards': expected length"), e.getMessage());
        broken.remove("rewards");
        e = assertThrows(IllegalArgumentException.class, () -> a.restoreState(broken));
        assertTrue(e.getMessage().contains("missing array 'rewards'"), e.getMessage());

        assertSameState(before, a.saveState());
    }
}
