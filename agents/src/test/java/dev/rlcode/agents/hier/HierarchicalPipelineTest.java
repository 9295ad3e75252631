package dev.rlcode.agents.hier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.dqn.DqnTrainer;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.envs.code.ExecutiveAction;
import dev.rlcode.envs.code.ExecutiveConfig;
import dev.rlcode.envs.code.ExecutiveEnv;
import dev.rlcode.envs.code.HierarchicalConfig;
import dev.rlcode.envs.code.HierarchicalEnv;
import dev.rlcode.envs.code.HierarchicalEpisode;
import dev.rlcode.envs.code.OptionPolicy;
import dev.rlcode.envs.code.SandboxCodeJudge;
import dev.rlcode.envs.code.model.SyntheticCodeModel;
import dev.rlcode.envs.code.model.SyntheticModelConfig;
import dev.rlcode.envs.code.model.mutation.FaultCatalog;
import dev.rlcode.envs.code.retrieval.NoteIndex;
import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.sandbox.SandboxConfig;
import dev.rlcode.envs.code.task.BundledSuite;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.CompositeTask;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hierarchical pipeline end to end on bundled composites with the real sandbox and the real synthetic model
 * (default plan, merge and interface-mismatch probabilities), at reduced budget: the parts' fault catalogues are
 * empty (no mutation analysis in CI), so every part is written correctly and the failures come from the plans and
 * integrations alone.
 */
class HierarchicalPipelineTest {

    /** The Executive's script as a frozen option: generate, test, debug while failing, stop. */
    static final OptionPolicy SCRIPTED_EXECUTIVE = (obs, mask) -> mask[1] ? 1 : obs[17] == 0f && mask[0] ? 0
            : mask[2] ? 2 : 4;

    static HierarchicalSetup setup(Sandbox sandbox, List<CompositeTask> composites) {
        Map<String, CodeTask> parts = new LinkedHashMap<>();
        composites.forEach(c -> c.subtasks().forEach(t -> parts.putIfAbsent(t.id(), t)));
        List<CodeTask> tasks = List.copyOf(parts.values());
        List<FaultCatalog> none = tasks.stream()
                .map(t -> new FaultCatalog(t.id(), t.referenceSolution().orElseThrow(), List.of(), 0, 0, 0, 0)).toList();
        return new HierarchicalSetup(composites.subList(0, 1), composites.subList(1, composites.size()),
                seed -> new SyntheticCodeModel(SyntheticModelConfig.defaults(seed), tasks, none, composites),
                new SandboxCodeJudge(sandbox), NoteIndex.of(BundledSuite.notes()), SCRIPTED_EXECUTIVE);
    }

