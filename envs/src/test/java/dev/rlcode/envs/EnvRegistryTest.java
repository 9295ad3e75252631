package dev.rlcode.envs;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.EnvChecker;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.vector.SyncVectorEnv;
import dev.rlcode.core.vector.VectorEnv;
import dev.rlcode.core.wrapper.Wrapper;
import dev.rlcode.envs.classic.CartPole;
import dev.rlcode.envs.grid.GridWorld;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvRegistryTest {

    @Test
    void listsTheBuiltInEnvsWithSpacesAndLimits() {
        assertEquals(List.of("CartPole-v1", "MountainCar-v0", "Acrobot-v1", "GridWorld-v0"), EnvRegistry.ids());
        EnvSpec cartPole = EnvRegistry.spec("CartPole-v1");
        assertEquals(new CartPole().observationSpace(), cartPole.observationSpace());
        assertEquals(new Discrete(2), cartPole.actionSpace());
        assertEquals(500, cartPole.maxEpisodeSteps());
        assertFalse(cartPole.masked());
        assertEquals(200, EnvRegistry.spec("MountainCar-v0").maxEpisodeSteps());
        assertEquals(new Discrete(3), EnvRegistry.spec("Acrobot-v1").actionSpace());
        EnvSpec grid = EnvRegistry.spec("GridWorld-v0");
        assertTrue(grid.masked());
        assertEquals(Box.of(0f, 1f, 36), grid.observationSpace());
        assertEquals(GridWorld.MAX_EPISODE_STEPS, grid.maxEpisodeSteps());
        assertEquals("CartPole-v1      obs Box(4)    actions Discrete(2)  max 500 steps", cartPole.summary());
        assertTrue(grid.summary().endsWith("masked"), grid.summary());
    }

    @ParameterizedTest
    @ValueSource(strings = {"CartPole-v1", "MountainCar-v0", "Acrobot-v1", "GridWorld-v0"})
    void everyRegisteredEnvPassesTheCheckerAndTruncatesAtItsLimit(String id) {
        EnvChecker.check(() -> EnvRegistry.make(id));
        EnvSpec spec = EnvRegistry.spec(id);
        try (Env<float[], Integer> a = EnvRegistry.make(id); Env<float[], Integer> b = EnvRegistry.make(id)) {
            assertNotSame(a, b, "a fresh env each time");
            a.reset(0);
            // Cycle through the legal actions until the episode ends, by termination or by the time limit.
            int steps = 0;
            StepResult<float[]> r;
            do {
                boolean[] mask = spec.masked() ? Wrapper.actionMask(a) : null;
                int action = steps % spec.actionSpace().n();
                while (mask != null && !mask[action]) action = (action + 1) % mask.length;
                r = a.step(action);
                steps++;
            } while (!r.done());
            if (!r.terminated()) {
                assertEquals(spec.maxEpisodeSteps(), steps, id);
                assertTrue(r.truncated());
            } else {
                assertTrue(steps <= spec.maxEpisodeSteps());
            }
        }
    }

    @Test
    void unknownIdListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnvRegistry.make("Pong-v5"));
        assertTrue(e.getMessage().contains("Pong-v5"), e.getMessage());
        for (String id : EnvRegistry.ids()) assertTrue(e.getMessage().contains(id), e.getMessage());
    }

    @Test
    void registeredEnvsVectoriseWithMasksThroughTheirTimeLimit() {
        try (VectorEnv envs = SyncVectorEnv.of(3, () -> EnvRegistry.make("GridWorld-v0"))) {
            assertTrue(envs.isMasked());
            envs.reset(0);
            assertArrayEquals(new boolean[] {false, true, true, false}, envs.actionMasks()[2]);
        }
    }
}
