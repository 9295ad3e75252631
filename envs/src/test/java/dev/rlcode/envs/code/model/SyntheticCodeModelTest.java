package dev.rlcode.envs.code.model;

import static dev.rlcode.envs.code.model.mutation.MutationEngineTest.HIDDEN;
import static dev.rlcode.envs.code.model.mutation.MutationEngineTest.STATS;
import static dev.rlcode.envs.code.model.mutation.MutationEngineTest.VISIBLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.envs.code.model.mutation.Fault;
import dev.rlcode.envs.code.model.mutation.FaultCatalog;
import dev.rlcode.envs.code.model.mutation.FaultClass;
import dev.rlcode.envs.code.model.mutation.ForkedJvmJudge;
import dev.rlcode.envs.code.model.mutation.MutationEngine;
import dev.rlcode.envs.code.model.mutation.Outcome;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.CompositeTask;
import dev.rlcode.envs.code.task.KnowledgeNote;
import dev.rlcode.envs.code.task.SourceMerger;
import dev.rlcode.envs.code.sandbox.TestStyle;
import dev.rlcode.envs.code.task.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticCodeModelTest {

    static final KnowledgeNote NOTE = new KnowledgeNote("empty-array-max", "Maximum of an empty array",
            "Return the neutral value 0 for an empty array; a[0] throws.", List.of("edge-case"));
    static final KnowledgeNote OTHER = new KnowledgeNote("string-reverse", "Reverse", "StringBuilder.reverse", List.of());
    static final CodeTask TASK = new CodeTask("stats", Tier.MEDIUM, "Return the maximum of an array, 0 if empty.",
            "Stats.maxOf", "public class Stats {\n    public static int maxOf(int[] a) {\n        throw new UnsupportedOperationException();\n    }\n}\n",
            VISIBLE, HIDDEN, TestStyle.TEST_METHODS, Optional.of(STATS), List.of(NOTE.id()), "Stats", "StatsVisibleTest", "StatsHiddenTest");
    static final String ADDER = "public class Adder {\n    public static int sub(int a, int b) {\n        return a - b;\n    }\n}\n";
    static final String ADDER_TESTS = "public class AdderTest {\n    public static void testSub() {\n        if (Adder.sub(5, 3) != 2) throw new AssertionError();\n    }\n}\n";
    static final String TOP = "public class Pipeline {\n    public static int run(int[] a, int b) {\n        return Adder.sub(Stats.maxOf(a), b);\n    }\n}\n";
    static final CodeTask ADDER_TASK = new CodeTask("adder", Tier.EASY, "Subtract b from a.", "Adder.sub",
            "public class Adder {\n    public static int sub(int a, int b) {\n        throw new UnsupportedOperationException();\n    }\n}\n",
            ADDER_TESTS, ADDER_TESTS, TestStyle.TEST_METHODS, Optional.of(ADDER), List.of(), "Adder", "AdderTest", "AdderTest");

    static FaultCatalog statsFaults;
    static FaultCatalog adderFaults;
    static CompositeTask composite;

    @BeforeAll
    static void analyse() {
        MutationEngine engine = new MutationEngine(new ForkedJvmJudge(3000), 200, 1);
        statsFaults = engine.analyse(TASK);
        adderFaults = engine.analyse(ADDER_TASK);
        LinkedHashMap<String, String> sigs = new LinkedHashMap<>();
        sigs.put("Stats.maxOf", "int maxOf(int[] a)");
        sigs.put("Adder.sub", "int sub(int a, int b)");
        composite = new CompositeTask("comp", Tier.MEDIUM, "Max minus b.", List.of(TASK, ADDER_TASK), "Pipeline.run", "Pipeline",
                TOP.replace("return Adder.sub(Stats.maxOf(a), b);", "throw new UnsupportedOperationException();"),
                "public class PipelineTest {\n    public static void testRun() {\n        if (Pipeline.run(new int[] {4, 9}, 2) != 7) throw new AssertionError();\n    }\n}\n",
                "PipelineTest", SourceMerger.merge(List.of(STATS, ADDER, TOP)), sigs, List.of());
    }

    static SyntheticCodeModel model(SyntheticModelConfig config) {
        return new SyntheticCodeModel(config, List.of(TASK, ADDER_TASK), List.of(statsFaults, adderFaults), List.of(composite));
    }

    static GenerateRequest gen() {
        return new GenerateRequest(TASK.id(), TASK.prompt(), TASK.declaration(), List.of());
    }

    @Test
    void generateEmitsTheReferenceAtTheTierRateAndOtherwiseRealFaults() {
        SyntheticCodeModel m = model(SyntheticModelConfig.defaults(3));
        int correct = 0;
        int shallow = 0;
        int n = 600;
        for (int i = 0; i < n; i++) {
            Completion c = m.generate(gen());
            List<Fault> faults = m.faultsOf(c.code());
            assertNotNull(faults);
            if (c.code().equals(STATS)) {
                correct++;
            } else {
                assertEquals(1, faults.size()); // MEDIUM: one fault
                if (faults.getFirst().faultClass() == FaultClass.SHALLOW) {
                    shallow++;
                }
            }
            assertTrue(c.tokensOut() > 0 && c.latencyMillis() >= 400 * 0.8);
        }
        assertEquals(0.4, correct / (double) n, 0.06);
        assertEquals(0.6, shallow / (double) (n - correct), 0.08);
    }

    @Test
    void sameSeedSameAnswersAndAnotherSeedDiffers() {
        List<String> a = run(model(SyntheticModelConfig.defaults(11)));
        assertEquals(a, run(model(SyntheticModelConfig.defaults(11))));
        assertNotEquals(a, run(model(SyntheticModelConfig.defaults(12))));
    }

    static List<String> run(SyntheticCodeModel m) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Completion c = m.generate(gen());
            out.add(c.code() + c.latencyMillis());
            out.add(m.repair(new RepairRequest(TASK.id(), TASK.prompt(), c.code(), "failed", List.of(NOTE))).code());
        }
        return out;
    }

    @Test
    void deepFaultsAreFixedOnlyWithTheTaskNoteShallowOnesWithFeedback() {
        SyntheticModelConfig cfg = new SyntheticModelConfig(5, 0, 0, 0, 0, 0.5, 0, 0.7, 0.75, 0, 0, 0, 0, 0, 0, 0);
        SyntheticCodeModel m = model(cfg);
        String deep = STATS.replace("return 0;", "return 1;");
        String shallow = STATS.replace("a[i] > best", "a[i] < best");
        assertNull(m.faultsOf(deep), "not yet written by the model");
        // Make the model write the faulty versions first so it recognises them.
        for (int i = 0; i < 200 && (m.faultsOf(deep) == null || m.faultsOf(shallow) == null); i++) {
            m.generate(gen());
        }
        assertNotNull(m.faultsOf(deep));
        assertNotNull(m.faultsOf(shallow));
        assertEquals(FaultClass.DEEP, m.faultsOf(deep).getFirst().faultClass());
        assertEquals(FaultClass.SHALLOW, m.faultsOf(shallow).getFirst().faultClass());
        int withoutNote = 0;
        int withNote = 0;
        int shallowFixed = 0;
        int n = 400;
        for (int i = 0; i < n; i++) {
            withoutNote += m.repair(new RepairRequest("stats", "p", deep, "all visible tests pass", List.of(OTHER))).code().equals(STATS) ? 1 : 0;
            withNote += m.repair(new RepairRequest("stats", "p", deep, "all visible tests pass", List.of(OTHER, NOTE))).code().equals(STATS) ? 1 : 0;
            shallowFixed += m.repair(new RepairRequest("stats", "p", shallow, "expected 5, actual 1", List.of())).code().equals(STATS) ? 1 : 0;
        }
        assertEquals(0, withoutNote);
        assertEquals(0.75, withNote / (double) n, 0.06);
        assertEquals(0.7, shallowFixed / (double) n, 0.06);
        // Correct code stays correct when pBreakOnRepair = 0; unknown code is rewritten from scratch.
        assertEquals(STATS, m.repair(new RepairRequest("stats", "p", STATS, "", List.of())).code());
        assertNotNull(m.faultsOf(m.repair(new RepairRequest("stats", "p", "class Whatever {}", "", List.of())).code()));
        assertThrows(CodeModelException.class, () -> m.generate(new GenerateRequest("nope", "p", "d", List.of())));
    }

    @Test
    void emittedFaultyCodeReallyFailsTheTests() {
        SyntheticCodeModel m = model(SyntheticModelConfig.defaults(9));
        ForkedJvmJudge judge = new ForkedJvmJudge(3000);
        List<String> faulty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String code = m.generate(gen()).code();
            if (!m.faultsOf(code).isEmpty()) {
                faulty.add(code);
            }
        }
        assertTrue(faulty.size() >= 5);
        assertTrue(judge.judgeAll(faulty, HIDDEN, TestStyle.TEST_METHODS).stream().noneMatch(o -> o == Outcome.PASSED));
    }

    @Test
    void planFollowsTheCompositeAndSometimesDropsOrMerges() {
        SyntheticModelConfig exact = new SyntheticModelConfig(1, 1, 1, 1, 1, 0.5, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0);
        Plan plan = model(exact).plan(new PlanRequest("comp", "Max minus b."));
        assertEquals(List.of("stats", "adder"), plan.subtasks().stream().map(Plan.PlannedSubtask::id).toList());
        SyntheticModelConfig merging = new SyntheticModelConfig(1, 1, 1, 1, 1, 0.5, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0);
        SyntheticCodeModel mm = model(merging);
        Plan merged = mm.plan(new PlanRequest("comp", "Max minus b."));
        assertEquals(List.of("stats+adder"), merged.subtasks().stream().map(Plan.PlannedSubtask::id).toList());
        String both = mm.generate(new GenerateRequest("stats+adder", merged.subtasks().getFirst().prompt(), "", List.of())).code();
        assertEquals(SourceMerger.merge(List.of(STATS, ADDER)), both);
        SyntheticModelConfig dropping = new SyntheticModelConfig(1, 1, 1, 1, 1, 0.5, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0);
        assertEquals(1, model(dropping).plan(new PlanRequest("comp", "x")).subtasks().size());
        assertEquals(List.of("other"), model(exact).plan(new PlanRequest("other", "x")).subtasks().stream().map(Plan.PlannedSubtask::id).toList());
    }

    @Test
    void integrateMergesAndSometimesBreaksAnInterface() {
        SyntheticModelConfig clean = new SyntheticModelConfig(1, 1, 1, 1, 1, 0.5, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0);
        IntegrateRequest req = new IntegrateRequest("comp", "Max minus b.", List.of(STATS, ADDER));
        assertEquals(composite.referenceSolution(), model(clean).integrate(req).code());
        SyntheticModelConfig broken = new SyntheticModelConfig(1, 1, 1, 1, 1, 0.5, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0);
        SyntheticCodeModel m = model(broken);
        java.util.Set<String> variants = new java.util.TreeSet<>();
        for (int i = 0; i < 30; i++) {
            String code = m.integrate(req).code();
            assertNotEquals(composite.referenceSolution(), code);
            variants.add(code.substring(code.indexOf("public class Pipeline")).replaceAll("\\s+", " "));
        }
        assertTrue(variants.contains("public class Pipeline { public static int run(int[] a, int b) { return Adder.sub(b, Stats.maxOf(a)); } } "), variants.toString());
        assertTrue(variants.contains("public class Pipeline { public static int run(int[] a, int b) { return Adder.subs(Stats.maxOf(a), b); } } "), variants.toString());
        assertTrue(variants.contains("public class Pipeline { public static int run(int[] a, int b) { return Adder.sub(Stats.maxOfs(a), b); } } "), variants.toString());
    }
}