    static List<CompositeTask> composites(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> BundledSuite.composites().stream()
                .filter(c -> c.id().equals(id)).findFirst().orElseThrow()).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void baselinesAndAShortDqnRunEndToEndWithTheRealSandbox() throws Exception {
        try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults().withSlots(2).withCompileWorkers(1))) {
            HierarchicalSetup setup = setup(sandbox, composites("comp-headline", "comp-cipher", "comp-settings"));
            HierarchicalEnv env = setup.env(HierarchicalConfig.defaults(), setup.test());
            List<HierarchicalEpisode> episodes = HierarchicalEvaluation.heldOutEpisodes(setup.test(), 1, 0, 16);
            Map<String, Object> script = HierarchicalEvaluation.evaluate(env, episodes, HierarchicalBaselines.script());
            Map<String, Object> oracle = HierarchicalEvaluation.evaluate(env, episodes, HierarchicalBaselines.oracle());
            assertEquals(16, script.get("episodes"));
            assertEquals(6.0, (Double) script.get("mean_steps"), 1e-12 + 2.0,
                    "plan, one or two executes, integrate, evaluate, stop");
            assertEquals(1.0, (Double) oracle.get("success_rate"), 1e-12,
                    "with correct parts the oracle always recovers: " + oracle);
            assertTrue((Double) script.get("success_rate") <= (Double) oracle.get("success_rate"), script::toString);
            double[] ci = {(Double) script.get("success_ci95_low"), (Double) script.get("success_ci95_high")};
            assertTrue(ci[0] <= (Double) script.get("success_rate") && (Double) script.get("success_rate") <= ci[1]);

            DqnConfig dqn = ConfigOverrides.apply(HierarchicalTraining.preset(), Map.of("seed", 3,
                    "totalTimesteps", 60, "learningStarts", 30, "evalFrequency", 0, "evalEpisodes", 2));
            HierarchicalTraining.Result r = HierarchicalTraining.run(setup, HierarchicalConfig.defaults(), dqn,
                    CpuBackend.scalar(), 8, null, null);
            Map<String, Object> s = r.summary();
            assertEquals(60L, ((Number) s.get("steps")).longValue());
            assertEquals(8, s.get("episodes"));
            assertEquals("cpu-scalar", s.get("backend"), "the summary names the backend the network ran on");
            Map<String, Object> baselines = (Map<String, Object>) s.get("baselines");
            for (String k : List.of("random", "script", "oracle")) {
                Map<String, Object> b = (Map<String, Object>) baselines.get(k);
                assertEquals(8, b.get("episodes"), k);
                for (String key : List.of("success_rate", "success_ci95_low", "success_ci95_high", "mean_steps",
                        "mean_llm_calls", "mean_test_runs")) {
                    assertTrue(b.get(key) instanceof Double, k + "." + key + ": expected a number, actual " + b.get(key));
                }
            }
        }
    }

    @Test
    void frozenExecutiveLoadsTheCheckpointedGreedyPolicy(@TempDir Path dir) throws Exception {
        // a tiny Executive run on a fake judge, just to have a real checkpoint of the right shape
        CodeTask part = composites("comp-headline").getFirst().subtasks().getFirst();
        FaultCatalog none = new FaultCatalog(part.id(), part.referenceSolution().orElseThrow(), List.of(), 0, 0, 0, 0);
        DqnConfig cfg = ConfigOverrides.apply(DqnConfig.executive(), Map.of("seed", 2, "totalTimesteps", 80,
                "learningStarts", 20, "evalFrequency", 0, "evalEpisodes", 1, "checkpointFrequency", 0));
        RunDir run = RunDir.create(dir);
        run.writeJson("config.json", ConfigOverrides.toMap(cfg));
        java.util.function.Supplier<ExecutiveEnv> envs = () -> new ExecutiveEnv(ExecutiveConfig.defaults(),
                List.of(part), seed -> new SyntheticCodeModel(SyntheticModelConfig.defaults(seed), List.of(part),
                        List.of(none), List.of()), (t, c, h) -> new dev.rlcode.envs.code.sandbox.ExecutionResult.Passed(1),
                NoteIndex.of(BundledSuite.notes()));
        DqnTrainer trainer = new DqnTrainer(cfg, envs, CpuBackend.scalar(), run, null);
        trainer.train();
        FrozenExecutive frozen = FrozenExecutive.load(dir, CpuBackend.scalar());
        assertEquals(80, frozen.step());
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < 200; i++) {
            float[] obs = new float[ExecutiveEnv.OBS_DIM];
            for (int k = 0; k < obs.length; k++) {
                obs[k] = rng.nextInt(3) / 2f;
            }
            boolean[] mask = new boolean[ExecutiveAction.values().length];
            for (int k = 0; k < mask.length; k++) {
                mask[k] = rng.nextBoolean();
            }
            mask[4] = true;
            int a = frozen.act(obs, mask);
            assertTrue(mask[a], "the frozen policy respects the mask");
            assertEquals(trainer.agent().greedy(obs, mask), a, "same greedy action as the trained agent");
        }
        assertArrayEquals(trainer.agent().onlineParams(), frozen.agent().onlineParams());

        // pinned: the same checkpoint by step and manifest digest, and nothing else
        FrozenExecutive.Pin pin = FrozenExecutive.newest(dir);
        assertEquals(80, pin.step());
        assertArrayEquals(frozen.agent().onlineParams(), FrozenExecutive.load(dir, pin, CpuBackend.scalar()).agent()
                .onlineParams());
        var other = assertThrows(IllegalArgumentException.class, () -> FrozenExecutive.load(dir,
                new FrozenExecutive.Pin(80, "0".repeat(64)), CpuBackend.scalar()));
        assertTrue(other.getMessage().contains("does not hold the parameters this run was trained with"), other.getMessage());
        // a resume of the finished run (as after a failed held-out evaluation) rewrites the final checkpoint with
        // the same parameters and another wall time: the pin still holds
        DqnTrainer.resume(run, envs, CpuBackend.scalar(), null).train();
        assertEquals(pin, FrozenExecutive.newest(dir));
        assertArrayEquals(frozen.agent().onlineParams(), FrozenExecutive.load(dir, pin, CpuBackend.scalar()).agent()
                .onlineParams());
        var gone = assertThrows(IllegalArgumentException.class, () -> FrozenExecutive.load(dir,
                new FrozenExecutive.Pin(60, pin.parametersSha256()), CpuBackend.scalar()));
        assertTrue(gone.getMessage().contains("expected its checkpoint of step 60"), gone.getMessage());
    }
}
