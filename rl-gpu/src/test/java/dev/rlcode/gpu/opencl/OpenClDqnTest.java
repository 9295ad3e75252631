package dev.rlcode.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rlcode.agents.dqn.DqnAgent;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.BackendProvider.Availability;
import dev.rlcode.core.kernel.CpuBackend;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The DQN update end to end on OpenCL: networks, Adam state and the sampled batch live on the device; the same
 * seeded agent on the scalar CPU backend must follow the same trajectory of losses and parameters.
 */
class OpenClDqnTest {

    @Test
    void dqnUpdatesTrackTheCpuReference() {
        Availability a = new OpenClProvider().probe();
        if (!"true".equals(System.getenv("CI"))) assumeTrue(a.available(), "OpenCL " + a);
        DqnConfig cfg = DqnConfig.cartPole();
        int obsDim = 4, numActions = 2, steps = 30;
        try (Backend cpu = CpuBackend.scalar(); Backend ocl = OpenClBackend.create()) {
            DqnAgent ref = new DqnAgent(cfg, cpu, obsDim, numActions);
            DqnAgent dev = new DqnAgent(cfg, ocl, obsDim, numActions);
            assertEquals(0f, maxDiff(ref.onlineParams(), dev.onlineParams()), "same initial weights");
            Random r = new Random(11);
            for (int i = 0; i < 4 * cfg.batchSize(); i++) {
                float[] obs = gaussian(r, obsDim), next = gaussian(r, obsDim);
                int action = r.nextInt(numActions);
                boolean done = r.nextInt(20) == 0;
                ref.observe(obs, action, 1.0, next, done, false, null);
                dev.observe(obs, action, 1.0, next, done, false, null);
            }
            float firstLoss = Float.NaN;
            for (int s = 0; s < steps; s++) {
                float lr = ref.update(true).loss(), ld = dev.update(true).loss();
                if (s == 0) firstLoss = lr;
                assertEquals(lr, ld, 1e-5 * Math.max(1, Math.abs(lr)), "loss at step " + s);
                if (s % 10 == 9) {
                    ref.updateTarget();
                    dev.updateTarget();
                }
            }
            float[] pr = ref.onlineParams(), pd = dev.onlineParams();
            assertTrue(maxDiff(pr, pd) < 1e-4f, "online params differ by " + maxDiff(pr, pd));
            assertTrue(maxDiff(ref.targetParams(), dev.targetParams()) < 1e-4f, "target params");
            assertFalse(Float.isNaN(firstLoss));
            float[] q = new float[numActions], qd = new float[numActions];
            float[] obs = gaussian(r, obsDim);
            ref.qValues(obs, q);
            dev.qValues(obs, qd);
            assertTrue(maxDiff(q, qd) < 1e-4f, "Q values");
        }
    }

    private static float maxDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        float m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    private static float[] gaussian(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        return x;
    }
}
