package dev.rlcode.agents.executive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.envs.code.CodeJudge;
import dev.rlcode.envs.code.ExecutiveConfig;
import dev.rlcode.envs.code.ExecutiveEpisode;
import dev.rlcode.envs.code.model.CodeModel;
import dev.rlcode.envs.code.model.Completion;
import dev.rlcode.envs.code.model.GenerateRequest;
import dev.rlcode.envs.code.model.IntegrateRequest;
import dev.rlcode.envs.code.model.Plan;
import dev.rlcode.envs.code.model.PlanRequest;
import dev.rlcode.envs.code.model.RepairRequest;
import dev.rlcode.envs.code.retrieval.NoteIndex;
import dev.rlcode.envs.code.sandbox.ExecutionResult;
import dev.rlcode.envs.code.task.CodeTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training several Executive candidates and keeping the best on training-task validation episodes. */
class ExecutiveCandidatesTest {

    @TempDir
    Path tmp;

    /** Generate and repair each give working code with probability one half (seeded by the episode). */
    static final class CoinModel implements CodeModel {
        final SplittableRandom rng;

        CoinModel(long seed) {
            rng = new SplittableRandom(seed);
        }

        @Override
        public Completion generate(GenerateRequest r) {
            return new Completion(rng.nextBoolean() ? "good" : "bad", 1, 1, 0);
        }

        @Override
        public Completion repair(RepairRequest r) {
            return new Completion(rng.nextBoolean() ? "good" : r.code(), 1, 1, 0);
        }

        @Override
        public Plan plan(PlanRequest r) {
            throw new UnsupportedOperationException("not used by the Executive");
        }

        @Override
        public Completion integrate(IntegrateRequest r) {
            throw new UnsupportedOperationException("not used by the Executive");
        }
    }

    static final CodeJudge JUDGE = (task, code, hidden) -> code.equals("good") ? new ExecutionResult.Passed(1)
            : new ExecutionResult.TestFailed("testOne", "expected 1");

    static ExecutiveSetup setup() {
        CodeTask a = ExecutiveEvaluationTest.TASK;
        CodeTask b = ExecutiveEvaluationTest.ADDER_TASK;
        return new ExecutiveSetup(List.of(a), List.of(b), List.of(), CoinModel::new, JUDGE,
                NoteIndex.of(List.of()));
    }

    static DqnConfig dqn() {
        return ConfigOverrides.apply(DqnConfig.executive(), Map.of("seed", 5, "totalTimesteps", 300,
                "learningStarts", 100));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCandidateWithTheBestValidationSuccessIsKeptAndOnlyItIsEvaluatedHeldOut() throws Exception {
        RunDir run = RunDir.create(tmp.resolve("run"));
        ExecutiveConfig env = ExecutiveConfig.defaults();
        ExecutiveTraining.Result r = ExecutiveTraining.run(setup(), env, env, dqn(), CpuBackend.scalar(), 20, 3, 40,
                run, null);
        Map<String, Object> s = r.summary();
        List<Map<String, Object>> candidates = (List<Map<String, Object>>) s.get("candidates");
        assertEquals(3, candidates.size());
        assertEquals(5L, candidates.get(0).get("seed"), "candidate 0 is the plain run of the run seed");
        assertEquals(3, new HashSet<>(candidates.stream().map(c -> c.get("seed")).toList()).size(), "distinct seeds");
        assertEquals(5L, s.get("seed"), "the held-out episodes stay those of the run seed");
        assertEquals(40, s.get("validation_episodes"));
        assertEquals(20, s.get("episodes"));
        // the rule: most validation successes, then fewest LLM calls per solved task, then the earliest
        Map<String, Object> expected = candidates.get(0);
        for (Map<String, Object> c : candidates) {
            double sc = (Double) c.get("validation_success_rate"), se = (Double) expected.get("validation_success_rate");
            Double cc = (Double) c.get("validation_llm_calls_per_success");
            Double ce = (Double) expected.get("validation_llm_calls_per_success");
            if (sc > se || (sc == se && cc != null && (ce == null || cc < ce))) {
                expected = c;
            }
        }
        assertEquals(expected.get("seed"), s.get("selected_seed"));
        // the chosen candidate's checkpoints and metrics are the run's, so eval-code and the report use it
        Path chosen = tmp.resolve("run/candidates/seed-" + s.get("selected_seed"));
        assertEquals(names(chosen.resolve("checkpoints")), names(run.checkpoints()));
        assertFalse(names(run.checkpoints()).isEmpty());
        assertEquals(Files.readString(chosen.resolve("metrics.jsonl")), Files.readString(run.metricsFile()));
        for (Map<String, Object> c : candidates) {
            assertTrue(Files.isRegularFile(tmp.resolve("run/candidates/seed-" + c.get("seed") + "/config.json")));
        }
        assertEquals(String.valueOf(s.get("selected_seed")),
                String.valueOf(run.readJson("summary.json").get("selected_seed")), "summary.json written");

        // one candidate is the plain run: the same summary keys as before, no validation
        ExecutiveTraining.Result plain = ExecutiveTraining.run(setup(), env, env, dqn(), CpuBackend.scalar(), 20, 1,
                40, null, null);
        assertFalse(plain.summary().containsKey("candidates"));
        assertThrows(IllegalArgumentException.class, () -> ExecutiveTraining.run(setup(), env, env, dqn(),
                CpuBackend.scalar(), 20, 0, 40, null, null));
    }

    @Test
    void validationEpisodesAreTrainingTasksOnSeedsNoFinalEvaluationUses() {
        List<CodeTask> train = List.of(ExecutiveEvaluationTest.TASK, ExecutiveEvaluationTest.ADDER_TASK);
        List<ExecutiveEpisode> v = ExecutiveEvaluation.validationEpisodes(train, 9, 50);
        assertEquals(50, v.size());
        assertTrue(v.stream().allMatch(e -> train.contains(e.task())));
        var finalSeeds = new HashSet<>(ExecutiveEvaluation.heldOutEpisodes(train, 9, 0, 500).stream()
                .map(ExecutiveEpisode::seed).toList());
        assertTrue(v.stream().noneMatch(e -> finalSeeds.contains(e.seed())),
                "disjoint from the held-out and eval-code --split train episodes");
        assertEquals(v, ExecutiveEvaluation.validationEpisodes(train, 9, 50), "reproducible");
        assertThrows(IllegalArgumentException.class, () -> ExecutiveEvaluation.validationEpisodes(List.of(), 9, 5));
    }

    private static List<String> names(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
