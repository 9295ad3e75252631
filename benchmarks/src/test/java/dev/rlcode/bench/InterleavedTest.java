package dev.rlcode.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.bench.Interleaved.Stats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterleavedTest {

    @Test
    void statsAreMedianMinMax() {
        assertEquals(new Stats(3, 1, 9, 5), Stats.of(new double[] {9, 1, 3, 4, 2}));
        assertEquals(new Stats(2.5, 1, 4, 4), Stats.of(new double[] {4, 1, 3, 2}));
    }

    @Test
    void ratiosArePairedRoundByRound() {
        Stats r = Stats.ratio(new double[] {10, 40, 90}, new double[] {5, 10, 30});
        assertEquals(new Stats(3, 2, 4, 3), r);
    }

    @Test
    void roundsRotateTheOrderAndKeepResultsPerCandidate() throws Exception {
        List<String> order = new ArrayList<>();
        List<Interleaved.Trial> trials = List.of(
                () -> { order.add("a"); return new double[] {1, 10}; },
                () -> { order.add("b"); return new double[] {2, 20}; },
                () -> { order.add("c"); return new double[] {3, 30}; });
        double[][][] r = Interleaved.rounds(trials, 3);
        assertEquals(List.of("a", "b", "c", "b", "c", "a", "c", "a", "b"), order);
        assertArrayEquals(new double[] {2, 2, 2}, r[1][0]);
        assertArrayEquals(new double[] {30, 30, 30}, r[2][1]);
    }

    @Test
    void calibrationReturnsAtLeastOneCall() {
        int[] total = {0};
        int calls = Interleaved.calibrate(n -> total[0] += n, 0.0, 0.001);
        assertTrue(calls >= 1);
        assertTrue(total[0] >= 2, "warm-up ran at least two batches");
    }
}
