package dev.rlcode.core.wrapper;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.env.ActionMasked;
import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.testenv.MaskedWalkEnv;
import dev.rlcode.core.testenv.WalkEnv;
import org.junit.jupiter.api.Test;

class WrapperTest {

    @Test
    void forwardsEveryCallUnchanged() {
        WalkEnv plain = new WalkEnv();
        Wrapper<float[], Integer> wrapped = new Wrapper<>(new WalkEnv());
        assertEquals(plain.observationSpace(), wrapped.observationSpace());
        assertEquals(plain.actionSpace(), wrapped.actionSpace());
        assertArrayEquals(plain.reset(5).observation(), wrapped.reset(5).observation());
        for (int t = 0; t < 30; t++) {
            StepResult<float[]> a = plain.step(1), b = wrapped.step(1);
            assertArrayEquals(a.observation(), b.observation());
            assertEquals(a.reward(), b.reward());
            assertEquals(a.terminated(), b.terminated());
            assertEquals(a.info(), b.info());
            if (a.done()) {
                assertArrayEquals(plain.reset().observation(), wrapped.reset().observation());
            }
        }
    }

    @Test
    void unwrappedReachesTheInnermostEnv() {
        WalkEnv inner = new WalkEnv();
        var outer = new Wrapper<>(new TimeLimit<>(inner, 5));
        assertSame(inner, outer.unwrapped());
        assertInstanceOf(TimeLimit.class, outer.inner());
    }

    @Test
    void masksAreReachableThroughWrappers() {
        MaskedWalkEnv inner = new MaskedWalkEnv(10, 0, false);
        Env<float[], Integer> env = new EpisodeStatistics<>(new TimeLimit<>(inner, 50));
        assertFalse(env instanceof ActionMasked);
        assertTrue(Wrapper.isMasked(env));
        assertSame(inner, Wrapper.findActionMasked(env).orElseThrow());
        env.reset(0);                                   // cell 1: jump illegal
        assertArrayEquals(new boolean[] {true, true, false}, Wrapper.actionMask(env));
        env.step(1);                                    // cell 2: jump legal
        assertArrayEquals(new boolean[] {true, true, true}, Wrapper.actionMask(env));
        env.step(1);                                    // cell 3: illegal jump is rejected through the wrappers
        assertThrows(IllegalArgumentException.class, () -> env.step(2));
    }

    @Test
    void unmaskedEnvHasNoMask() {
        Env<float[], Integer> env = new TimeLimit<>(new WalkEnv(), 5);
        assertFalse(Wrapper.isMasked(env));
        assertTrue(Wrapper.findActionMasked(env).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Wrapper.actionMask(env));
        assertTrue(e.getMessage().contains("ActionMasked"), e.getMessage());
    }

    /** A wrapper that masks out the jump everywhere: being outermost, its mask wins. */
    static final class NoJump extends Wrapper<float[], Integer> implements ActionMasked {
        NoJump(Env<float[], Integer> env) {
            super(env);
        }

        @Override
        public boolean[] actionMask() {
            return new boolean[] {true, true, false};
        }
    }

    @Test
    void outermostMaskingLayerWins() {
        Env<float[], Integer> env = new TimeLimit<>(new NoJump(new MaskedWalkEnv(10, 0, false)), 50);
        env.reset(0);
        env.step(1);                                    // cell 2: the inner env allows the jump, NoJump does not
        assertArrayEquals(new boolean[] {true, true, false}, Wrapper.actionMask(env));
    }
}
