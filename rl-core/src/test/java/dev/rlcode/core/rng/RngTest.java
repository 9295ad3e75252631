package dev.rlcode.core.rng;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void sameSeedSameStream() {
        Rng a = Rng.of(7, 3), b = Rng.of(7, 3);
        for (int i = 0; i < 100; i++) assertEquals(a.nextLong(), b.nextLong());
    }

    @Test
    void streamsDiffer() {
        Rng a = Rng.of(7, 0), b = Rng.of(7, 1), c = Rng.of(8, 0);
        long x = a.nextLong();
        assertNotEquals(x, b.nextLong());
        assertNotEquals(x, c.nextLong());
    }

    @Test
    void saveAndRestoreContinuesExactly() {
        Rng a = Rng.of(42);
        for (int i = 0; i < 10; i++) a.nextDouble();
        byte[] s = a.saveState();
        double[] expected = {a.nextDouble(), a.nextGaussian(), a.nextInt(17)};
        Rng b = Rng.of(0);
        b.restoreState(s);
        assertEquals(expected[0], b.nextDouble());
        assertEquals(expected[1], b.nextGaussian());
        assertEquals(expected[2], b.nextInt(17));
    }

    @Test
    void corruptStateIsRejectedClearly() {
        Rng a = Rng.of(1);
        var e = assertThrows(IllegalArgumentException.class, () -> a.restoreState(new byte[3]));
        assertTrue(e.getMessage().contains("RNG state"), e.getMessage());
    }
}
