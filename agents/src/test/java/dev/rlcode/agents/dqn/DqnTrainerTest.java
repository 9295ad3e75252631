package dev.rlcode.agents.dqn;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.checkpoint.Checkpoint;
import dev.rlcode.core.kernel.CpuBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DqnTrainerTest {

    static final Supplier<ChainEnv> CHAIN = () -> new ChainEnv(8);

    static DqnConfig chain(Map<String, ?> overrides) {
        DqnConfig base = ConfigOverrides.apply(DqnConfig.gridWorld(), Map.of(
                "envId", "Chain-test", "totalTimesteps", 3000, "learningStarts", 200, "bufferSize", 5000,
                "batchSize", 32, "hidden", "32", "targetNetworkFrequency", 100, "explorationFraction", 0.3,
                "evalEpisodes", 20, "masking", true));
        return ConfigOverrides.apply(base, overrides);
    }

    /** The curve: every metrics row without wall-clock fields. */
    static List<Map<String, Object>> curve(RunDir run) throws IOException {
        return run.readMetrics().stream().peek(m -> m.remove("steps_per_second")).toList();
    }

    @Test
    void maskedDqnSolvesTheChainAndNeverActsIllegally() throws IOException {
        DqnConfig cfg = chain(Map.of());
        var trainer = new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), null, null);
        Map<String, Object> s = trainer.train(); // ChainEnv throws on an illegal action, so finishing proves legality
        double optimalMean = 0;
        ChainEnv probe = CHAIN.get();
        for (int p = 0; p < 4; p++) optimalMean += probe.optimalReturn(p) / 4;
        assertEquals(optimalMean, (double) s.get("eval_mean_return"), 0.02, "summary " + s);
    }

    @Test
    void sameSeedGivesIdenticalLearningCurve(@TempDir Path tmp) throws IOException {
        DqnConfig cfg = chain(Map.of("prioritized", true, "nStep", 3, "dueling", true, "totalTimesteps", 1500));
        RunDir a = RunDir.create(tmp.resolve("a")), b = RunDir.create(tmp.resolve("b"));
        new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), a, null).train();
        new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), b, null).train();
        assertFalse(curve(a).isEmpty());
        assertEquals(curve(a), curve(b));
        RunDir c = RunDir.create(tmp.resolve("c"));
        new DqnTrainer(ConfigOverrides.apply(cfg, Map.of("seed", 2)), CHAIN, CpuBackend.scalar(), c, null).train();
        assertNotEquals(curve(a), curve(c), "a different seed must give a different curve");
    }

    @Test
    void resumedRunContinuesExactlyAsTheUninterruptedRun(@TempDir Path tmp) throws IOException {
        assertResumeIsExact(tmp, 1);
    }

    /**
     * Trains one run through, and the same run killed after step 1900 and resumed from its newest checkpoint
     * (taken every 700 steps), and asserts the two give the same curve and final evaluation.
     */
    static void assertResumeIsExact(Path tmp, int numEnvs) throws IOException {
        DqnConfig cfg = chain(Map.of("prioritized", true, "nStep", 3, "dueling", true, "evalFrequency", 500,
                "evalDuringEpisodes", 3, "checkpointFrequency", 700, "numEnvs", numEnvs));
        RunDir full = RunDir.create(tmp.resolve("full"));
        Map<String, Object> fullSummary = new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), full, null).train();

        RunDir cut = RunDir.create(tmp.resolve("cut"));
        DqnTrainer[] holder = new DqnTrainer[1];
        holder[0] = new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), cut, new DqnTrainer.Listener() {
            @Override
            public void onEpisode(Map<String, Object> row) {
                if (((Number) row.get("step")).longValue() > 1900) holder[0].requestStop(); // simulated kill
            }
        });
        cut.writeJson("config.json", ConfigOverrides.toMap(cfg));
        assertTrue(holder[0].train().isEmpty(), "a stopped run reports no summary");
        assertFalse(Files.exists(cut.dir().resolve("summary.json")));
        long ckptStep = Checkpoint.latest(cut.checkpoints()).orElseThrow().step();
        assertTrue(ckptStep >= 1400 && ckptStep < 1900 + 100, "checkpoint step " + ckptStep);

        DqnTrainer resumed = DqnTrainer.resume(cut, CHAIN, CpuBackend.scalar(), null);
        assertEquals(ckptStep, resumed.step());
        Map<String, Object> cutSummary = resumed.train();
        assertEquals(curve(full), curve(cut));
        assertEquals(fullSummary.get("eval_mean_return"), cutSummary.get("eval_mean_return"));
        assertEquals(fullSummary.get("eval_policy"), cutSummary.get("eval_policy"));
        assertTrue(Files.exists(cut.dir().resolve("metrics.jsonl.bak")), "pre-resume metrics kept");
    }

    /**
     * When the last step of the run ends an episode and a periodic checkpoint is due at that step, the run still
     * ends with one final checkpoint (it used to save the periodic one and then fail on the final one: "already
     * exists"); and a run left by that failure, whose newest checkpoint is at its last step, resumes to its end.
     */
    @Test
    void aCheckpointDueAtTheLastStepIsTheFinalOne(@TempDir Path tmp) throws IOException {
        for (int numEnvs : new int[] {1, 2}) {
            // episodes of exactly 4 steps, so every lane ends one at step 40
            DqnConfig cfg = chain(Map.of("totalTimesteps", 40, "learningStarts", 8, "checkpointFrequency", 20,
                    "masking", false, "evalEpisodes", 2, "numEnvs", numEnvs));
            RunDir run = RunDir.create(tmp.resolve("run-" + numEnvs));
            run.writeJson("config.json", ConfigOverrides.toMap(cfg));
            Map<String, Object> summary = new DqnTrainer(cfg, FixedLength::new, CpuBackend.scalar(), run, null).train();
            assertEquals(40L, ((Number) summary.get("steps")).longValue());
            Checkpoint last = Checkpoint.newest(run.checkpoints()).orElseThrow();
            assertEquals(40, last.step());
            assertEquals("final", last.meta().path("eval_policy").asText(), "the final checkpoint");

            // as the failure left it: the periodic checkpoint at step 40, no summary
            Files.delete(run.dir().resolve("summary.json"));
            DqnTrainer resumed = DqnTrainer.resume(run, FixedLength::new, CpuBackend.scalar(), null);
            assertEquals(40, resumed.step());
            assertEquals(summary.get("eval_mean_return"), resumed.train().get("eval_mean_return"));
            assertEquals(40, Checkpoint.newest(run.checkpoints()).orElseThrow().step());
        }
    }

    /** Episodes of exactly 4 steps (truncated), 2 actions, the observation is the step's fraction. */
    static final class FixedLength implements dev.rlcode.core.env.Env<float[], Integer> {
        private int t = -1;

        @Override
        public dev.rlcode.core.space.Space<float[]> observationSpace() {
            return dev.rlcode.core.space.Box.of(0f, 1f, 1);
        }

        @Override
        public dev.rlcode.core.space.Space<Integer> actionSpace() {
            return new dev.rlcode.core.space.Discrete(2);
        }

        @Override
        public dev.rlcode.core.env.ResetResult<float[]> reset(long seed) {
            return reset();
        }

        @Override
        public dev.rlcode.core.env.ResetResult<float[]> reset() {
            t = 0;
            return new dev.rlcode.core.env.ResetResult<>(new float[] {0f}, Map.of());
        }

        @Override
        public dev.rlcode.core.env.StepResult<float[]> step(Integer action) {
            if (t < 0 || t >= 4) throw new IllegalStateException("no episode running");
            t++;
            return new dev.rlcode.core.env.StepResult<>(new float[] {t / 4f}, action == 1 ? 1.0 : 0.0, false, t == 4,
                    Map.of());
        }
    }

    /**
     * With masking off the agent chooses among all actions, in exploration and greedily, whatever mask it is given:
     * trained through {@link dev.rlcode.core.wrapper.IllegalActionNoOp} it takes illegal actions (and so can learn
     * what they cost); with masking on it never does.
     */
    @Test
    void maskingOffIgnoresTheMaskWhenActing() throws IOException {
        for (boolean masking : new boolean[] {false, true}) {
            DqnConfig cfg = chain(Map.of("totalTimesteps", 600, "learningStarts", 600, "masking", masking,
                    "evalEpisodes", 2));
            int[] illegal = new int[1];
            Supplier<dev.rlcode.core.env.Env<float[], Integer>> wrapped = () -> new dev.rlcode.core.wrapper
                    .Wrapper<float[], Integer>(new dev.rlcode.core.wrapper.IllegalActionNoOp<>(CHAIN.get(), 24, -0.1,
                    -1.0)) {
                @Override
                public dev.rlcode.core.env.StepResult<float[]> step(Integer action) {
                    dev.rlcode.core.env.StepResult<float[]> r = super.step(action);
                    if (r.info().containsKey(dev.rlcode.core.wrapper.IllegalActionNoOp.ILLEGAL_ACTION)) {
                        illegal[0]++;
                    }
                    return r;
                }
            };
            new DqnTrainer(cfg, wrapped, CpuBackend.scalar(), null, null).train();
            if (masking) {
                assertEquals(0, illegal[0], "masked: no illegal action");
            } else {
                // uniform over 3 actions, "stay" always illegal and "left" in cell 0: at least a third are illegal
                assertTrue(illegal[0] > 150, "unmasked: illegal actions " + illegal[0] + " of 600+ steps");
            }
        }
        try (var be = CpuBackend.scalar()) {
            DqnAgent unmasked = new DqnAgent(chain(Map.of("masking", false)), be, 8, 3);
            boolean[] onlyFirst = {true, false, false};
            boolean other = false;
            for (int i = 0; i < 100 && !other; i++) other = unmasked.act(new float[8], onlyFirst, 1.0) != 0;
            assertTrue(other, "exploration ignores the mask");
            DqnAgent masked = new DqnAgent(chain(Map.of()), be, 8, 3);
            for (int i = 0; i < 100; i++) assertEquals(0, masked.act(new float[8], onlyFirst, 1.0));
        }
    }

    /** n-step returns with learning from the first step: no update is tried before the replay holds a transition. */
    @Test
    void nStepReturnsWithLearningFromTheFirstStepTrain() throws IOException {
        DqnConfig cfg = chain(Map.of("totalTimesteps", 200, "learningStarts", 0, "trainFrequency", 1, "nStep", 5,
                "numEnvs", 2, "evalEpisodes", 2));
        Map<String, Object> summary = new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), null, null).train();
        assertEquals(200L, ((Number) summary.get("steps")).longValue());
        assertTrue(((Number) summary.get("updates")).longValue() > 150, summary.toString());
    }

    @Test
    void resumeFromADamagedCheckpointFailsClearlyAndChangesNothing(@TempDir Path tmp) throws IOException {
        DqnConfig cfg = chain(Map.of("totalTimesteps", 1200, "checkpointFrequency", 500));
        RunDir run = RunDir.create(tmp.resolve("run"));
        run.writeJson("config.json", ConfigOverrides.toMap(cfg));
        new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), run, null).train();
        Path newest = Checkpoint.newest(run.checkpoints()).orElseThrow().dir();
        Path online = newest.resolve(Checkpoint.read(newest).entries().stream()
                .filter(e -> e.name().equals("online")).findFirst().orElseThrow().file());
        byte[] bytes = Files.readAllBytes(online);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(online, bytes);
        byte[] metricsBefore = Files.readAllBytes(run.metricsFile());
        var e = assertThrows(dev.rlcode.core.checkpoint.CheckpointException.class,
                () -> DqnTrainer.resume(run, CHAIN, CpuBackend.scalar(), null));
        assertTrue(e.getMessage().contains(newest.toString()) && e.getMessage().contains("checksum"), e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(online), "damaged checkpoint left as it was");
        assertArrayEquals(metricsBefore, Files.readAllBytes(run.metricsFile()), "metrics untouched");
        assertFalse(Files.exists(run.dir().resolve("metrics.jsonl.bak")));
    }

    @Test
    void resumeFromACheckpointWithABadManifestFieldNamesItAndChangesNothing(@TempDir Path tmp) throws Exception {
        DqnConfig cfg = chain(Map.of("totalTimesteps", 1200, "checkpointFrequency", 500));
        RunDir run = RunDir.create(tmp.resolve("run"));
        run.writeJson("config.json", ConfigOverrides.toMap(cfg));
        new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), run, null).train();
        Path manifest = Checkpoint.newest(run.checkpoints()).orElseThrow().dir().resolve("manifest.json");
        byte[] original = Files.readAllBytes(manifest), metricsBefore = Files.readAllBytes(run.metricsFile());
        String[][] damages = {{"episodes", null, "meta.episodes", "none"}, {"step", "\"abc\"", "meta.step", "\"abc\""},
                {"updates", "-3", "meta.updates", "-3"}, {"loss_sum", "\"many\"", "meta.loss_sum", "\"many\""},
                {"adam_step", "1.5", "meta.adam_step", "1.5"}};
        for (String[] d : damages) {
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) RunDir.JSON.readTree(original);
            var meta = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("meta");
            if (d[1] == null) meta.remove(d[0]);
            else meta.set(d[0], RunDir.JSON.readTree(d[1]));
            byte[] edited = RunDir.JSON.writeValueAsBytes(root);
            Files.write(manifest, edited); // with a matching checksum: the field checks, not the digest, must catch it
            Files.writeString(manifest.resolveSibling(Checkpoint.MANIFEST_SHA256), java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(edited)) + "  manifest.json\n");
            var e = assertThrows(IllegalArgumentException.class,
                    () -> DqnTrainer.resume(run, CHAIN, CpuBackend.scalar(), null), d[0]);
            assertTrue(e.getMessage().contains("manifest.json field " + d[2]) && e.getMessage().contains("actual " + d[3]),
                    e.getMessage());
            assertArrayEquals(metricsBefore, Files.readAllBytes(run.metricsFile()), "metrics untouched");
            assertFalse(Files.exists(run.dir().resolve("metrics.jsonl.bak")));
        }
    }

    /** config.json edited between stop and resume: only the run's length and reporting may change. */
    @Test
    void resumeRefusesAConfigThatDiffersFromTheCheckpointsExceptItsLength(@TempDir Path tmp) throws IOException {
        DqnConfig cfg = chain(Map.of("totalTimesteps", 1200, "checkpointFrequency", 500));
        RunDir run = RunDir.create(tmp.resolve("run"));
        run.writeJson("config.json", ConfigOverrides.toMap(cfg));
        DqnTrainer first = new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), run, null);
        first.train();
        byte[] metricsBefore = Files.readAllBytes(run.metricsFile());
        run.writeJson("config.json", ConfigOverrides.toMap(ConfigOverrides.apply(cfg, Map.of("seed", 7L,
                "learningRate", 0.5))));
        var e = assertThrows(IllegalArgumentException.class,
                () -> DqnTrainer.resume(run, CHAIN, CpuBackend.scalar(), null));
        assertTrue(e.getMessage().contains("config.json differs from the config checkpoint")
                && e.getMessage().contains("seed " + cfg.seed() + " -> 7")
                && e.getMessage().contains("learningRate " + cfg.learningRate() + " -> 0.5"), e.getMessage());
        assertArrayEquals(metricsBefore, Files.readAllBytes(run.metricsFile()), "metrics untouched");
        run.writeJson("config.json", ConfigOverrides.toMap(ConfigOverrides.apply(cfg, Map.of("totalTimesteps", 1500,
                "checkpointFrequency", 700))));
        DqnTrainer longer = DqnTrainer.resume(run, CHAIN, CpuBackend.scalar(), null);
        assertEquals(1200, longer.step(), "a longer run continues from the last checkpoint");
    }

    /** The cell of a ChainEnv observation (one-hot over its 8 cells) starting at {@code off}. */
    private static int cell(float[] obs, int off) {
        for (int i = 0; i < 8; i++) if (obs[off + i] == 1f) return i;
        throw new AssertionError("not a ChainEnv observation at " + off);
    }

    /**
     * A finished run ends mid-episode; made longer (config.json's totalTimesteps raised, then resume), it starts
     * new episodes. An n-step window left open by the cut episode must not be completed with the new episode's
     * steps: every stored transition of k steps (discount γ^k) moves k cells, since ChainEnv moves one cell a step.
     */
    @Test
    void aLongerResumedNStepRunNeverJoinsTwoEpisodesInOneTransition(@TempDir Path tmp) throws IOException {
        int n = 3;
        DqnConfig cfg = chain(Map.of("nStep", n, "totalTimesteps", 1201L, "checkpointFrequency", 500));
        RunDir run = RunDir.create(tmp.resolve("run"));
        run.writeJson("config.json", ConfigOverrides.toMap(cfg));
        DqnTrainer first = new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), run, null);
        first.train();
        Map<String, Object> finished = first.agent().replay.saveState();
        assertEquals(0, ((int[]) finished.get("nstep.0.count"))[0], "the cut episode's window was flushed");
        for (long more = 1; more <= 2 * n; more++) { // whatever the open window's length was, it would be completed
            RunDir copy = RunDir.create(tmp.resolve("longer-" + more));
            copyRun(run.dir(), copy.dir());
            copy.writeJson("config.json", ConfigOverrides.toMap(ConfigOverrides.apply(cfg,
                    Map.of("totalTimesteps", 1201L + (more - 1) % n + 1))));
            DqnTrainer longer = DqnTrainer.resume(copy, CHAIN, CpuBackend.scalar(), null);
            if (more > n) {
                // a final checkpoint written before that flush holds an open window: two steps of an episode
                // that is over (cell 3 -> 4 -> 5); the new episodes must not complete it
                float[] c3 = new float[8], c4 = new float[8], c5 = new float[8];
                c3[3] = 1f;
                c4[4] = 1f;
                c5[5] = 1f;
                boolean[] legal = {true, true, false};
                longer.agent().observe(0, c3, 1, -0.01, c4, false, false, legal);
                longer.agent().observe(0, c4, 1, -0.01, c5, false, false, legal);
            }
            longer.train();
            Map<String, Object> s = longer.agent().replay.saveState();
            float[] obs = (float[]) s.get("obs"), next = (float[]) s.get("nextObs");
            float[] discounts = (float[]) s.get("discounts");
            byte[] terminated = (byte[]) s.get("terminated");
            int size = ((int[]) s.get("size"))[0];
            for (int i = 0; i < size; i++) {
                int k = (int) Math.round(Math.log(discounts[i]) / Math.log(cfg.gamma()));
                int from = cell(obs, i * 8), to = cell(next, i * 8);
                assertTrue(k >= 1 && k <= n, "slot " + i + ": discount " + discounts[i]);
                assertEquals(k % 2, Math.abs(from - to) % 2, "+" + more + " steps, slot " + i + ": " + k
                        + "-step transition from cell " + from + " to " + to + " (terminated " + terminated[i] + ")");
            }
        }
    }

    private static void copyRun(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else if (!f.getFileName().toString().equals(".lock")) Files.copy(f, t,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void aRunWithoutEvaluationWritesNullFiguresNotNaN(@TempDir Path tmp) throws IOException {
        DqnConfig cfg = chain(Map.of("totalTimesteps", 60, "learningStarts", 20, "evalEpisodes", 0));
        RunDir run = RunDir.create(tmp.resolve("run"));
        new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), run, null).train();
        var summary = RunDir.JSON.readTree(run.dir().resolve("summary.json").toFile());
        assertEquals(0, summary.get("eval_episodes").asInt());
        assertTrue(summary.get("eval_mean_return").isNull(), summary.toString());
        assertTrue(summary.get("eval_std_return").isNull(), summary.toString());
    }

    /**
     * A run whose loss overflows (a goal reward of 1e30 under MSE: δ² is infinite in float) stops at that update,
     * saying where and what to change, instead of training on and checkpointing NaN weights; the metrics and the
     * checkpoint from before stay as they were, and no summary claims a result.
     */
    @Test
    void aDivergedRunStopsNamingTheStepAndKeepsWhatCameBefore(@TempDir Path tmp) throws IOException {
        DqnConfig cfg = chain(Map.of("loss", "mse", "checkpointFrequency", 100, "learningStarts", 200,
                "totalTimesteps", 1000));
        RunDir run = RunDir.create(tmp.resolve("run"));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new DqnTrainer(cfg, () -> new ChainEnv(8, 1e30), CpuBackend.scalar(), run, null).train());
        assertTrue(e.getMessage().startsWith("training diverged: the loss was Infinity at update "), e.getMessage());
        assertTrue(e.getMessage().contains("smaller learningRate"), e.getMessage());
        assertTrue(e.step() > 200 && e.step() < 1000, "step " + e.step());
        List<Map<String, Object>> rows = run.readMetrics();
        assertFalse(rows.isEmpty());
        for (Map<String, Object> row : rows) {
            assertTrue(((Number) row.get("step")).longValue() <= e.step(), row.toString());
        }
        // the checkpoints (each taken when the episode running at its due step ended) are all from before it
        List<Path> kept;
        try (var dirs = Files.list(run.checkpoints())) {
            kept = dirs.toList();
        }
        assertFalse(kept.isEmpty());
        for (Path dir : kept) {
            long keptStep = Checkpoint.read(dir).meta().get("step").asLong();
            assertTrue(keptStep < e.step(), "checkpoint of step " + keptStep + ", diverged at " + e.step());
        }
        assertFalse(Files.exists(run.dir().resolve("summary.json")));
        // the same settings with the standard goal reward train to the end
        assertNotNull(new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), null, null).train().get("eval_mean_return"));
    }

    /** A run resumed at its last step trains nothing itself: its rate is the whole run's, not 0. */
    @Test
    void aRunResumedAtItsEndReportsTheWholeRunsRate(@TempDir Path tmp) throws IOException {
        DqnConfig cfg = chain(Map.of("totalTimesteps", 300, "learningStarts", 50, "evalEpisodes", 2));
        RunDir run = RunDir.create(tmp.resolve("run"));
        run.writeJson("config.json", ConfigOverrides.toMap(cfg));
        Map<String, Object> first = new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), run, null).train();
        Files.delete(run.dir().resolve("summary.json"));
        DqnTrainer resumed = DqnTrainer.resume(run, CHAIN, CpuBackend.scalar(), null);
        assertEquals(300, resumed.step());
        Map<String, Object> again = resumed.train();
        double rate = ((Number) again.get("env_steps_per_second")).doubleValue();
        double wall = ((Number) again.get("wall_seconds")).doubleValue();
        assertTrue(rate > 0, "rate " + rate);
        assertEquals(300 / wall, rate, 1e-9 * rate);
        assertTrue(wall >= ((Number) first.get("wall_seconds")).doubleValue());
    }

    /** A checkpoint's best-network array is checked against the network when restored, like every other array. */
    @Test
    void resumeRefusesABestNetworkThatDoesNotFit(@TempDir Path tmp) throws Exception {
        DqnConfig cfg = chain(Map.of("totalTimesteps", 600, "learningStarts", 50, "evalFrequency", 200,
                "evalDuringEpisodes", 2, "checkpointFrequency", 1000));
        RunDir run = RunDir.create(tmp.resolve("run"));
        run.writeJson("config.json", ConfigOverrides.toMap(cfg));
        new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), run, null).train();
        Files.delete(run.dir().resolve("summary.json"));
        Path dir = Checkpoint.newest(run.checkpoints()).orElseThrow().dir();
        Path manifest = dir.resolve("manifest.json");
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) RunDir.JSON.readTree(manifest.toFile());
        var best = (com.fasterxml.jackson.databind.node.ObjectNode) java.util.stream.StreamSupport.stream(
                root.get("arrays").spliterator(), false).filter(a -> a.get("name").asText().equals("best"))
                .findFirst().orElseThrow(() -> new AssertionError("no best array in " + root));
        byte[] shortBest = new byte[40]; // ten floats, checksummed as if written so
        Files.write(dir.resolve(best.get("file").asText()), shortBest);
        best.put("length", 10);
        best.put("sha256", java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(shortBest)));
        byte[] edited = RunDir.JSON.writeValueAsBytes(root);
        Files.write(manifest, edited);
        Files.writeString(dir.resolve(Checkpoint.MANIFEST_SHA256), java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(edited)) + "  manifest.json\n");
        byte[] metricsBefore = Files.readAllBytes(run.metricsFile());
        var e = assertThrows(IllegalArgumentException.class,
                () -> DqnTrainer.resume(run, CHAIN, CpuBackend.scalar(), null));
        assertTrue(e.getMessage().contains("best params") && e.getMessage().contains("actual 10"), e.getMessage());
        assertArrayEquals(metricsBefore, Files.readAllBytes(run.metricsFile()), "metrics untouched");
    }

    /**
     * A stop requested during the final evaluation (which may be long: Ctrl-C gives it a minute) ends it at once and
     * saves the trained state: no summary (as for any stop), and a resume redoes only the ending.
     */
    @Test
    void aStopDuringTheFinalEvaluationEndsItSavesTheRunAndResumeFinishes(@TempDir Path tmp) throws IOException {
        DqnConfig cfg = chain(Map.of("totalTimesteps", 300, "learningStarts", 50, "evalEpisodes", 500,
                "checkpointFrequency", 1000));
        RunDir full = RunDir.create(tmp.resolve("full"));
        Map<String, Object> fullSummary = new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), full, null).train();

        RunDir run = RunDir.create(tmp.resolve("run"));
        run.writeJson("config.json", ConfigOverrides.toMap(cfg));
        DqnTrainer[] holder = new DqnTrainer[1];
        java.util.concurrent.atomic.AtomicInteger evalResets = new java.util.concurrent.atomic.AtomicInteger();
        // the final evaluation makes its env after the last step: Ctrl-C arrives then
        holder[0] = new DqnTrainer(cfg, () -> {
            boolean evaluating = holder[0] != null && holder[0].step() == 300;
            if (evaluating) holder[0].requestStop();
            ChainEnv env = CHAIN.get();
            return !evaluating ? env : new dev.rlcode.core.wrapper.Wrapper<float[], Integer>(env) {
                @Override
                public dev.rlcode.core.env.ResetResult<float[]> reset(long seed) {
                    evalResets.incrementAndGet();
                    return super.reset(seed);
                }
            };
        }, CpuBackend.scalar(), run, null);
        assertTrue(holder[0].train().isEmpty(), "a stopped run reports no summary");
        assertFalse(Files.exists(run.dir().resolve("summary.json")));
        assertEquals(0, evalResets.get(), "no evaluation episode after the stop");
        assertEquals(300, Checkpoint.latest(run.checkpoints()).orElseThrow().step(), "the trained state is saved");
        Map<String, Object> again = DqnTrainer.resume(run, CHAIN, CpuBackend.scalar(), null).train();
        assertEquals(fullSummary.get("eval_mean_return"), again.get("eval_mean_return"));
        assertTrue(Files.exists(run.dir().resolve("summary.json")));
    }

    /** A network too large for one array, or for the heap, is refused before anything is allocated. */
    @Test
    void aNetworkThatCannotFitIsRefusedBeforeAllocating() {
        // a width whose square, in seven float arrays, is a tenth more than this JVM's heap (and fits one array)
        int w = (int) Math.ceil(Math.sqrt(Runtime.getRuntime().maxMemory() / 28.0) * 1.1);
        org.junit.jupiter.api.Assumptions.assumeTrue(w < 46_000, "a heap this large holds any one-array network");
        for (List<Integer> hidden : List.of(List.of(100_000, 100_000), List.of(w, w))) {
            DqnConfig cfg = chain(Map.of("hidden", hidden));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), null, null), hidden.toString());
            assertTrue(e.getMessage().startsWith("hidden [" + hidden.get(0) + ", " + hidden.get(1) + "]: a network of ")
                    && e.getMessage().contains(" parameters"), e.getMessage());
        }
    }

    @Test
    void anActionSpaceThatDoesNotStartAtZeroIsRefusedNamingIt() {
        DqnConfig cfg = chain(Map.of("masking", false));
        Supplier<dev.rlcode.core.env.Env<float[], Integer>> shifted = () -> new ShiftedChain(CHAIN.get());
        var e = assertThrows(IllegalArgumentException.class,
                () -> new DqnTrainer(cfg, shifted, CpuBackend.scalar(), null, null));
        assertTrue(e.getMessage().contains("starting at 0") && e.getMessage().contains("start=1"), e.getMessage());
    }

    @Test
    void maskingOnAnEnvWithoutMasksIsRefusedClearly() {
        DqnConfig cfg = ConfigOverrides.apply(DqnConfig.cartPole(), Map.of("masking", true));
        Supplier<dev.rlcode.core.env.Env<float[], Integer>> unmasked = () -> new UnmaskedChain(CHAIN.get());
        var e = assertThrows(IllegalArgumentException.class,
                () -> new DqnTrainer(cfg, unmasked, CpuBackend.scalar(), null, null));
        assertTrue(e.getMessage().contains("masking"), e.getMessage());
    }

    @Test
    void maskingOffOnAnEnvThatRefusesIllegalActionsIsRefusedUnlessWrappedInIllegalActionNoOp() throws IOException {
        DqnConfig cfg = chain(Map.of("masking", false, "totalTimesteps", 50, "learningStarts", 10, "evalEpisodes", 1));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new DqnTrainer(cfg, CHAIN, CpuBackend.scalar(), null, null));
        assertTrue(e.getMessage().contains("masking") && e.getMessage().contains("IllegalActionNoOp"), e.getMessage());
        Map<String, Object> summary = new DqnTrainer(cfg, () -> new dev.rlcode.core.wrapper.IllegalActionNoOp<>(
                CHAIN.get(), 24, -0.1, -1.0), CpuBackend.scalar(), null, null).train();
        assertEquals(50L, ((Number) summary.get("steps")).longValue());
    }

    /** Hides ChainEnv's mask. */
    record UnmaskedChain(ChainEnv env) implements dev.rlcode.core.env.Env<float[], Integer> {
        public dev.rlcode.core.space.Space<float[]> observationSpace() { return env.observationSpace(); }
        public dev.rlcode.core.space.Space<Integer> actionSpace() { return env.actionSpace(); }
        public dev.rlcode.core.env.ResetResult<float[]> reset(long seed) { return env.reset(seed); }
        public dev.rlcode.core.env.ResetResult<float[]> reset() { return env.reset(); }
        public dev.rlcode.core.env.StepResult<float[]> step(Integer a) { return env.step(a); }
    }

    /** ChainEnv's moves as actions 1..3 (Gymnasium's Discrete(3, start=1)). */
    record ShiftedChain(ChainEnv env) implements dev.rlcode.core.env.Env<float[], Integer> {
        public dev.rlcode.core.space.Space<float[]> observationSpace() { return env.observationSpace(); }
        public dev.rlcode.core.space.Space<Integer> actionSpace() { return new dev.rlcode.core.space.Discrete(3, 1); }
        public dev.rlcode.core.env.ResetResult<float[]> reset(long seed) { return env.reset(seed); }
        public dev.rlcode.core.env.ResetResult<float[]> reset() { return env.reset(); }
        public dev.rlcode.core.env.StepResult<float[]> step(Integer a) { return env.step(a - 1); }
    }
}
