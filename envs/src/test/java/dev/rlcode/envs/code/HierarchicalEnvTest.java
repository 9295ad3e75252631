package dev.rlcode.envs.code;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.core.env.EnvChecker;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.envs.code.model.CodeModel;
import dev.rlcode.envs.code.model.Completion;
import dev.rlcode.envs.code.model.GenerateRequest;
import dev.rlcode.envs.code.model.IntegrateRequest;
import dev.rlcode.envs.code.model.Plan;
import dev.rlcode.envs.code.model.PlanRequest;
import dev.rlcode.envs.code.model.RepairRequest;
import dev.rlcode.envs.code.retrieval.NoteIndex;
import dev.rlcode.envs.code.sandbox.ExecutionResult;
import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.sandbox.SandboxConfig;
import dev.rlcode.envs.code.sandbox.TestStyle;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.CompositeTask;
import dev.rlcode.envs.code.task.KnowledgeNote;
import dev.rlcode.envs.code.task.SourceMerger;
import dev.rlcode.envs.code.task.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HierarchicalEnvTest {

    // Two parts and a top level, all real Java, so the fakes below also run under the real sandbox.
    static final String ADDER = "public class Adder {\n    public static int add(int a, int b) {\n        return a + b;\n    }\n}\n";
    static final String ADDER_BAD = ADDER.replace("a + b", "a - b");
    static final String TWICE = "public class Twice {\n    public static int twice(int x) {\n        return 2 * x;\n    }\n}\n";
    static final String TWICE_BAD = TWICE.replace("2 * x", "3 * x");
    static final String PIPE = "public class Pipe {\n    public static int run(int a, int b) {\n"
            + "        return Twice.twice(Adder.add(a, b));\n    }\n}\n";
    static final String PIPE_MISMATCH = PIPE.replace("Adder.add(", "Adder.adds(");
    static final CodeTask ADD = part("add", "Adder", "add", ADDER, "Adder.add(2, 3) != 5", "Adder.add(-4, 1) != -3");
    static final CodeTask DOUBLE = part("twice", "Twice", "twice", TWICE, "Twice.twice(4) != 8", "Twice.twice(-3) != -6");
    static final CompositeTask COMPOSITE = new CompositeTask("comp-pipe", Tier.EASY,
            "Return twice the sum of a and b: Adder.add(int a, int b), Twice.twice(int x), Pipe.run(int a, int b).",
            List.of(ADD, DOUBLE), "Pipe.run", "Pipe",
            PIPE.replace("return Twice.twice(Adder.add(a, b));", "throw new UnsupportedOperationException();"),
            "public class PipeIntegrationTests {\n    public static void testRun() {\n"
                    + "        if (Pipe.run(2, 3) != 10) throw new AssertionError(\"run(2, 3) expected 10\");\n    }\n}\n",
            "PipeIntegrationTests", SourceMerger.merge(List.of(ADDER, TWICE, PIPE)),
            new LinkedHashMap<>(java.util.Map.of("Adder.add", "int add(int a, int b)")) {
                {
                    clear();
                    put("Adder.add", "public static int add(int a, int b)");
                    put("Twice.twice", "public static int twice(int x)");
                }
            }, List.of());
    static final NoteIndex NOTES = NoteIndex.of(List.of(new KnowledgeNote("pipe-note", "Pipes", "sum then double",
            List.of())));

    static CodeTask part(String id, String cls, String method, String reference, String visibleFail, String hiddenFail) {
        String visible = "public class " + cls + "Test {\n    public static void testExample() {\n        if ("
                + visibleFail + ") throw new AssertionError(\"example\");\n    }\n}\n";
        String hidden = "public class " + cls + "HiddenTest {\n    public static void testEdge() {\n        if ("
                + hiddenFail + ") throw new AssertionError(\"edge\");\n    }\n}\n";
        String decl = reference.replaceAll("return [^;]*;", "throw new UnsupportedOperationException();");
        return new CodeTask(id, Tier.EASY, "Implement " + cls + "." + method, cls + "." + method, decl, visible, hidden,
                TestStyle.TEST_METHODS, Optional.of(reference), List.of(), cls, cls + "Test", cls + "HiddenTest");
    }

    /**
     * A deterministic fake coder with real code. Per episode seed: plan drops the first subtask on seeds = 1 mod 4 (the
     * first plan only) and merges on seeds = 2 mod 4 (first plan only); generate writes a faulty part with probability
     * 1/3; repair fixes everything it recognises; integrate mismatches the first call on seeds = 3 mod 4 (first
     * integration only).
     */
    static class FakeModel implements CodeModel {
        final long seed;
        final SplittableRandom rng;
        final AtomicInteger generates = new AtomicInteger();
        final AtomicInteger repairs = new AtomicInteger();
        int plans;
        int integrations;

        FakeModel(long seed) {
            this.seed = seed;
            this.rng = new SplittableRandom(seed);
        }

        @Override
        public Completion generate(GenerateRequest r) {
            generates.incrementAndGet();
            boolean bad = rng.nextInt(3) == 0;
            String code = switch (r.taskId()) {
                case "add" -> bad ? ADDER_BAD : ADDER;
                case "twice" -> bad ? TWICE_BAD : TWICE;
                case "add+twice" -> SourceMerger.merge(List.of(bad ? ADDER_BAD : ADDER, TWICE));
                default -> throw new IllegalArgumentException("unknown task " + r.taskId());
            };
            return new Completion(code, 1, 1, 0);
        }

        @Override
        public Completion repair(RepairRequest r) {
            repairs.incrementAndGet();
            String fixed = r.code().replace("a - b", "a + b").replace("3 * x", "2 * x").replace("Adder.adds(", "Adder.add(");
            return new Completion(fixed, 1, 1, 0);
        }

        @Override
        public Plan plan(PlanRequest r) {
            List<Plan.PlannedSubtask> steps = new ArrayList<>(List.of(new Plan.PlannedSubtask("add", "Adder.add"),
                    new Plan.PlannedSubtask("twice", "Twice.twice")));
            if (plans++ == 0 && Math.floorMod(seed, 4) == 1) {
                steps.removeFirst();
            } else if (plans == 1 && Math.floorMod(seed, 4) == 2) {
                steps = List.of(new Plan.PlannedSubtask("add+twice", "Adder.add and Twice.twice"));
            }
            return new Plan(steps, 1, 1, 0);
        }

        @Override
        public Completion integrate(IntegrateRequest r) {
            List<String> parts = new ArrayList<>(r.subSolutions());
            parts.add(integrations++ == 0 && Math.floorMod(seed, 4) == 3 ? PIPE_MISMATCH : PIPE);
            return new Completion(SourceMerger.merge(parts), 1, 1, 0);
        }
    }

    /** Judges the fakes' code as the real tests would. */
    static final CodeJudge FAKE_JUDGE = (task, code, hidden) -> {
        if (task.id().equals(COMPOSITE.id()) && (!code.contains("class Adder") || !code.contains("class Twice")
                || code.contains("Adder.adds("))) {
            return new ExecutionResult.CompileError(List.of());
        }
        boolean broken = code.contains("a - b") || code.contains("3 * x");
        return broken ? new ExecutionResult.TestFailed("testExample", "example") : new ExecutionResult.Passed(1);
    };

    /** The Executive's script as a frozen option policy: generate, test, debug while failing, stop once passed. */
    static final OptionPolicy EXECUTIVE = (obs, mask) -> {
        if (mask[ExecutiveAction.TEST.ordinal()]) {
            return ExecutiveAction.TEST.ordinal();
        }
        if (obs[17] == 0f && mask[ExecutiveAction.GENERATE.ordinal()]) {
            return ExecutiveAction.GENERATE.ordinal();
        }
        if (mask[ExecutiveAction.DEBUG.ordinal()]) {
            return ExecutiveAction.DEBUG.ordinal();
        }
        return ExecutiveAction.STOP.ordinal();
    };

    static HierarchicalEnv env(java.util.function.LongFunction<? extends CodeModel> models, CodeJudge judge) {
        return new HierarchicalEnv(HierarchicalConfig.defaults(), List.of(COMPOSITE), models, judge, NOTES, EXECUTIVE);
    }

    static final int PLAN = 0, EXECUTE_NEXT = 1, INTEGRATE = 2, EVALUATE = 3, REPLAN = 4, STOP = 5;

    @Test
    void passesEnvChecker() {
        EnvChecker.Report report = EnvChecker.check(() -> env(FakeModel::new, FAKE_JUDGE));
        assertTrue(report.passed(), report::toString);
        assertEquals(EnvChecker.Status.PASS, report.status(EnvChecker.ILLEGAL_ACTION_THROWS));
        assertEquals(EnvChecker.Status.PASS, report.status(EnvChecker.MASK_HAS_LEGAL_ACTION));
    }

    @Test
    void masksFollowTheProtocolAndTheScriptSucceeds() {
        HierarchicalEnv env = env(seed -> new FakeModel(0), FAKE_JUDGE);
        float[] obs = env.reset(new HierarchicalEpisode(COMPOSITE, 0)).observation();
        assertEquals(1f, obs[0], "no last action");
        assertArrayEquals(new boolean[] {true, false, false, false, false, true}, env.actionMask());
        assertThrows(IllegalArgumentException.class, () -> env.step(EXECUTE_NEXT), "EXECUTE_NEXT before PLAN");
        StepResult<float[]> r = env.step(PLAN);
        assertEquals(-0.05, r.reward(), 1e-12, "one LLM call");
        assertEquals(0.5f, r.observation()[8], "2 planned subtasks / 4");
        assertArrayEquals(new boolean[] {false, true, false, false, true, true}, env.actionMask());
        env.step(EXECUTE_NEXT);
        env.step(EXECUTE_NEXT);
        assertTrue(env.subtaskCodes().stream().allMatch(c -> c != null));
        boolean[] mask = env.actionMask();
        assertTrue(mask[INTEGRATE], "every subtask has code");
        assertFalse(mask[EVALUATE], "nothing integrated yet");
        env.step(INTEGRATE);
        assertTrue(env.actionMask()[EVALUATE]);
        r = env.step(EVALUATE);
        assertEquals(1f, r.observation()[15], "integration tests passed");
        assertArrayEquals(new boolean[] {false, false, false, false, true, true}, env.actionMask(),
                "nothing left to do but REPLAN or STOP once the integrated code passed");
        StepResult<float[]> stop = env.step(STOP);
        assertTrue(stop.terminated());
        assertEquals(true, stop.info().get("success"));
        assertEquals("plan-execute_next-execute_next-integrate-evaluate-stop", stop.info().get("trace"));
        assertThrows(IllegalStateException.class, () -> env.step(STOP));
    }

    @Test
    void executeNextRunsTheExecutiveAsAnOptionAndPaysForItsCalls() {
        // seed 0: the fake's generate draws decide which parts come out faulty; the option debugs them
        HierarchicalEnv env = env(FakeModel::new, FAKE_JUDGE);
        for (long seed = 0; seed < 40; seed += 4) {
            env.reset(new HierarchicalEpisode(COMPOSITE, seed));
            env.step(PLAN);
            StepResult<float[]> r = env.step(EXECUTE_NEXT);
            int llm = (Integer) r.info().get("llm_calls") - 1;
            int tests = (Integer) r.info().get("test_runs");
            assertTrue(llm >= 1 && tests >= 1, "the option generated and tested: llm=" + llm + " tests=" + tests);
            assertEquals(-0.05 * llm - 0.01 * tests, r.reward(), 1e-9, "reward = the option's calls' costs");
            assertEquals(ADDER, env.subtaskCodes().get(0), "the scripted Executive debugs until the tests pass");
            assertTrue(env.subtaskPassed()[0]);
            assertEquals(0.5f, r.observation()[10], "one of two subtasks passed");
            assertEquals(0f, r.observation()[11], "the last option ended on passing code");
            int executiveSteps = (Integer) r.info().get("executive_steps");
            assertEquals(1 + tests + (llm - 1) + 1, executiveSteps, "generate, tests, debugs, stop");
        }
    }

    @Test
    void executeNextRetriesASubtaskThatFailedItsTests() {
        // an Executive that stops right after the first TEST: failing parts stay failing and are retried
        OptionPolicy hasty = (obs, mask) -> mask[1] ? 1 : obs[17] == 0f && mask[0] ? 0 : 4;
        HierarchicalEnv env = new HierarchicalEnv(HierarchicalConfig.defaults(), List.of(COMPOSITE), FakeModel::new,
                FAKE_JUDGE, NOTES, hasty);
        boolean sawRetry = false;
        for (long seed = 0; seed < 60 && !sawRetry; seed += 4) {
            env.reset(new HierarchicalEpisode(COMPOSITE, seed));
            env.step(PLAN);
            env.step(EXECUTE_NEXT);
            if (!env.subtaskPassed()[0]) {
                StepResult<float[]> r = env.step(EXECUTE_NEXT);
                assertNotNullCode(env, 1);
                if (!env.subtaskPassed()[1] || env.subtaskPassed()[0]) {
                    continue;
                }
                // part 0 failed, part 1 passed: the next EXECUTE_NEXT goes back to part 0
                String before = env.subtaskCodes().get(0);
                env.step(EXECUTE_NEXT);
                sawRetry = true;
                assertEquals(1f, r.observation()[9], "both parts have code");
                assertTrue(env.subtaskPassed()[1], "part 1 untouched");
                assertTrue(before != null);
            }
        }
        assertTrue(sawRetry, "some seed had a failing first part and a passing second one");
    }

    private static void assertNotNullCode(HierarchicalEnv env, int i) {
        assertTrue(env.subtaskCodes().get(i) != null, "subtask " + i + " has code");
    }

    @Test
    void evaluateNeverCallsGenerate() {
        List<FakeModel> made = new ArrayList<>();
        HierarchicalEnv env = env(seed -> {
            FakeModel m = new FakeModel(seed);
            made.add(m);
            return m;
        }, FAKE_JUDGE);
        SplittableRandom rng = new SplittableRandom(5);
        int evaluations = 0, repairsInEvaluate = 0;
        for (int e = 0; e < 150; e++) {
            env.reset(e);
            StepResult<float[]> r;
            do {
                boolean[] mask = env.actionMask();
                int a;
                do {
                    a = rng.nextInt(6);
                } while (!mask[a] || (a == STOP && rng.nextInt(4) != 0));
                int generatesBefore = made.getLast().generates.get(), repairsBefore = made.getLast().repairs.get();
                r = env.step(a);
                if (a == EVALUATE) {
                    evaluations++;
                    assertEquals(generatesBefore, made.getLast().generates.get(), "EVALUATE called generate");
                    repairsInEvaluate += made.getLast().repairs.get() - repairsBefore;
                }
            } while (!r.done());
        }
        assertTrue(evaluations > 20, "random walks evaluated: " + evaluations);
        assertTrue(repairsInEvaluate > 0, "EVALUATE repaired some integrated code");
    }

    @Test
    void droppedSubtaskFailsIntegrationUntilReplan() {
        HierarchicalEnv env = env(FakeModel::new, FAKE_JUDGE);
        env.reset(new HierarchicalEpisode(COMPOSITE, 1)); // seed 1: the first plan drops "add"
        env.step(PLAN);
        assertEquals(0.25f, env.step(EXECUTE_NEXT).observation()[8], "the agent sees a 1-subtask plan");
        env.step(INTEGRATE);
        StepResult<float[]> r = env.step(EVALUATE);
        assertEquals(1f, r.observation()[16], "integration tests: compile error (a class is missing)");
        assertEquals(1f / 3f, r.observation()[24], 1e-6, "one failed evaluation since integrate");
        assertFalse(env.integratedCodePasses());
        env.step(REPLAN);
        assertNull(env.integratedCode(), "REPLAN discards the integrated code");
        assertEquals(0f, env.step(EXECUTE_NEXT).observation()[25], "failed evaluations reset by REPLAN");
        env.step(EXECUTE_NEXT);
        env.step(INTEGRATE);
        env.step(EVALUATE);
        StepResult<float[]> stop = env.step(STOP);
        assertEquals(true, stop.info().get("success"));
        assertEquals(1.0, stop.reward(), 1e-12, "STOP itself costs nothing");
    }

    @Test
    void mismatchIsRepairedByEvaluate() {
        HierarchicalEnv env = env(FakeModel::new, FAKE_JUDGE);
        env.reset(new HierarchicalEpisode(COMPOSITE, 3)); // seed 3: the first integration renames a call
        env.step(PLAN);
        env.step(EXECUTE_NEXT);
        env.step(EXECUTE_NEXT);
        env.step(INTEGRATE);
        assertTrue(env.integratedCode().contains("Adder.adds("));
        assertFalse(env.integratedCodePasses());
        StepResult<float[]> r = env.step(EVALUATE);
        assertFalse(env.integratedCode().contains("Adder.adds("), "the Executive debugged the integrated code");
        assertEquals(1f, r.observation()[15], "the last integration test passed");
        assertEquals(true, env.step(STOP).info().get("success"));
    }

    @Test
    void stopWithoutIntegratedCodeFailsAndTruncationPaysTheFailure() {
        HierarchicalEnv env = env(FakeModel::new, FAKE_JUDGE);
        env.reset(7);
        StepResult<float[]> r = env.step(STOP);
        assertEquals(-1.0, r.reward(), 1e-12);
        assertEquals(false, r.info().get("success"));
        HierarchicalEnv shortEnv = new HierarchicalEnv(HierarchicalConfig.defaults().withMaxSteps(2), List.of(COMPOSITE),
                FakeModel::new, FAKE_JUDGE, NOTES, EXECUTIVE);
        shortEnv.reset(4);
        shortEnv.step(PLAN);
        r = shortEnv.step(REPLAN);
        assertTrue(r.truncated());
        assertEquals(-1.05, r.reward(), 1e-12);
        assertThrows(IllegalStateException.class, () -> shortEnv.step(STOP));
    }

    @Test
    void illegalExecutiveActionIsReported() {
        HierarchicalEnv env = new HierarchicalEnv(HierarchicalConfig.defaults(), List.of(COMPOSITE), FakeModel::new,
                FAKE_JUDGE, NOTES, (obs, mask) -> 2); // DEBUG, masked out at the start of an option
        env.reset(0);
        env.step(PLAN);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(EXECUTE_NEXT));
        assertTrue(e.getMessage().contains("expected a legal action"), e.getMessage());
    }

    @Test
    void realSandboxRunsSubtaskAndIntegrationTests() {
        try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults().withSlots(2).withCompileWorkers(1))) {
            CodeJudge judge = new SandboxCodeJudge(sandbox);
            assertTrue(judge.judge(HierarchicalEnv.integrationTask(COMPOSITE), COMPOSITE.referenceSolution(), true)
                    .passed(), "the integrated reference passes the integration tests");
            HierarchicalEnv env = env(FakeModel::new, judge);
            env.reset(new HierarchicalEpisode(COMPOSITE, 3));
            env.step(PLAN);
            env.step(EXECUTE_NEXT);
            env.step(EXECUTE_NEXT);
            env.step(INTEGRATE);
            StepResult<float[]> r = env.step(EVALUATE);
            assertEquals(1f, r.observation()[15], "the mismatch was a compile error the Executive debugged");
            assertEquals(true, env.step(STOP).info().get("success"));
            EnvChecker.Report report = EnvChecker.run(() -> env(FakeModel::new, judge),
                    new EnvChecker.Options(42, 30, 100));
            assertTrue(report.passed(), report::toString);
        }
    }
}
