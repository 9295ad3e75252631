package dev.rlcode.core.optim;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.Buffer;
import dev.rlcode.core.kernel.CpuBackend;
import org.junit.jupiter.api.Test;

class AdamTest {

    @Test
    void minimisesAQuadratic() {
        Backend be = CpuBackend.scalar();
        float[] target = {3f, -2f, 0.5f, 10f};
        Buffer p = be.allocF32(4), g = be.allocF32(4);
        Adam adam = new Adam(be, 4, 0.1f, 0f);
        for (int t = 0; t < 2000; t++) {
            float[] pv = be.toArray(p), gv = new float[4];
            for (int i = 0; i < 4; i++) gv[i] = 2 * (pv[i] - target[i]);
            be.upload(gv, 0, g, 0, 4);
            adam.step(p, g);
        }
        float[] pv = be.toArray(p);
        for (int i = 0; i < 4; i++) assertEquals(target[i], pv[i], 1e-2, "param " + i);
        assertEquals(2000, adam.stepCount());
    }

    @Test
    void stateRoundTripContinuesIdentically() {
        Backend be = CpuBackend.scalar();
        Buffer p1 = be.fromArray(new float[] {1, 2}), p2 = be.fromArray(new float[] {1, 2});
        Buffer g = be.fromArray(new float[] {0.5f, -1f});
        Adam a = new Adam(be, 2, 0.01f, 1f);
        for (int i = 0; i < 3; i++) a.step(p1, g);
        be.copy(p1, 0, p2, 0, 2);
        Adam b = new Adam(be, 2, 0.01f, 1f);
        float[][] s = a.state();
        b.restore(s[0], s[1], a.stepCount());
        a.step(p1, be.fromArray(new float[] {0.5f, -1f}));
        b.step(p2, be.fromArray(new float[] {0.5f, -1f}));
        assertArrayEquals(be.toArray(p1), be.toArray(p2));
        assertThrows(IllegalArgumentException.class, () -> b.restore(new float[3], new float[2], 1));
    }

    @Test
    void clippingLimitsTheUpdateDirectionNorm() {
        Backend be = CpuBackend.scalar();
        Buffer p = be.allocF32(2), g = be.fromArray(new float[] {30f, 40f});
        Adam a = new Adam(be, 2, 0.01f, 5f);
        a.step(p, g);
        assertEquals(50f, a.lastGradNorm(), 1e-4);
        float[] clipped = be.toArray(g);
        assertEquals(3f, clipped[0], 1e-3);
        assertEquals(4f, clipped[1], 1e-3);
    }
}
