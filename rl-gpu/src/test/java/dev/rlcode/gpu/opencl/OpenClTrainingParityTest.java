package dev.rlcode.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.dqn.DqnTrainer;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.BackendProvider.Availability;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.envs.classic.CartPole;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A whole CartPole DQN training run (Double + Dueling, masked off, the preset's target sync and clipping, at a
 * reduced size) on OpenCL follows the scalar CPU backend's run exactly: every training episode's return and the
 * final parameters are bit-for-bit the same. The kernels are written with the scalar reference's operation order
 * and explicit {@code fma}, so on a device with correctly rounded division and square root (PoCL, and any device
 * reporting {@code CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT}) nothing may differ; a single rounding difference would
 * flip a greedy action within a few episodes, as it does between the scalar and the SIMD CPU kernels, whose
 * summation order differs. Other devices skip with that reason ({@link OpenClDqnTest} covers them with tolerances).
 */
class OpenClTrainingParityTest {

    @Test
    void cartPoleTrainingFollowsTheScalarCpuRunExactly() throws IOException {
        Availability a = new OpenClProvider().probe();
        if (!"true".equals(System.getenv("CI"))) assumeTrue(a.available(), "OpenCL " + a);
        Map<String, Object> small = new LinkedHashMap<>();
        small.put("seed", 3);
        small.put("totalTimesteps", 4000);
        small.put("learningStarts", 1000);
        small.put("hidden", "64,64");
        small.put("trainFrequency", 4);
        small.put("gradientSteps", 1);
        small.put("evalFrequency", 0);
        small.put("evalEpisodes", 0);
        DqnConfig cfg = ConfigOverrides.apply(DqnConfig.cartPole(), small);
        assertTrue(cfg.doubleQ() && cfg.dueling(), "the run covers the Double and Dueling kernels: " + cfg);
        try (Backend cpu = CpuBackend.scalar(); OpenClBackend ocl = OpenClBackend.create()) {
            assumeTrue(ocl.device().exactDivSqrt(), "exact parity needs correctly rounded divide/sqrt; "
                    + ocl.device().name() + " does not report it");
            Run ref = Run.of(cfg, cpu), dev = Run.of(cfg, ocl);
            assertTrue(ref.returns.size() > 50, "episodes: " + ref.returns.size());
            assertEquals(ref.returns, dev.returns, "training episode returns, scalar CPU vs " + ocl.name());
            assertArrayEquals(ref.params, dev.params, "final online parameters");
        }
    }

    private record Run(List<Double> returns, float[] params) {
        static Run of(DqnConfig cfg, Backend backend) throws IOException {
            List<Double> returns = new ArrayList<>();
            DqnTrainer trainer = new DqnTrainer(cfg, CartPole::make, backend, null, new DqnTrainer.Listener() {
                @Override
                public void onEpisode(Map<String, Object> row) {
                    returns.add(((Number) row.get("return")).doubleValue());
                }
            });
            trainer.train();
            return new Run(returns, trainer.agent().onlineParams());
        }
    }
}
