package dev.rlcode.core.wrapper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.core.env.EnvChecker;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.rng.Rng;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.testenv.MaskedWalkEnv;
import dev.rlcode.core.testenv.WalkEnv;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class FrameStackAndNormalizeRewardTest {

    private static float[] concat(Deque<float[]> frames) {
        float[] out = new float[frames.size() * 2];
        int i = 0;
        for (float[] f : frames) {
            System.arraycopy(f, 0, out, i, f.length);
            i += f.length;
        }
        return out;
    }

    @Test
    void frameStackShowsTheLastKObservationsOldestFirstPaddedWithTheResetOne() {
        int k = 3;
        FrameStack<Integer> env = new FrameStack<>(new TimeLimit<>(new WalkEnv(), 8), k);
        WalkEnv plain = new WalkEnv();
        Box box = (Box) env.observationSpace();
        assertEquals(6, box.dim());
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0}, box.low());
        Rng actions = Rng.of(3);
        for (int episode = 0; episode < 5; episode++) {
            float[] first = plain.reset(10 + episode).observation();
            Deque<float[]> frames = new ArrayDeque<>();
            for (int i = 0; i < k; i++) frames.addLast(first);
            assertArrayEquals(concat(frames), env.reset(10 + episode).observation());
            for (int t = 0; t < 8; t++) {
                int a = actions.nextInt(3);
                StepResult<float[]> s = plain.step(a), r = env.step(a);
                frames.removeFirst();
                frames.addLast(s.observation());
                assertArrayEquals(concat(frames), r.observation(), "episode " + episode + ", step " + t);
                assertEquals(s.reward(), r.reward());
                if (r.done()) break;
            }
        }
        EnvChecker.check(() -> new FrameStack<>(new TimeLimit<>(new MaskedWalkEnv(), 20), 4));
        assertThrows(IllegalArgumentException.class, () -> new FrameStack<>(new WalkEnv(), 0));
    }

    @Test
    void normalizeRewardDividesByTheRunningStdOfTheDiscountedReturnAsGymnasiumDoes() {
        double gamma = 0.9;
        NormalizeReward<float[], Integer> env = new NormalizeReward<>(new TimeLimit<>(new WalkEnv(), 6), gamma, 1e-8);
        TimeLimit<float[], Integer> plain = new TimeLimit<>(new WalkEnv(), 6);
        // the closed form of the statistics: a prior of mean 0, variance 1 and weight 1e-4 pooled with every g
        double c0 = 1e-4, sum = 0, sumSq = 0, g = 0;
        int n = 0, terminations = 0, truncations = 0;
        Rng actions = Rng.of(5);
        env.reset(1);
        plain.reset(1);
        for (int t = 0; t < 400; t++) {
            int a = actions.nextInt(3);
            StepResult<float[]> s = plain.step(a), r = env.step(a);
            g = g * gamma * (s.terminated() ? 0 : 1) + s.reward();
            sum += g;
            sumSq += g * g;
            n++;
            double mean = sum / (c0 + n), var = (c0 + sumSq) / (c0 + n) - mean * mean;
            assertEquals(s.reward() / Math.sqrt(var + 1e-8), r.reward(), 1e-9, "step " + t);
            assertEquals(mean, env.statistics().mean(), 1e-12);
            if (s.done()) {
                terminations += s.terminated() ? 1 : 0;
                truncations += s.truncated() && !s.terminated() ? 1 : 0;
                env.reset();
                plain.reset();
            }
        }
        assertTrue(terminations > 5 && truncations > 5, terminations + " / " + truncations);
        env.setUpdating(false);
        NormalizeReward.Statistics frozen = env.statistics();
        env.step(1);
        assertEquals(frozen, env.statistics(), "frozen statistics do not move");
        assertThrows(IllegalArgumentException.class, () -> new NormalizeReward<>(new WalkEnv(), 1.5, 1e-8));
    }
}
