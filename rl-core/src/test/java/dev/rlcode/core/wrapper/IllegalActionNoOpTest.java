package dev.rlcode.core.wrapper;

import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.testenv.MaskedWalkEnv;
import dev.rlcode.core.testenv.WalkEnv;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IllegalActionNoOpTest {

    private static final int LEFT = 0, RIGHT = 1, JUMP = 2;

    @Test
    void illegalActionIsNotForwardedAndCostsThePenalty() {
        MaskedWalkEnv inner = new MaskedWalkEnv(10, 0, false);
        IllegalActionNoOp<float[]> env = new IllegalActionNoOp<>(inner, 20, -0.05, -1);
        float[] start = env.reset(3).observation();
        assertFalse(env.actionMask()[JUMP], "jump is illegal from the odd start cell");
        StepResult<float[]> r = env.step(JUMP);
        assertEquals(1, inner.cell(), "the inner env did not move");
        assertArrayEquals(start, r.observation());
        assertEquals(-0.05, r.reward());
        assertEquals(true, r.info().get(IllegalActionNoOp.ILLEGAL_ACTION));
        assertFalse(r.done());
        assertEquals(1, env.illegalActions());
    }

    @Test
    void legalActionsAreForwardedUnchanged() {
        MaskedWalkEnv inner = new MaskedWalkEnv(10, 0, false);
        IllegalActionNoOp<float[]> env = new IllegalActionNoOp<>(inner, 20, -0.05, -1);
        env.reset(3);
        StepResult<float[]> r = env.step(RIGHT);
        assertEquals(2, inner.cell());
        assertEquals(-0.01, r.reward());
        assertFalse(r.info().containsKey(IllegalActionNoOp.ILLEGAL_ACTION));
        r = env.step(JUMP);
        assertEquals(4, inner.cell(), "jump is legal from cell 2");
        assertEquals(0, env.illegalActions());
    }

    @Test
    void everyActionCountsAgainstTheBudgetAndTheLastStepTruncates() {
        IllegalActionNoOp<float[]> env = new IllegalActionNoOp<>(new MaskedWalkEnv(10, 0, false), 4, -0.05, -1);
        env.reset(3);
        assertFalse(env.step(RIGHT).done());
        env.step(LEFT); // back to cell 1, where jump is illegal
        assertFalse(env.step(JUMP).done());
        StepResult<float[]> last = env.step(JUMP);
        assertTrue(last.truncated());
        assertFalse(last.terminated());
        assertEquals(-1.05, last.reward(), 1e-12);
        assertEquals(false, last.info().get("success"));
        assertEquals(2, env.illegalActions());
        assertThrows(IllegalStateException.class, () -> env.step(RIGHT), "episode over");
        env.reset(4);
        assertEquals(0, env.illegalActions(), "a reset starts a new count");
        assertFalse(env.step(RIGHT).done());

        // the same episode with limitTerminates: the budget ends it as terminated, with the same reward
        IllegalActionNoOp<float[]> ends = new IllegalActionNoOp<>(new MaskedWalkEnv(10, 0, false), 4, -0.05, -1,
                true);
        ends.reset(3);
        ends.step(RIGHT);
        ends.step(LEFT);
        ends.step(JUMP);
        StepResult<float[]> t = ends.step(JUMP);
        assertTrue(t.terminated());
        assertFalse(t.truncated());
        assertEquals(last.reward(), t.reward(), 0.0);
        assertEquals(false, t.info().get("success"));
    }

    @Test
    void innerTerminationEndsTheEpisodeWithoutTheTruncationReward() {
        MaskedWalkEnv inner = new MaskedWalkEnv(3, 0, false);
        IllegalActionNoOp<float[]> env = new IllegalActionNoOp<>(inner, 2, -0.05, -1);
        env.reset(1);
        env.step(RIGHT);
        StepResult<float[]> r = env.step(RIGHT);
        assertTrue(r.terminated());
        assertFalse(r.truncated());
        assertEquals(1.0, r.reward());
    }

    @Test
    void rejectsUnmaskedEnvsBadBudgetsAndStepsBeforeReset() {
        assertThrows(IllegalArgumentException.class, () -> new IllegalActionNoOp<>(new WalkEnv(), 5, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new IllegalActionNoOp<>(new MaskedWalkEnv(), 0, 0, -1));
        IllegalActionNoOp<float[]> env = new IllegalActionNoOp<>(new MaskedWalkEnv(), 5, 0, -1);
        assertThrows(IllegalStateException.class, () -> env.step(RIGHT));
    }

    /** An action space {5, 6, 7} whose mask index 0 is action 5 (Discrete's start), with 6 always illegal. */
    static final class ShiftedEnv implements dev.rlcode.core.env.Env<float[], Integer>,
            dev.rlcode.core.env.ActionMasked {
        int taken = -1;

        @Override
        public dev.rlcode.core.space.Space<float[]> observationSpace() {
            return dev.rlcode.core.space.Box.of(0, 10, 1);
        }

        @Override
        public dev.rlcode.core.space.Space<Integer> actionSpace() {
            return new dev.rlcode.core.space.Discrete(3, 5);
        }

        @Override
        public dev.rlcode.core.env.ResetResult<float[]> reset(long seed) {
            return reset();
        }

        @Override
        public dev.rlcode.core.env.ResetResult<float[]> reset() {
            return new dev.rlcode.core.env.ResetResult<>(new float[] {0});
        }

        @Override
        public StepResult<float[]> step(Integer action) {
            taken = action;
            return new StepResult<>(new float[] {action}, 1, false, false);
        }

        @Override
        public boolean[] actionMask() {
            return new boolean[] {true, false, true};
        }
    }

    @Test
    void theMaskIsReadFromTheActionSpacesStart() {
        ShiftedEnv inner = new ShiftedEnv();
        IllegalActionNoOp<float[]> env = new IllegalActionNoOp<>(inner, 10, -0.05, -1);
        env.reset(1);
        for (int action : new int[] {5, 7}) {
            StepResult<float[]> r = env.step(action);
            assertEquals(action, inner.taken, "legal action " + action + " is forwarded");
            assertEquals(1.0, r.reward());
        }
        StepResult<float[]> r = env.step(6);
        assertEquals(7, inner.taken, "illegal action 6 is not forwarded");
        assertEquals(-0.05, r.reward());
        assertEquals(true, r.info().get(IllegalActionNoOp.ILLEGAL_ACTION));
        for (Integer outside : new Integer[] {0, 2, 8, null}) { // not in Discrete(3, start 5): an agent bug
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(outside));
            assertTrue(e.getMessage().contains("actual " + outside), e.getMessage());
        }
        assertEquals(7, inner.taken);
    }

    @Test
    void anIllegalStepReturnsANewArrayAndTheWrappedEnvPassesTheCheckerAndVectorEnvs() {
        IllegalActionNoOp<float[]> env = new IllegalActionNoOp<>(new MaskedWalkEnv(10, 0, false), 20, -0.05, -1);
        float[] start = env.reset(3).observation();
        float[] after = env.step(JUMP).observation();
        assertArrayEquals(start, after);
        assertFalse(start == after, "a new array, as every step's (replay buffers keep references)");
        assertFalse(env.refusesIllegalActions());

        var report = dev.rlcode.core.env.EnvChecker.check(() -> new IllegalActionNoOp<>(new MaskedWalkEnv(10, 0,
                false), 20, -0.05, -1.0));
        assertEquals(dev.rlcode.core.env.EnvChecker.Status.SKIP,
                report.status(dev.rlcode.core.env.EnvChecker.ILLEGAL_ACTION_THROWS), report.toString());

        try (var vec = dev.rlcode.core.vector.SyncVectorEnv.of(2, () -> new IllegalActionNoOp<>(
                new MaskedWalkEnv(10, 0, false), 20, -0.05, -1.0))) {
            vec.reset(0);
            var r = vec.step(new int[] {JUMP, JUMP}); // masked out in both: penalised no-ops, not an error
            assertEquals(-0.05, r.rewards()[0]);
            assertThrows(IllegalArgumentException.class, () -> vec.step(new int[] {3, 0}), "outside the space");
        }
    }
}
