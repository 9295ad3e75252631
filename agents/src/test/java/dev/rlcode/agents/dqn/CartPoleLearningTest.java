package dev.rlcode.agents.dqn;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.envs.classic.CartPole;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bar: Double + Dueling DQN solves CartPole-v1 (mean return >= 475 over 100 deterministic evaluation
 * episodes on seeds never used in training or model selection) within 50,000 env steps, for seeds 1, 2 and 3.
 */
@Tag("slow")
class CartPoleLearningTest {
    // The vector width is pinned, not the machine's preferred one: float sums are formed in a width-dependent
    // order, so the learning curve for a seed is reproducible across machines only at a fixed width.

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void doubleDuelingDqnSolvesCartPoleWithin50kSteps(long seed) throws IOException {
        DqnConfig cfg = ConfigOverrides.apply(DqnConfig.cartPole(), Map.of("seed", seed));
        assertTrue(cfg.doubleQ() && cfg.dueling());
        assertTrue(cfg.totalTimesteps() <= 50_000);
        assertEquals(100, cfg.evalEpisodes());
        Map<String, Object> s = new DqnTrainer(cfg, CartPole::make, CpuBackend.simd(jdk.incubator.vector.FloatVector.SPECIES_256), null, new DqnTrainer.Listener() {
            @Override
            public void onMessage(String line) {
                System.out.println("seed " + seed + ": " + line);
            }
        }).train();
        System.out.println("seed " + seed + " summary: " + s);
        assertTrue((double) s.get("eval_mean_return") >= 475, "seed " + seed + ": " + s);
    }
}
