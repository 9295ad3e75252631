package dev.rlcode.core.wrapper;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.testenv.WalkEnv;
import org.junit.jupiter.api.Test;

class TimeLimitTest {

    /** From cell 1 without slip, right-left-right... never terminates. */
    private static TimeLimit<float[], Integer> bouncing(int maxSteps) {
        return new TimeLimit<>(new WalkEnv(10, 0, false), maxSteps);
    }

    @Test
    void truncatesExactlyAtTheLimit() {
        var env = bouncing(5);
        env.reset(0);
        for (int t = 1; t <= 5; t++) {
            StepResult<float[]> r = env.step(t % 2 == 1 ? 1 : 0);
            assertEquals(t == 5, r.truncated(), "step " + t);
            assertFalse(r.terminated());
            assertEquals(t, env.elapsedSteps());
        }
        assertThrows(IllegalStateException.class, () -> env.step(1));
    }

    @Test
    void resetStartsANewCount() {
        var env = bouncing(3);
        env.reset(0);
        for (int t = 0; t < 3; t++) env.step(t % 2 == 0 ? 1 : 0);
        env.reset();
        assertEquals(0, env.elapsedSteps());
        assertFalse(env.step(1).truncated());
        assertFalse(env.step(0).truncated());
        assertTrue(env.step(1).truncated());
    }

    @Test
    void keepsTerminatedFromTheInnerEnv() {
        var env = bouncing(10);
        env.reset(0);
        StepResult<float[]> r = env.step(0);           // cell 1 -> 0: terminal
        assertTrue(r.terminated());
        assertFalse(r.truncated());
        assertEquals(-1, r.reward());
        assertThrows(IllegalStateException.class, () -> env.step(1));
    }

    @Test
    void terminalOnTheLastAllowedStepSetsBothFlags() {
        var env = bouncing(1);
        env.reset(0);
        StepResult<float[]> r = env.step(0);
        assertTrue(r.terminated());
        assertTrue(r.truncated());
    }

    @Test
    void stepBeforeResetThrows() {
        assertThrows(IllegalStateException.class, () -> bouncing(5).step(1));
    }

    @Test
    void rejectsNonPositiveLimit() {
        assertThrows(IllegalArgumentException.class, () -> bouncing(0));
    }
}
