package dev.rlcode.core.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.core.rng.Rng;
import org.junit.jupiter.api.Test;

/** Membership and sampling of the spaces, Gymnasium's semantics, at their edges. */
class SpacesTest {

    @Test
    void boxSamplesLieInTheBoxAndSpreadOverItEvenWithHugeFiniteBounds() {
        float big = Float.MAX_VALUE;
        Box box = new Box(new float[] {-1, -big, 0, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY},
                new float[] {1, big, Float.POSITIVE_INFINITY, 2, Float.POSITIVE_INFINITY});
        Rng rng = Rng.of(3);
        int n = 2000;
        double[] sum = new double[5];
        int hugeNegative = 0;
        for (int k = 0; k < n; k++) {
            float[] x = box.sample(rng);
            assertTrue(box.contains(x), java.util.Arrays.toString(x));
            for (int i = 0; i < 5; i++) sum[i] += x[i];
            if (x[1] < 0) hugeNegative++;
        }
        // uniform on [-1, 1]; on [-MAX, MAX] both signs appear (computing high - low in float overflowed to
        // +Inf and pinned every sample to MAX); exponential above 0 (mean 1) and below 2 (mean 1); normal (mean 0)
        assertEquals(0, sum[0] / n, 0.05);
        assertTrue(hugeNegative > n / 3 && hugeNegative < 2 * n / 3, "negative samples of [-MAX, MAX]: " + hugeNegative);
        assertEquals(1, sum[2] / n, 0.1);
        assertEquals(1, sum[3] / n, 0.1);
        assertEquals(0, sum[4] / n, 0.1);
        assertArrayEquals(box.sample(Rng.of(5)), box.sample(Rng.of(5)), "the same seed gives the same sample");
    }

    @Test
    void boxContainsRejectsNanWrongLengthsAndOtherTypes() {
        Box box = Box.of(-1, 1, 2);
        assertTrue(box.contains(new float[] {-1, 1}));
        assertFalse(box.contains(new float[] {0, Float.NaN}));
        assertFalse(box.contains(new float[] {0, 1.0001f}));
        assertFalse(box.contains(new float[] {0}));
        assertFalse(box.contains(new double[] {0, 0}));
        assertFalse(box.contains(null));
        assertThrows(IllegalArgumentException.class, () -> new Box(new float[] {1}, new float[] {0}));
    }

    @Test
    void discreteWithAStartHoldsExactlyItsNElementsUpToTheLargestInt() {
        Discrete d = new Discrete(3, -1);
        assertFalse(d.contains(-2));
        assertTrue(d.contains(-1) && d.contains(0) && d.contains(1));
        assertFalse(d.contains(2));
        assertFalse(d.contains(0L), "a Long is not an element");

        Discrete top = new Discrete(5, Integer.MAX_VALUE - 4);
        for (int i = 0; i < 5; i++) assertTrue(top.contains(Integer.MAX_VALUE - i), "MAX - " + i);
        assertFalse(top.contains(Integer.MAX_VALUE - 5));
        assertFalse(top.contains(Integer.MIN_VALUE), "start + n overflowed to MIN_VALUE before");
        Rng rng = Rng.of(1);
        for (int k = 0; k < 200; k++) assertTrue(top.contains(top.sample(rng)));
        var e = assertThrows(IllegalArgumentException.class, () -> new Discrete(5, Integer.MAX_VALUE - 3));
        assertTrue(e.getMessage().contains("start + n - 1"), e.getMessage());
    }

    @Test
    void maskedDiscreteSamplesOnlyLegalActionsUniformlyAndCountsFromStart() {
        Discrete d = new Discrete(4, 10);
        boolean[] mask = {false, true, false, true};
        int[] counts = new int[4];
        Rng rng = Rng.of(7);
        for (int k = 0; k < 4000; k++) counts[d.sample(rng, mask) - 10]++;
        assertEquals(0, counts[0] + counts[2]);
        assertEquals(2000, counts[1], 150);
        assertEquals(2000, counts[3], 150);
        assertThrows(IllegalArgumentException.class, () -> d.sample(rng, new boolean[4]));
        assertThrows(IllegalArgumentException.class, () -> d.sample(rng, new boolean[3]));
    }

    @Test
    void multiDiscreteSamplesEachComponentInItsRange() {
        MultiDiscrete md = new MultiDiscrete(new int[] {2, 5});
        Rng rng = Rng.of(2);
        for (int k = 0; k < 200; k++) assertTrue(md.contains(md.sample(rng)));
        assertFalse(md.contains(new int[] {2, 0}));
        assertFalse(md.contains(new int[] {0, -1}));
        assertFalse(md.contains(new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new MultiDiscrete(new int[] {2, 0}));
    }
}
