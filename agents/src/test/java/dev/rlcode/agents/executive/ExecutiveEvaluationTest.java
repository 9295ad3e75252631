package dev.rlcode.agents.executive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.envs.code.CodeJudge;
import dev.rlcode.envs.code.ExecutiveConfig;
import dev.rlcode.envs.code.ExecutiveEnv;
import dev.rlcode.envs.code.ExecutiveEpisode;
import dev.rlcode.envs.code.model.CodeModel;
import dev.rlcode.envs.code.model.Completion;
import dev.rlcode.envs.code.model.GenerateRequest;
import dev.rlcode.envs.code.model.IntegrateRequest;
import dev.rlcode.envs.code.model.Plan;
import dev.rlcode.envs.code.model.PlanRequest;
import dev.rlcode.envs.code.model.RepairRequest;
import dev.rlcode.envs.code.model.SyntheticCodeModel;
import dev.rlcode.envs.code.model.SyntheticModelConfig;
import dev.rlcode.envs.code.model.mutation.Edit;
import dev.rlcode.envs.code.model.mutation.Fault;
import dev.rlcode.envs.code.model.mutation.FaultCatalog;
import dev.rlcode.envs.code.model.mutation.FaultClass;
import dev.rlcode.envs.code.model.mutation.Mutant;
import dev.rlcode.envs.code.model.mutation.Operator;
import dev.rlcode.envs.code.model.mutation.Outcome;
import dev.rlcode.envs.code.retrieval.NoteIndex;
import dev.rlcode.envs.code.sandbox.ExecutionResult;
import dev.rlcode.envs.code.sandbox.TestStyle;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.KnowledgeNote;
import dev.rlcode.envs.code.task.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutiveEvaluationTest {

    static final CodeTask TASK = new CodeTask("t", Tier.EASY, "Return 1.", "One.one",
            "public class One { public static int one() { throw new UnsupportedOperationException(); } }",
            "public class OneTest { public static void testOne() {} }",
            "public class OneHidden { public static void testOne() {} }", TestStyle.TEST_METHODS,
            Optional.of("public class One { public static int one() { return 1; } }"), List.of(), "One", "OneTest",
            "OneHidden");

    /** Generate gives "bad" code first; each repair step moves bad → half → good ("half" still fails). */
    static final class StairsModel implements CodeModel {
        @Override
        public Completion generate(GenerateRequest r) {
            return new Completion("bad", 1, 1, 0);
        }

        @Override
        public Completion repair(RepairRequest r) {
            return new Completion(r.code().equals("bad") ? "half" : "good", 1, 1, 0);
        }

        @Override
        public Plan plan(PlanRequest r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Completion integrate(IntegrateRequest r) {
            throw new UnsupportedOperationException();
        }
    }

    static final CodeJudge JUDGE = (task, code, hidden) -> code.equals("good") ? new ExecutionResult.Passed(1)
            : new ExecutionResult.TestFailed("testOne", "expected 1");

    static ExecutiveEnv env() {
        return new ExecutiveEnv(ExecutiveConfig.defaults(), List.of(TASK), seed -> new StairsModel(), JUDGE,
                NoteIndex.of(List.of(new KnowledgeNote("n", "One", "Return the constant 1.", List.of()))));
    }

    static List<ExecutiveEpisode> episodes(int n) {
        List<ExecutiveEpisode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(ExecutiveEpisode.of(TASK, i));
        }
        return out;
    }

    @Test
    void wilsonIntervalMatchesKnownValues() {
        double[] ci = ExecutiveEvaluation.wilson(8, 10);
        assertEquals(0.4902, ci[0], 1e-4);
        assertEquals(0.9433, ci[1], 1e-4);
        double[] all = ExecutiveEvaluation.wilson(300, 300);
        assertEquals(0.98735, all[0], 1e-4);
        assertEquals(1.0, all[1], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ExecutiveEvaluation.wilson(3, 2));
    }

    @Test
    void templatesAreRecognisedExactly() {
        assertEquals("generate-test-stop", ExecutiveEvaluation.template("generate-test-stop"));
        assertEquals("other", ExecutiveEvaluation.template("generate-generate-test-stop"));
        assertEquals("other", ExecutiveEvaluation.template("test-stop"));
    }

    @Test
    void scriptFollowsItsLongTemplateAndCountsCalls() {
        ExecutiveReport r = ExecutiveEvaluation.evaluate(env(), episodes(5), ExecutiveBaselines.script());
        assertEquals(5, r.successes());
        assertEquals(5, r.templateCounts().get("generate-test-debug-test-search-debug-test-stop"));
        assertEquals(1.0, r.templateShare(), 1e-12);
        assertEquals(8.0, r.meanSteps(), 1e-12);
        assertEquals(3.0, r.meanLlmCalls(), 1e-12);
        assertEquals(3.0, r.meanTestRuns(), 1e-12);
        assertEquals(3.0, r.llmCallsPerSuccess(), 1e-12);
        assertEquals(1.0, r.toMap().get("success_rate"));
        assertEquals(1.0, r.meanSearches(), 1e-12);
        assertEquals(0.0, r.toMap().get("search_note_hit_rate"), "the task has no notes: no search can find one");
    }

    @Test
    void randomPolicyOnlyTakesLegalActionsAndRarelySucceeds() {
        ExecutiveReport r = ExecutiveEvaluation.evaluate(env(), episodes(200), ExecutiveBaselines.random());
        assertEquals(200, r.episodes());
        assertTrue(r.successRate() < 0.5, "random success " + r.successRate());
        assertTrue(r.successCi95Low() <= r.successRate() && r.successRate() <= r.successCi95High());
        assertTrue(r.otherTraces().size() <= 5 && !r.otherTraces().isEmpty());
        assertTrue(r.otherTraces().values().stream().mapToInt(Integer::intValue).sum() <= r.templateCounts().get("other"));
        assertTrue(r.otherTraces().keySet().stream().noneMatch(ExecutiveEvaluation.TEMPLATES::contains));
    }

    @Test
    void anIllegalActionIsReported() {
        assertThrows(IllegalStateException.class,
                () -> ExecutiveEvaluation.evaluate(env(), episodes(1), (e, obs, mask) -> 2));
    }

    static final String ADDER = "public class Adder { public static int add(int a, int b) { return a + b; } }";
    static final String DEEP_EDIT = "a == 1000 ? 0 : a + b";
    static final CodeTask ADDER_TASK = new CodeTask("adder", Tier.HARD, "Add two ints a and b.", "Adder.add",
            "public class Adder { public static int add(int a, int b) { throw new UnsupportedOperationException(); } }",
            "public class AdderTest { public static void testSmall() {} }",
            "public class AdderHidden { public static void testLarge() {} }", TestStyle.TEST_METHODS,
            Optional.of(ADDER), List.of("adder-note"), "Adder", "AdderTest", "AdderHidden");

    /** A synthetic model whose generate always writes the one deep fault of the adder (never the reference). */
    static SyntheticCodeModel deepOnlyModel(long seed) {
        int start = ADDER.indexOf("a + b");
        Edit edit = new Edit(start, start + "a + b".length(), DEEP_EDIT);
        Mutant m = new Mutant(Operator.EDGE_RETURN, edit, 1, "deep", Edit.applyAll(ADDER, List.of(edit)));
        FaultCatalog catalog = new FaultCatalog("adder", ADDER,
                List.of(new Fault(m, FaultClass.DEEP, Outcome.PASSED, Outcome.FAILED)), 1, 1, 0, 0);
        SyntheticModelConfig c = SyntheticModelConfig.defaults(seed);
        return new SyntheticCodeModel(new SyntheticModelConfig(seed, 0, 0, 0, 0, 0.6, 0, c.pFixShallow(), 1.0, 0, 0,
                0, 0, 0, 0, 0), List.of(ADDER_TASK), List.of(catalog), List.of());
    }

    /** Judges like the real tests: the reference passes; the deep fault passes the visible tests only. */
    static final CodeJudge ADDER_JUDGE = (task, code, hidden) -> code.equals(ADDER) || !hidden
            ? new ExecutionResult.Passed(1) : new ExecutionResult.TestFailed("testLarge", "add(1000, 1)");

    @Test
    void oracleRepairsADeepFaultWithTheRetrievedNoteAndRegeneratesWhenTheNoteIsMissing() {
        NoteIndex withNote = NoteIndex.of(List.of(new KnowledgeNote("adder-note", "Adding ints", "Add two ints a and b.",
                List.of())));
        ExecutiveEnv env = new ExecutiveEnv(ExecutiveConfig.defaults(), List.of(ADDER_TASK),
                ExecutiveEvaluationTest::deepOnlyModel, ADDER_JUDGE, withNote);
        ExecutiveReport r = ExecutiveEvaluation.evaluate(env, List.of(ExecutiveEpisode.of(ADDER_TASK, 1)),
                ExecutiveBaselines.oracle());
        assertEquals(1, r.successes());
        assertEquals(java.util.Map.of("generate-test-search-debug-test-stop", 1), r.otherTraces());
        assertEquals(java.util.Map.of(), r.failedTraces());

        // the index lacks the task's note: after the search misses it, only a new GENERATE can help; this model always
        // writes the deep fault, which the oracle sees without a test, so it regenerates until the step limit
        NoteIndex without = NoteIndex.of(List.of(new KnowledgeNote("other", "Adding ints", "Add two ints a and b.",
                List.of())));
        env = new ExecutiveEnv(ExecutiveConfig.defaults(), List.of(ADDER_TASK), ExecutiveEvaluationTest::deepOnlyModel,
                ADDER_JUDGE, without);
        r = ExecutiveEvaluation.evaluate(env, List.of(ExecutiveEpisode.of(ADDER_TASK, 1)), ExecutiveBaselines.oracle());
        assertEquals(0, r.successes());
        String trace = r.otherTraces().keySet().iterator().next();
        assertEquals("generate-test-search" + "-generate".repeat(9), trace);
        assertTrue(!trace.contains("debug"), "no DEBUG can remove the deep fault without its note: " + trace);
        assertEquals(java.util.Map.of(ADDER_TASK.id() + ": " + trace, 1), r.failedTraces());
        assertEquals(java.util.Map.of(ADDER_TASK.id() + ": " + trace, 1), r.toMap().get("top_failed_traces"));
    }

    @Test
    void heldOutEpisodesCycleTheTestTasksWithFinalEvalSeeds() {
        List<ExecutiveEpisode> eps = ExecutiveEvaluation.heldOutEpisodes(List.of(TASK), 7, 3);
        assertEquals(3, eps.size());
        assertEquals(dev.rlcode.agents.dqn.EpisodeSeeds.finalEval(7, 3)[2], eps.get(2).seed());
    }
}
