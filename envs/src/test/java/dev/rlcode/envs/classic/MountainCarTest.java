package dev.rlcode.envs.classic;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.StepResult;
import org.junit.jupiter.api.Test;

class MountainCarTest {

    @Test
    void startsAtRestBetweenMinus06AndMinus04() {
        double min = 0, max = -1;
        for (int seed = 0; seed < 2000; seed++) {
            MountainCar env = new MountainCar();
            float[] obs = env.reset(seed).observation();
            assertEquals(0f, obs[1]);
            min = Math.min(min, env.state()[0]);
            max = Math.max(max, env.state()[0]);
        }
        assertTrue(min >= -0.6 && min < -0.599, "min " + min);
        assertTrue(max < -0.4 && max > -0.401, "max " + max);
    }

    @Test
    void doingNothingIsTruncatedAt200StepsWithReturnMinus200() {
        Env<float[], Integer> env = MountainCar.make();
        env.reset(1);
        double episodeReturn = 0;
        for (int t = 1; t <= 200; t++) {
            StepResult<float[]> r = env.step(1);
            episodeReturn += r.reward();
            assertFalse(r.terminated());
            assertEquals(t == 200, r.truncated(), "step " + t);
        }
        assertEquals(-200, episodeReturn);
    }

    @Test
    void theLeftWallStopsTheCar() {
        MountainCar env = new MountainCar();
        env.setState(-1.19, -0.05);
        StepResult<float[]> r = env.step(0);
        assertArrayEquals(new float[] {-1.2f, 0f}, r.observation());
        assertFalse(r.terminated());
    }

    @Test
    void velocityIsClippedAndTheGoalTerminates() {
        MountainCar env = new MountainCar();
        env.setState(0.45, 0.0699);
        StepResult<float[]> r = env.step(2);
        assertEquals(0.07, env.state()[1], 0.0, "velocity clipped to max speed");
        assertTrue(r.terminated());
        assertEquals(-1.0, r.reward());
    }

    @Test
    void goalVelocityMustAlsoBeReached() {
        MountainCar env = new MountainCar(0.05);
        env.setState(0.49, 0.02);
        assertFalse(env.step(1).terminated(), "at the flag but slower than the goal velocity");
        assertThrows(IllegalArgumentException.class, () -> new MountainCar(Double.NaN));
    }
}
