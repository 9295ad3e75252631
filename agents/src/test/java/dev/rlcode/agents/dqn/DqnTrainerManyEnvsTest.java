package dev.rlcode.agents.dqn;

import static dev.rlcode.agents.dqn.DqnTrainerTest.CHAIN;
import static dev.rlcode.agents.dqn.DqnTrainerTest.chain;
import static dev.rlcode.agents.dqn.DqnTrainerTest.curve;
import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.env.ActionMasked;
import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.ResetResult;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.core.space.Space;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code numEnvs > 1}: several envs, each on its own episode, stepped together. */
class DqnTrainerManyEnvsTest {

    @Test
    void fourEnvsSolveTheChainAndNeverActIllegally() throws IOException {
        DqnConfig cfg = chain(Map.of("numEnvs", 4));
        Map<String, Object> s = new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), null, null).train();
        double optimalMean = 0;
        ChainEnv probe = CHAIN.get();
        for (int p = 0; p < 4; p++) optimalMean += probe.optimalReturn(p) / 4;
        assertEquals(optimalMean, (double) s.get("eval_mean_return"), 0.02, "summary " + s);
        assertEquals(3000L, s.get("steps"), "every env step counts toward totalTimesteps, and no more are taken");
    }

    @Test
    void sameSeedGivesIdenticalCurveAndEveryEpisodeSeedIsUsedOnce(@TempDir Path tmp) throws IOException {
        DqnConfig cfg = chain(Map.of("prioritized", true, "nStep", 3, "dueling", true, "totalTimesteps", 1500,
                "numEnvs", 3));
        List<Long> seedsA = Collections.synchronizedList(new ArrayList<>());
        RunDir a = RunDir.create(tmp.resolve("a")), b = RunDir.create(tmp.resolve("b"));
        Map<String, Object> sa = new DqnTrainer(cfg, recording(seedsA), CpuBackend.scalar(), a, null).train();
        new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), b, null).train();
        assertFalse(curve(a).isEmpty());
        assertEquals(curve(a), curve(b), "the curve must not depend on how the env threads interleaved");

        // the resets of training episodes (the probe env and the final evaluation use other seeds)
        Map<Long, Long> trainFamily = new java.util.HashMap<>();
        for (long e = 0; e < 10_000; e++) trainFamily.put(EpisodeSeeds.train(cfg.seed(), e), e);
        List<Long> trainingResets = seedsA.stream().filter(trainFamily::containsKey).toList();
        long finished = ((Number) sa.get("episodes")).longValue();
        assertEquals(finished + 3, trainingResets.size(), "each env begins one episode more than it finishes");
        Set<Long> indices = new HashSet<>();
        for (long seed : trainingResets) indices.add(trainFamily.get(seed));
        assertEquals(trainingResets.size(), indices.size(), "no training episode seed is used twice");
        assertEquals(trainingResets.size() - 1, Collections.max(indices), "episodes 0..k-1 are seeded, none skipped");

        RunDir single = RunDir.create(tmp.resolve("single"));
        new DqnTrainer(ConfigOverrides.apply(cfg, Map.of("numEnvs", 1)), CHAIN, CpuBackend.scalar(), single, null)
                .train();
        assertNotEquals(curve(a), curve(single), "three envs interleave their episodes: another curve than one env");
    }

    @Test
    void resumedManyEnvRunContinuesExactlyAsTheUninterruptedRun(@TempDir Path tmp) throws IOException {
        DqnTrainerTest.assertResumeIsExact(tmp, 3);
    }

    @Test
    void envsStepConcurrently() throws IOException {
        int n = 3;
        // every step waits until all three envs are inside step(): that only returns if they run at the same time
        CyclicBarrier together = new CyclicBarrier(n);
        Supplier<Env<float[], Integer>> gated = () -> new Wrapped(CHAIN.get()) {
            @Override
            public StepResult<float[]> step(Integer a) {
                try {
                    together.await(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the envs were not stepped concurrently", e);
                }
                return super.step(a);
            }
        };
        // no run folder (so no checkpoint pauses), a step count divisible by 3 and no final evaluation (it plays
        // one env at a time): all three step every time
        DqnConfig cfg = chain(Map.of("numEnvs", n, "totalTimesteps", 600, "learningStarts", 100, "evalEpisodes", 0));
        Map<String, Object> s = new DqnTrainer(cfg, gated, CpuBackend.scalar(), null, null).train();
        assertEquals(600L, s.get("steps"));
    }

    @Test
    void aFailingEnvStopsTheRunWithItsErrorAndEveryEnvIsClosed() {
        AtomicInteger made = new AtomicInteger(), closed = new AtomicInteger();
        Supplier<Env<float[], Integer>> flaky = () -> {
            int id = made.getAndIncrement();
            return new Wrapped(CHAIN.get()) {
                int steps;

                @Override
                public StepResult<float[]> step(Integer a) {
                    if (id == 2 && ++steps == 50) throw new IllegalStateException("sandbox worker lost");
                    return super.step(a);
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        };
        DqnConfig cfg = chain(Map.of("numEnvs", 3));
        var e = assertThrows(IllegalStateException.class,
                () -> new DqnTrainer(cfg, flaky, CpuBackend.scalar(), null, null).train());
        assertEquals("sandbox worker lost", e.getMessage());
        assertEquals(made.get(), closed.get(), "every env made (the probe and the three of the run) is closed");
    }

    @Test
    void numEnvsBelowOneIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> chain(Map.of("numEnvs", 0)));
        assertTrue(e.getMessage().contains("numEnvs") && e.getMessage().contains(">= 1"), e.getMessage());
    }

    private static Supplier<Env<float[], Integer>> recording(List<Long> seeds) {
        return () -> new Wrapped(CHAIN.get()) {
            @Override
            public ResetResult<float[]> reset(long seed) {
                seeds.add(seed);
                return super.reset(seed);
            }
        };
    }

    /** A ChainEnv behind a subclassable wrapper (ChainEnv itself is final). */
    private static class Wrapped implements Env<float[], Integer>, ActionMasked {
        private final ChainEnv env;

        Wrapped(ChainEnv env) {
            this.env = env;
        }

        @Override
        public Space<float[]> observationSpace() {
            return env.observationSpace();
        }

        @Override
        public Space<Integer> actionSpace() {
            return env.actionSpace();
        }

        @Override
        public ResetResult<float[]> reset(long seed) {
            return env.reset(seed);
        }

        @Override
        public ResetResult<float[]> reset() {
            return env.reset();
        }

        @Override
        public StepResult<float[]> step(Integer action) {
            return env.step(action);
        }

        @Override
        public boolean[] actionMask() {
            return env.actionMask();
        }
    }
}
