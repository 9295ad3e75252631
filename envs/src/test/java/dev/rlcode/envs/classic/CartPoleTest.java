package dev.rlcode.envs.classic;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.StepResult;
import org.junit.jupiter.api.Test;

class CartPoleTest {

    @Test
    void startStateIsUniformInPlusMinus005() {
        double[] min = {1, 1, 1, 1}, max = {-1, -1, -1, -1};
        for (int seed = 0; seed < 2000; seed++) {
            CartPole env = new CartPole();
            env.reset(seed);
            double[] s = env.state();
            for (int i = 0; i < 4; i++) {
                min[i] = Math.min(min[i], s[i]);
                max[i] = Math.max(max[i], s[i]);
            }
        }
        for (int i = 0; i < 4; i++) {
            assertTrue(min[i] >= -0.05 && min[i] < -0.049, "min " + i + ": " + min[i]);
            assertTrue(max[i] < 0.05 && max[i] > 0.049, "max " + i + ": " + max[i]);
        }
    }

    @Test
    void aBalancingPolicyIsTruncatedAtExactly500Steps() {
        Env<float[], Integer> env = CartPole.make();
        float[] obs = env.reset(3).observation();
        double episodeReturn = 0;
        for (int t = 1; t <= 500; t++) {
            StepResult<float[]> r = env.step(obs[2] + obs[3] > 0 ? 1 : 0);   // push towards where the pole falls
            episodeReturn += r.reward();
            obs = r.observation();
            assertFalse(r.terminated(), "step " + t);
            assertEquals(t == 500, r.truncated(), "step " + t);
        }
        assertEquals(500, episodeReturn);
    }

    @Test
    void terminatesWhenThePoleLeavesTwelveDegreesWithRewardOne() {
        CartPole env = new CartPole();
        env.setState(0, 0, 0.2094, 0.5);             // just inside 12 degrees, falling right
        StepResult<float[]> r = env.step(1);
        assertTrue(r.terminated());
        assertEquals(1.0, r.reward());
        assertEquals(0.2094 + 0.02 * 0.5, env.state()[2], 1e-12, "Euler: theta += tau * theta_dot");
        assertThrows(IllegalStateException.class, () -> env.step(1));
    }

    @Test
    void terminatesWhenTheCartLeavesTheTrack() {
        CartPole env = new CartPole();
        env.setState(-2.399, -1, 0, 0);
        assertTrue(env.step(0).terminated());
    }

    @Test
    void setStateValidates() {
        CartPole env = new CartPole();
        assertThrows(IllegalArgumentException.class, () -> env.setState(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> env.setState(0, 0, Double.NaN, 0));
    }
}
