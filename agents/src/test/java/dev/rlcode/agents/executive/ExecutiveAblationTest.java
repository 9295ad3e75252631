package dev.rlcode.agents.executive;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.report.RunReport;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.envs.code.ExecutiveConfig;
import dev.rlcode.envs.code.task.KnowledgeNote;
import dev.rlcode.envs.code.retrieval.NoteIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ablation runner on the deterministic "stairs" world of {@link ExecutiveEvaluationTest} (no sandbox). */
class ExecutiveAblationTest {

    private static final int GENERATE = 0, TEST = 1, DEBUG = 2, STOP = 4;

    @TempDir
    Path tmp;

    private static ExecutiveSetup setup() {
        return new ExecutiveSetup(List.of(ExecutiveEvaluationTest.TASK), List.of(ExecutiveEvaluationTest.TASK),
                List.of(), seed -> new ExecutiveEvaluationTest.StairsModel(), ExecutiveEvaluationTest.JUDGE,
                NoteIndex.of(List.of(new KnowledgeNote("n", "One", "Return the constant 1.", List.of()))));
    }

    @Test
    void unmaskedEvaluationCountsIllegalActionsAndFailsWhenTheyRepeat() {
        ExecutiveConfig cfg = ExecutiveConfig.defaults();
        // DEBUG is illegal before any test: the greedy policy repeats it until the step limit.
        Map<String, Object> stuck = ExecutiveAblation.evaluateUnmasked(ExecutiveEvaluationTest.env(), cfg, -0.05,
                ExecutiveEvaluationTest.episodes(5), obs -> DEBUG);
        assertEquals(0.0, stuck.get("success_rate"));
        assertEquals((double) cfg.maxSteps(), stuck.get("mean_illegal_actions"));
        assertEquals(0.0, stuck.get("template_share"));

        // generate, test, debug, test, debug, test, stop solves every stairs episode with no illegal action.
        int[] script = {GENERATE, TEST, DEBUG, TEST, DEBUG, TEST, STOP};
        int[] at = {0};
        Map<String, Object> good = ExecutiveAblation.evaluateUnmasked(ExecutiveEvaluationTest.env(), cfg, -0.05,
                ExecutiveEvaluationTest.episodes(4), obs -> script[at[0]++ % script.length]);
        assertEquals(1.0, good.get("success_rate"));
        assertEquals(0.0, good.get("mean_illegal_actions"));
        assertEquals(3.0, good.get("mean_llm_calls"));
        assertEquals(7.0, good.get("mean_steps"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsEveryArmAndSeedWritesAblationJsonAndReportAndSkipsFinishedRuns() throws Exception {
        DqnConfig base = ConfigOverrides.apply(DqnConfig.executive(),
                Map.of("totalTimesteps", 400, "learningStarts", 100, "evalFrequency", 0, "checkpointFrequency", 0));
        List<ExecutiveAblation.Variant> arms = List.of(ExecutiveAblation.VARIANTS.get(0),
                ExecutiveAblation.VARIANTS.get(4));
        Path out = tmp.resolve("ablation");
        List<String> log = new ArrayList<>();
        Map<String, Object> a = ExecutiveAblation.run(setup(), ExecutiveConfig.defaults(), base, arms, List.of(1L, 2L),
                20, CpuBackend.scalar(), out, log::add);

        assertEquals(4, log.size(), String.join("\n", log));
        List<Object> variants = (List<Object>) a.get("variants");
        assertEquals(2, variants.size());
        for (Object v : variants) {
            List<Object> runs = (List<Object>) ((Map<String, Object>) v).get("runs");
            assertEquals(2, runs.size());
            for (Object r : runs) {
                Map<String, Object> run = (Map<String, Object>) r;
                assertEquals(20, run.get("episodes"));
                assertTrue(Files.isRegularFile(out.resolve((String) run.get("run_dir")).resolve("metrics.jsonl")));
            }
        }
        Map<String, Object> masked = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) variants.get(0))
                .get("runs")).get(0);
        assertEquals(0.0, masked.get("mean_illegal_actions"));
        assertTrue(Files.isRegularFile(out.resolve(RunReport.ABLATION)));
        assertTrue(Files.readString(out.resolve(RunReport.HTML)).contains("dqn-nomask"));

        // A rerun into the same folder reuses every finished run: nothing is retrained.
        Path metrics = out.resolve("dqn-seed1").resolve("metrics.jsonl");
        long before = Files.getLastModifiedTime(metrics).toMillis();
        String summaryBefore = Files.readString(out.resolve("dqn-seed1").resolve("summary.json"));
        Map<String, Object> again = ExecutiveAblation.run(setup(), ExecutiveConfig.defaults(), base, arms,
                List.of(1L, 2L), 20, CpuBackend.scalar(), out, line -> { });
        assertEquals(before, Files.getLastModifiedTime(metrics).toMillis());
        assertEquals(summaryBefore, Files.readString(out.resolve("dqn-seed1").resolve("summary.json")));
        assertEquals(RunDir.JSON.writeValueAsString(a.get("variants")).length(),
                RunDir.JSON.writeValueAsString(again.get("variants")).length());
    }

    @Test
    void rejectsEmptyArms() {
        assertThrows(IllegalArgumentException.class, () -> ExecutiveAblation.run(setup(), ExecutiveConfig.defaults(),
                DqnConfig.executive(), List.of(), List.of(1L), 10, CpuBackend.scalar(), tmp, line -> { }));
    }
}
