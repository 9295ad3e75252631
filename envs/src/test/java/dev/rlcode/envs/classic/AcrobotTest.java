package dev.rlcode.envs.classic;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.rng.Rng;
import org.junit.jupiter.api.Test;

class AcrobotTest {

    @Test
    void startStateIsFloat32UniformInPlusMinus01() {
        for (int seed = 0; seed < 500; seed++) {
            Acrobot env = new Acrobot();
            env.reset(seed);
            for (double v : env.state()) {
                assertTrue(v >= -0.1 && v <= 0.1, "start component " + v);
                assertEquals(v, (double) (float) v, 0.0, "rounded to float32 like Gymnasium's reset");
            }
        }
    }

    @Test
    void anglesAreWrappedAndVelocitiesBoundedOnEveryStep() {
        Acrobot env = new Acrobot();
        env.reset(11);
        Rng rng = Rng.of(2);
        int terminations = 0;
        for (int t = 0; t < 5000; t++) {
            StepResult<float[]> r = env.step(t % 50 < 25 ? 2 : rng.nextInt(3));
            double[] s = env.state();
            assertTrue(Math.abs(s[0]) <= Math.PI && Math.abs(s[1]) <= Math.PI, "angles " + s[0] + ", " + s[1]);
            assertTrue(Math.abs(s[2]) <= 4 * Math.PI && Math.abs(s[3]) <= 9 * Math.PI, "velocities");
            assertEquals(r.terminated() ? 0.0 : -1.0, r.reward());
            if (r.terminated()) {
                terminations++;
                env.reset();
            }
        }
        assertTrue(terminations > 0, "some episode reached the target height");
    }

    @Test
    void velocityIsClippedToFourPi() {
        Acrobot env = new Acrobot();
        env.setState(0, 0, 12.5, 0);
        env.step(2);
        assertTrue(env.state()[2] <= 4 * Math.PI);
    }

    @Test
    void terminatesWhenTheTipIsAboveTheTarget() {
        Acrobot env = new Acrobot();
        env.setState(Math.PI, 0, 0, 0);                  // both links straight up: tip height 2 > 1
        StepResult<float[]> r = env.step(1);
        assertTrue(r.terminated());
        assertEquals(0.0, r.reward());
        assertThrows(IllegalArgumentException.class, () -> env.setState(0, 0, 0));
    }
}
