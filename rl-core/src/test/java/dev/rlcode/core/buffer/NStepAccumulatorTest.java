package dev.rlcode.core.buffer;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NStepAccumulatorTest {

    /** One emitted transition, arrays copied. Observations are 1-d: s_t = [t]. */
    record Emitted(float obs, int action, float reward, float nextObs, boolean terminated, boolean[] mask,
                   float discount) {}

    static final class Recorder implements NStepAccumulator.Sink {
        final List<Emitted> out = new ArrayList<>();

        @Override
        public void accept(float[] obs, int action, float reward, float[] nextObs, boolean terminated,
                           boolean[] nextMask, float discount) {
            out.add(new Emitted(obs[0], action, reward, nextObs[0], terminated,
                    nextMask == null ? null : nextMask.clone(), discount));
        }
    }

    private static float[] s(int t) {
        return new float[] {t};
    }

    private static void assertEmitted(Emitted e, float obs, float reward, float nextObs, boolean terminated,
                                      float discount) {
        assertEquals(obs, e.obs(), "obs");
        assertEquals((int) obs, e.action(), "action of s_" + (int) obs);
        assertEquals(reward, e.reward(), 1e-6, "return from s_" + (int) obs);
        assertEquals(nextObs, e.nextObs(), "bootstrap state from s_" + (int) obs);
        assertEquals(terminated, e.terminated(), "terminated from s_" + (int) obs);
        assertEquals(discount, e.discount(), 1e-7, "discount from s_" + (int) obs);
    }

    @Test
    void threeStepReturnsWithTerminationAfterAFullWindow() {
        // γ = 0.5, r_t = 1, 2, 4, 8, 16 for t = 0..4; s_5 is terminal.
        NStepAccumulator acc = new NStepAccumulator(3, 0.5, 1);
        Recorder rec = new Recorder();
        double[] r = {1, 2, 4, 8, 16};
        for (int t = 0; t < 5; t++) {
            acc.push(s(t), t, r[t], s(t + 1), t == 4, false, null, rec);
            if (t < 2) assertEquals(List.of(), rec.out, "nothing before the first window fills");
        }
        assertEquals(5, rec.out.size());
        // Full windows: R_0 = 1 + .5·2 + .25·4 = 3 → s_3, γ^3; R_1 = 2 + .5·4 + .25·8 = 6 → s_4, γ^3
        assertEmitted(rec.out.get(0), 0, 3, 3, false, 0.125f);
        assertEmitted(rec.out.get(1), 1, 6, 4, false, 0.125f);
        // Terminated at s_5: R_2 = 4 + .5·8 + .25·16 = 12; R_3 = 8 + .5·16 = 16; R_4 = 16; all terminal.
        assertEmitted(rec.out.get(2), 2, 12, 5, true, 0.125f);
        assertEmitted(rec.out.get(3), 3, 16, 5, true, 0.25f);
        assertEmitted(rec.out.get(4), 4, 16, 5, true, 0.5f);
        assertEquals(0, acc.pending());
    }

    @Test
    void terminationMidWindowEmitsTheShortReturnsAndStartsAFreshEpisode() {
        NStepAccumulator acc = new NStepAccumulator(3, 0.5, 1);
        Recorder rec = new Recorder();
        acc.push(s(0), 0, 1, s(1), false, false, null, rec);
        acc.push(s(1), 1, 2, s(2), true, false, null, rec);   // episode of 2 steps: the window never fills
        assertEquals(2, rec.out.size());
        assertEmitted(rec.out.get(0), 0, 1 + 0.5f * 2, 2, true, 0.25f);
        assertEmitted(rec.out.get(1), 1, 2, 2, true, 0.5f);
        // Next episode: its first return sums only its own rewards.
        for (int t = 10; t < 13; t++) acc.push(s(t), t, 100, s(t + 1), false, false, null, rec);
        assertEquals(3, rec.out.size());
        assertEmitted(rec.out.get(2), 10, 100 + 50 + 25, 13, false, 0.125f);
    }

    @Test
    void truncationBootstrapsEveryPendingStepFromTheFinalObservation() {
        // γ = 0.9, r = 1, 2, 3, 4, truncated (time limit) after the step into s_4.
        NStepAccumulator acc = new NStepAccumulator(3, 0.9, 1);
        Recorder rec = new Recorder();
        boolean[] finalMask = {true, false, true};
        for (int t = 0; t < 4; t++) {
            boolean[] mask = t == 3 ? finalMask : new boolean[] {false, true, false};
            acc.push(s(t), t, t + 1, s(t + 1), false, t == 3, mask, rec);
        }
        assertEquals(4, rec.out.size());
        assertEmitted(rec.out.get(0), 0, 1 + 0.9f * 2 + 0.81f * 3, 3, false, 0.729f);
        assertArrayEquals(new boolean[] {false, true, false}, rec.out.get(0).mask(), "mask of s_3, the state used");
        assertEmitted(rec.out.get(1), 1, 2 + 0.9f * 3 + 0.81f * 4, 4, false, 0.729f);
        assertEmitted(rec.out.get(2), 2, 3 + 0.9f * 4, 4, false, 0.81f);
        assertEmitted(rec.out.get(3), 3, 4, 4, false, 0.9f);
        for (int k = 1; k < 4; k++) assertArrayEquals(finalMask, rec.out.get(k).mask(), "final state's mask");
    }

    @Test
    void truncationBeforeTheWindowFills() {
        NStepAccumulator acc = new NStepAccumulator(3, 0.5, 1);
        Recorder rec = new Recorder();
        acc.push(s(0), 0, 1, s(1), false, false, null, rec);
        acc.push(s(1), 1, 2, s(2), false, true, null, rec);
        assertEquals(2, rec.out.size());
        assertEmitted(rec.out.get(0), 0, 2, 2, false, 0.25f);
        assertEmitted(rec.out.get(1), 1, 2, 2, false, 0.5f);
    }

    @Test
    void truncatingWithoutAStepFlushesThePendingWindowAndStartsAFreshEpisode() {
        // γ = 0.5, r_0 = 1, r_1 = 2; the episode is abandoned in s_2 (training stopped there)
        NStepAccumulator acc = new NStepAccumulator(3, 0.5, 1);
        Recorder rec = new Recorder();
        acc.push(s(0), 0, 1, s(1), false, false, null, rec);
        acc.push(s(1), 1, 2, s(2), false, false, null, rec);
        boolean[] mask = {true, false};
        acc.truncate(s(2), mask, rec);
        assertEquals(2, rec.out.size());
        assertEmitted(rec.out.get(0), 0, 2, 2, false, 0.25f);
        assertEmitted(rec.out.get(1), 1, 2, 2, false, 0.5f);
        assertArrayEquals(mask, rec.out.get(1).mask());
        assertEquals(0, acc.pending());
        // the next episode's steps form windows of their own
        acc.truncate(s(9), null, rec);
        assertEquals(2, rec.out.size(), "nothing pending, nothing emitted");
        for (int t = 10; t < 13; t++) acc.push(s(t), t, 1, s(t + 1), false, false, null, rec);
        assertEmitted(rec.out.get(2), 10, 1.75f, 13, false, 0.125f);
        assertThrows(IllegalArgumentException.class, () -> acc.truncate(new float[2], null, rec));
    }

    @Test
    void terminationWinsWhenBothFlagsAreSet() {
        NStepAccumulator acc = new NStepAccumulator(2, 0.5, 1);
        Recorder rec = new Recorder();
        acc.push(s(0), 0, 1, s(1), true, true, null, rec);
        assertEmitted(rec.out.getFirst(), 0, 1, 1, true, 0.5f);
    }

    @Test
    void oneStepIsTheIdentity() {
        NStepAccumulator acc = new NStepAccumulator(1, 0.99, 1);
        Recorder rec = new Recorder();
        boolean[] mask = {true, false};
        acc.push(s(0), 0, 1.5, s(1), false, false, mask, rec);
        acc.push(s(1), 1, -2, s(2), false, true, mask, rec);
        acc.push(s(2), 2, 3, s(3), true, false, null, rec);
        assertEquals(3, rec.out.size());
        assertEmitted(rec.out.get(0), 0, 1.5f, 1, false, 0.99f);
        assertArrayEquals(mask, rec.out.get(0).mask());
        assertEmitted(rec.out.get(1), 1, -2, 2, false, 0.99f);
        assertEmitted(rec.out.get(2), 2, 3, 3, true, 0.99f);
        assertEquals(0, acc.pending());
    }

    @Test
    void stateRoundTripContinuesThePendingWindow() {
        NStepAccumulator a = new NStepAccumulator(3, 0.5, 1), b = new NStepAccumulator(3, 0.5, 1);
        Recorder ra = new Recorder(), rb = new Recorder();
        a.push(s(0), 0, 1, s(1), false, false, null, ra);
        a.push(s(1), 1, 2, s(2), false, false, null, ra);
        b.restoreState(a.saveState());
        assertEquals(2, b.pending());
        a.push(s(2), 2, 4, s(3), false, true, null, ra);
        b.push(s(2), 2, 4, s(3), false, true, null, rb);
        assertEquals(3, ra.out.size());
        assertEquals(3, rb.out.size());
        for (int i = 0; i < 3; i++) {
            Emitted x = ra.out.get(i), y = rb.out.get(i);
            assertEquals(List.of(x.obs(), x.action(), x.reward(), x.nextObs(), x.terminated(), x.discount()),
                    List.of(y.obs(), y.action(), y.reward(), y.nextObs(), y.terminated(), y.discount()));
        }
        var wrongGamma = new NStepAccumulator(3, 0.9, 1);
        assertThrows(IllegalArgumentException.class, () -> wrongGamma.restoreState(a.saveState()));
    }
}
