package dev.rlcode.envs.code;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.KnowledgeNote;
import dev.rlcode.envs.code.sandbox.TestStyle;
import dev.rlcode.envs.code.task.Tier;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExecutiveEnvTest {

    static final String REFERENCE = "public class Adder {\n    public static int add(int a, int b) {\n        return a + b;\n    }\n}\n";
    static final String SHALLOW = REFERENCE.replace("a + b", "a - b");
    static final String DEEP = REFERENCE.replace("return a + b;", "return a == 1000 ? 0 : a + b;");
    static final String VISIBLE = "public class AdderTest {\n    public static void testSmall() {\n"
            + "        if (Adder.add(2, 3) != 5) throw new AssertionError(\"add(2, 3) expected 5\");\n    }\n}\n";
    static final String HIDDEN = "public class AdderHiddenTest {\n    public static void testLarge() {\n"
            + "        if (Adder.add(1000, 1) != 1001) throw new AssertionError(\"add(1000, 1)\");\n    }\n"
            + "    public static void testSmall() {\n        if (Adder.add(2, 3) != 5) throw new AssertionError();\n    }\n}\n";
    static final CodeTask TASK = new CodeTask("adder", Tier.EASY, "Add two ints a and b.", "Adder.add",
            REFERENCE.replace("return a + b;", "throw new UnsupportedOperationException();"), VISIBLE, HIDDEN,
            TestStyle.TEST_METHODS, Optional.of(REFERENCE), List.of("adder-note"), "Adder", "AdderTest", "AdderHiddenTest");
    static final NoteIndex NOTES = NoteIndex.of(List.of(
            new KnowledgeNote("adder-note", "Adding ints", "a + b; large a values need no special case.", List.of())));

    /**
     * A deterministic fake coder: generate gives the reference, a shallow or a deep fault (seeded by the model
     * seed); repair fixes a shallow fault always and a deep one only with a note in context.
     */
    static class FakeModel implements CodeModel {
        final SplittableRandom rng;
        final AtomicInteger generates = new AtomicInteger();
        final AtomicInteger repairs = new AtomicInteger();

        FakeModel(long seed) {
            rng = new SplittableRandom(seed);
        }

        @Override
        public Completion generate(GenerateRequest r) {
            generates.incrementAndGet();
            int k = rng.nextInt(3);
            return new Completion(k == 0 ? REFERENCE : k == 1 ? SHALLOW : DEEP, 1, 1, 0);
        }

        @Override
        public Completion repair(RepairRequest r) {
            repairs.incrementAndGet();
            String code = r.code().equals(DEEP) && r.notes().isEmpty() ? DEEP : REFERENCE;
            return new Completion(code, 1, 1, 0);
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

    /** Judges the three known sources as the real tests would. */
    static final CodeJudge FAKE_JUDGE = (task, code, hidden) -> code.equals(REFERENCE) ? new ExecutionResult.Passed(2)
            : code.equals(SHALLOW) ? new ExecutionResult.TestFailed("testSmall", "expected 5")
            : hidden && code.equals(DEEP) ? new ExecutionResult.TestFailed("testLarge", "add(1000, 1)")
            : new ExecutionResult.Passed(1);

    static ExecutiveEnv fakeEnv() {
        return new ExecutiveEnv(ExecutiveConfig.defaults(), List.of(TASK), FakeModel::new, FAKE_JUDGE, NOTES);
    }

    @Test
    void passesEnvChecker() {
        EnvChecker.Report report = EnvChecker.check(ExecutiveEnvTest::fakeEnv);
        assertEquals(EnvChecker.Status.PASS, report.status(EnvChecker.ILLEGAL_ACTION_THROWS));
        assertEquals(EnvChecker.Status.PASS, report.status(EnvChecker.STEP_AFTER_DONE_THROWS));
    }

    @Test
    void masksFollowTheProtocol() {
        // the shallow fault: generate, test (fails), search, debug, test (passes), stop
        ExecutiveEnv env = new ExecutiveEnv(ExecutiveConfig.defaults(), List.of(TASK),
                seed -> new FakeModel(seed) {
                    @Override
                    public Completion generate(GenerateRequest r) {
                        return new Completion(SHALLOW, 1, 1, 0);
                    }
                }, FAKE_JUDGE, NOTES);
        env.reset(1);
        assertArrayEquals(new boolean[] {true, false, false, false, true}, env.actionMask());
        assertEquals(-0.05, env.step(0).reward(), 1e-12);
        assertArrayEquals(new boolean[] {true, true, false, false, true}, env.actionMask());
        assertEquals(-0.01, env.step(1).reward(), 1e-12);
        assertArrayEquals(new boolean[] {true, false, true, true, true}, env.actionMask());
        env.step(3);
        assertTrue(env.hasNotes());
        assertArrayEquals(new boolean[] {true, false, true, false, true}, env.actionMask());
        env.step(2);
        assertEquals(REFERENCE, env.code());
        assertArrayEquals(new boolean[] {true, true, false, false, true}, env.actionMask());
        StepResult<float[]> t = env.step(1);
        assertEquals(1f, t.observation()[19], "last test passed, code unchanged");
        assertArrayEquals(new boolean[] {true, false, false, false, true}, env.actionMask());
        StepResult<float[]> stop = env.step(4);
        assertTrue(stop.terminated());
        assertEquals(1.0, stop.reward(), 1e-12);
        assertEquals(true, stop.info().get("success"));
        assertEquals("generate-test-search-debug-test-stop", stop.info().get("trace"));
        assertEquals(2, stop.info().get("llm_calls"));
        assertEquals(2, stop.info().get("test_runs"));
        assertEquals(1, stop.info().get("searches"));
        assertEquals(1, stop.info().get("search_hits"), "the search found the task's own note");
        assertThrows(IllegalStateException.class, () -> env.step(4));
    }

    /**
     * Code that fails a visible example but passes the hidden tests (a task whose hidden tests miss that case) is
     * not a solution: STOP after the failed TEST is a failure, as the TEST said.
     */
    @Test
    void codeFailingAVisibleTestIsNoSuccessEvenWhenTheHiddenTestsPass() {
        String visibleOnly = REFERENCE.replace("return a + b;", "return a == 2 ? 0 : a + b;");
        CodeJudge judge = (task, code, hidden) -> code.equals(visibleOnly)
                ? (hidden ? new ExecutionResult.Passed(1) : new ExecutionResult.TestFailed("testSmall", "expected 5"))
                : FAKE_JUDGE.judge(task, code, hidden);
        ExecutiveEnv env = new ExecutiveEnv(ExecutiveConfig.defaults(), List.of(TASK), seed -> new FakeModel(seed) {
            @Override
            public Completion generate(GenerateRequest r) {
                return new Completion(visibleOnly, 1, 1, 0);
            }
        }, judge, NOTES);
        env.reset(1);
        env.step(0);
        assertEquals(0f, env.step(1).observation()[19], "the test failed");
        StepResult<float[]> stop = env.step(4);
        assertEquals(false, stop.info().get("success"));
        assertEquals(ExecutiveConfig.defaults().failureReward(), stop.reward(), 1e-12);
        assertTrue(judge.judge(TASK, visibleOnly, true).passed(), "premise: the hidden tests alone pass it");
    }

    /** An env whose model always generates the deep fault. */
    static ExecutiveEnv deepFaultEnv(ExecutiveConfig config, NoteIndex index) {
        return new ExecutiveEnv(config, List.of(TASK), seed -> new FakeModel(seed) {
            @Override
            public Completion generate(GenerateRequest r) {
                return new Completion(DEEP, 1, 1, 0);
            }
        }, FAKE_JUDGE, index);
    }

    @Test
    void searchAfterFailedDebugAllowsSearchOnlyOnceARepairHasFailed() {
        ExecutiveConfig gated = ExecutiveConfig.defaults().with("searchAfter", "failed-debug");
        ExecutiveEnv env = deepFaultEnv(gated, NOTES);
        env.reset(1);
        env.step(0);
        env.step(1); // the hidden test shows the deep fault
        assertArrayEquals(new boolean[] {true, false, true, false, true}, env.actionMask(),
                "generated code failed: DEBUG yes, SEARCH not yet");
        assertThrows(IllegalArgumentException.class, () -> env.step(3));
        env.step(2); // without a note the deep fault stays
        env.step(1);
        assertArrayEquals(new boolean[] {true, false, true, true, true}, env.actionMask(),
                "repaired code failed: SEARCH legal");
        env.step(3);
        assertArrayEquals(new boolean[] {true, false, true, false, true}, env.actionMask(), "once per failed test");
        env.step(2);
        env.step(1);
        StepResult<float[]> stop = env.step(4);
        assertEquals(true, stop.info().get("success"));
        assertEquals("generate-test-debug-test-search-debug-test-stop", stop.info().get("trace"));
        env.reset(2);
        for (int a : new int[] {0, 1, 2, 1, 0, 1}) { // a new GENERATE after a failed repair closes SEARCH again
            env.step(a);
        }
        assertArrayEquals(new boolean[] {true, false, true, false, true}, env.actionMask());
        assertEquals(EnvChecker.Status.PASS, EnvChecker.check(() -> deepFaultEnv(gated, NOTES))
                .status(EnvChecker.ILLEGAL_ACTION_THROWS));
    }

    @Test
    void maskRegenerateForbidsGenerateOnlyWhileTheCodeIsUntested() {
        ExecutiveEnv env = deepFaultEnv(ExecutiveConfig.defaults().with("maskRegenerate", "true"), NOTES);
        env.reset(1);
        assertTrue(env.actionMask()[0], "no code yet");
        env.step(0);
        assertArrayEquals(new boolean[] {false, true, false, false, true}, env.actionMask(), "generated, untested");
        assertThrows(IllegalArgumentException.class, () -> env.step(0));
        env.step(1);
        assertArrayEquals(new boolean[] {true, false, true, true, true}, env.actionMask(), "tested: GENERATE again");
        env.step(2);
        assertArrayEquals(new boolean[] {false, true, false, false, true}, env.actionMask(), "repaired, untested");
        ExecutiveEnv plain = deepFaultEnv(ExecutiveConfig.defaults(), NOTES);
        plain.reset(1);
        plain.step(0);
        assertTrue(plain.actionMask()[0], "off by default");
        ExecutiveConfig masked = ExecutiveConfig.defaults().with("maskRegenerate", "true");
        assertEquals(EnvChecker.Status.PASS, EnvChecker.check(() -> deepFaultEnv(masked, NOTES))
                .status(EnvChecker.ILLEGAL_ACTION_THROWS));
    }

    @Test
    void searchAfterFailedDebugAppliesInEvaluationMode() {
        ExecutiveEnv env = deepFaultEnv(ExecutiveConfig.defaults().with("searchAfter", "failed-debug"), NOTES);
        env.reset(ExecutiveEpisode.fromCode(TASK, 3, DEEP));
        env.step(1);
        assertArrayEquals(new boolean[] {false, false, true, false, true}, env.actionMask());
        env.step(2);
        env.step(1);
        assertArrayEquals(new boolean[] {false, false, true, true, true}, env.actionMask());
    }

    /** Plays generate, test, search, stop on a new episode; returns the last step. */
    static StepResult<float[]> generateTestSearchStop(ExecutiveEnv env) {
        return generateTestSearchStop(env, 7);
    }

    static StepResult<float[]> generateTestSearchStop(ExecutiveEnv env, long seed) {
        env.reset(seed);
        StepResult<float[]> r = null;
        for (int a : new int[] {0, 1, 3, 4}) {
            r = env.step(a);
        }
        return r;
    }

    @Test
    void searchWithCodeFindsANoteOnlyTheCodeNames() {
        // the task's note shares words only with the code (class Adder, public static, return), not with the prompt
        NoteIndex index = NoteIndex.of(List.of(
                new KnowledgeNote("adder-note", "Adder class", "public static methods return early", List.of()),
                new KnowledgeNote("other-note", "Two numbers", "add two ints a and b", List.of())));
        int[] hits = new int[ExecutiveConfig.SearchQuery.values().length];
        for (ExecutiveConfig.SearchQuery q : ExecutiveConfig.SearchQuery.values()) {
            ExecutiveEnv env = deepFaultEnv(ExecutiveConfig.defaults().with("notesPerSearch", "2")
                    .with("searchQuery", q.text()), index);
            hits[q.ordinal()] = (Integer) generateTestSearchStop(env).info().get("search_hits");
        }
        assertEquals(0, hits[ExecutiveConfig.SearchQuery.PROMPT_FEEDBACK.ordinal()], "prompt and feedback miss it");
        assertEquals(1, hits[ExecutiveConfig.SearchQuery.PROMPT_FEEDBACK_CODE.ordinal()], "the code finds it");
        assertEquals(1, hits[ExecutiveConfig.SearchQuery.FUSED.ordinal()], "the code's own search finds it");
    }

    @Test
    void aSearchThatFindsOnlyOtherNotesIsCountedAsAMiss() {
        NoteIndex foreign = NoteIndex.of(List.of(new KnowledgeNote("other-note", "Adding ints",
                "a + b for large a values, another task's advice.", List.of())));
        ExecutiveEnv env = deepFaultEnv(ExecutiveConfig.defaults(), foreign);
        StepResult<float[]> r = generateTestSearchStop(env);
        assertTrue(env.hasNotes(), "the foreign note is in context");
        assertEquals(1, r.info().get("searches"));
        assertEquals(0, r.info().get("search_hits"));
        env.reset(8);
        assertEquals(0, env.step(0).info().get("searches"), "counts restart with the episode");
    }

    /** Like {@link #deepFaultEnv}, with a repair that removes the deep fault only with the task's own note. */
    static ExecutiveEnv ownNoteRepairEnv(ExecutiveConfig config, NoteIndex index) {
        return new ExecutiveEnv(config, List.of(TASK), seed -> new FakeModel(seed) {
            @Override
            public Completion generate(GenerateRequest r) {
                return new Completion(DEEP, 1, 1, 0);
            }

            @Override
            public Completion repair(RepairRequest r) {
                boolean own = r.notes().stream().anyMatch(n -> TASK.knowledgeNoteIds().contains(n.id()));
                return new Completion(own ? REFERENCE : DEEP, 1, 1, 0);
            }
        }, FAKE_JUDGE, index);
    }

    @Test
    void searchMissRateWithholdsTheTasksNotesForAWholeEpisodeDrawnFromItsSeed() {
        NoteIndex three = NoteIndex.of(List.of(
                new KnowledgeNote("adder-note", "Adding ints", "a + b; large a values need no special case.", List.of()),
                new KnowledgeNote("other-note", "Adding ints", "another task's advice on a and b.", List.of()),
                new KnowledgeNote("third-note", "Strings", "unrelated text about strings.", List.of())));
        ExecutiveConfig one = ExecutiveConfig.defaults().with("notesPerSearch", "1");
        // rate 1: every episode misses; the search still returns one note, the next-best one, and DEBUG cannot fix
        ExecutiveEnv always = ownNoteRepairEnv(one.with("searchMissRate", "1"), three);
        always.reset(7);
        StepResult<float[]> r = null;
        for (int a : new int[] {0, 1, 3, 2, 1, 3}) {
            assertTrue(always.actionMask()[a], "action " + ExecutiveAction.of(a) + " legal");
            r = always.step(a);
        }
        assertEquals(List.of("other-note"), always.notes().stream().map(KnowledgeNote::id).toList(),
                "the next-best note, in place of the task's own, on both searches");
        assertEquals(0, r.info().get("search_hits"));
        r = always.step(4);
        assertEquals(true, r.info().get("notes_withheld"));
        assertEquals(false, r.info().get("success"), "DEBUG without the task's note leaves the deep fault");
        // rate 0 (the default): the same actions find the note, and the deep fault is repaired
        ExecutiveEnv never = ownNoteRepairEnv(one, three);
        never.reset(7);
        for (int a : new int[] {0, 1, 3, 2, 1}) {
            r = never.step(a);
        }
        assertEquals(List.of("adder-note"), never.notes().stream().map(KnowledgeNote::id).toList());
        r = never.step(4);
        assertEquals(false, r.info().get("notes_withheld"));
        assertEquals(true, r.info().get("success"));
        // rate 0.5: drawn per episode from its seed, so the same seed gives the same draw, and both happen
        ExecutiveEnv half = deepFaultEnv(one.with("searchMissRate", "0.5"), three);
        int withheld = 0;
        for (long seed = 0; seed < 200; seed++) {
            boolean w = (Boolean) generateTestSearchStop(half, seed).info().get("notes_withheld");
            assertEquals(w, generateTestSearchStop(half, seed).info().get("notes_withheld"), "seed " + seed);
            assertEquals(w ? 0 : 1, generateTestSearchStop(half, seed).info().get("search_hits"), "seed " + seed);
            withheld += w ? 1 : 0;
        }
        assertTrue(withheld > 70 && withheld < 130, "about half of 200 episodes: " + withheld);
    }

    @Test
    void searchNewNotesMakesARepeatedSearchReturnTheNextNotes() {
        // the prompt's words rank another task's note first; the task's own note comes second
        NoteIndex index = NoteIndex.of(List.of(
                new KnowledgeNote("other-note", "Add two ints", "add two ints a and b", List.of()),
                new KnowledgeNote("adder-note", "Adding", "large values need no special case", List.of())));
        for (boolean fresh : new boolean[] {false, true}) {
            ExecutiveEnv env = ownNoteRepairEnv(ExecutiveConfig.defaults().with("notesPerSearch", "1")
                    .with("searchNewNotes", String.valueOf(fresh)), index);
            env.reset(7);
            StepResult<float[]> r = null;
            for (int a : new int[] {0, 1, 3, 2, 1, 3, 2, 1, 4}) {
                assertTrue(env.actionMask()[a], "action " + ExecutiveAction.of(a) + " legal");
                r = env.step(a);
            }
            assertEquals(fresh ? List.of("other-note", "adder-note") : List.of("other-note"),
                    env.notes().stream().map(KnowledgeNote::id).toList(), "searchNewNotes=" + fresh);
            assertEquals(fresh ? 1 : 0, r.info().get("search_hits"));
            assertEquals(fresh, r.info().get("success"), "the second DEBUG has the task's note only when fresh");
        }
    }

    @Test
    void stopOnUntestedOrMissingCodeFailsEvenWhenTheCodeIsCorrect() {
        ExecutiveEnv env = fakeEnv();
        env.reset(ExecutiveEpisode.fromCode(TASK, 3, REFERENCE));
        StepResult<float[]> r = env.step(4);
        assertEquals(-1.0, r.reward(), 1e-12);
        assertEquals(false, r.info().get("success"));
        env.reset(3);
        assertEquals(-1.0, env.step(4).reward(), 1e-12);
    }

    @Test
    void deepFaultFailsTestEvenThoughTheVisibleTestsPass() {
        assertTrue(FAKE_JUDGE.judge(TASK, DEEP, false).passed(), "the visible tests alone miss the deep fault");
        ExecutiveEnv env = fakeEnv();
        env.reset(ExecutiveEpisode.fromCode(TASK, 3, DEEP));
        StepResult<float[]> t = env.step(1);
        assertEquals(1f, t.observation()[9], "outcome test failed");
        assertEquals(0f, t.observation()[19], "not passed");
        assertArrayEquals(new boolean[] {false, false, true, true, true}, env.actionMask(), "DEBUG and SEARCH open");
        StepResult<float[]> r = env.step(4);
        assertEquals(-1.0, r.reward(), 1e-12, "STOP on code failing the hidden tests");
        assertEquals(false, r.info().get("success"));
    }

    @Test
    void thirdTemplateIsReachableWithTheFakeModel() {
        // generate gives the deep fault; DEBUG without the note leaves it, SEARCH then DEBUG removes it
        List<String> feedback = new java.util.ArrayList<>();
        ExecutiveEnv env = new ExecutiveEnv(ExecutiveConfig.defaults(), List.of(TASK), seed -> new FakeModel(seed) {
            @Override
            public Completion generate(GenerateRequest r) {
                return new Completion(DEEP, 1, 1, 0);
            }

            @Override
            public Completion repair(RepairRequest r) {
                feedback.add(r.feedback());
                return super.repair(r);
            }
        }, FAKE_JUDGE, NOTES);
        env.reset(7);
        StepResult<float[]> r = null;
        for (int a : new int[] {0, 1, 2, 1, 3, 2, 1, 4}) {
            assertTrue(env.actionMask()[a], "action " + ExecutiveAction.of(a) + " legal");
            r = env.step(a);
        }
        assertEquals("generate-test-debug-test-search-debug-test-stop", r.info().get("trace"));
        assertEquals(true, r.info().get("success"));
        assertEquals(List.of("test testLarge failed: add(1000, 1)", "test testLarge failed: add(1000, 1)"), feedback,
                "DEBUG gets the hidden test's message");
    }
    @Test
    void truncatesAfterMaxStepsWithTheFailureReward() {
        ExecutiveEnv env = new ExecutiveEnv(ExecutiveConfig.defaults().withMaxSteps(3), List.of(TASK), FakeModel::new,
                FAKE_JUDGE, NOTES);
        env.reset(5);
        env.step(0);
        env.step(0);
        StepResult<float[]> r = env.step(0);
        assertTrue(r.truncated());
        assertFalse(r.terminated());
        assertEquals(-1.05, r.reward(), 1e-12);
        assertThrows(IllegalStateException.class, () -> env.step(4));

        // with stepLimitTerminates the same episode ends as terminated, with the same reward and outcome
        ExecutiveEnv ends = new ExecutiveEnv(ExecutiveConfig.defaults().withMaxSteps(3)
                .with("stepLimitTerminates", "true"), List.of(TASK), FakeModel::new, FAKE_JUDGE, NOTES);
        ends.reset(5);
        ends.step(0);
        ends.step(0);
        StepResult<float[]> t = ends.step(0);
        assertTrue(t.terminated());
        assertFalse(t.truncated());
        assertEquals(r.reward(), t.reward(), 0.0);
        assertEquals(r.info(), t.info());
        assertThrows(IllegalStateException.class, () -> ends.step(4));
    }

    @Test
    void evaluationModeNeverCallsGenerate() {
        List<FakeModel> made = new java.util.ArrayList<>();
        ExecutiveEnv env = new ExecutiveEnv(ExecutiveConfig.defaults(), List.of(TASK), seed -> {
            FakeModel m = new FakeModel(seed);
            made.add(m);
            return m;
        }, FAKE_JUDGE, NOTES);
        SplittableRandom rng = new SplittableRandom(11);
        int repairs = 0;
        for (int e = 0; e < 200; e++) {
            float[] first = env.reset(ExecutiveEpisode.fromCode(TASK, e, e % 2 == 0 ? SHALLOW : DEEP)).observation();
            assertEquals(1f, first[20], "evaluation-mode feature");
            while (true) {
                boolean[] mask = env.actionMask();
                assertFalse(mask[0], "GENERATE must be masked out in evaluation mode");
                int a;
                do {
                    a = rng.nextInt(5);
                } while (!mask[a]);
                if (env.step(a).done()) {
                    break;
                }
            }
            repairs += made.getLast().repairs.get();
        }
        assertThrows(IllegalArgumentException.class, () -> {
            env.reset(ExecutiveEpisode.fromCode(TASK, 1, SHALLOW));
            env.step(0);
        });
        assertEquals(0, made.stream().mapToInt(m -> m.generates.get()).sum());
        assertTrue(repairs > 0, "the random walks did repair, so the model was in use");
    }

    @Test
    void sameSeedReplaysTheSameTaskAndModelBehaviour() {
        ExecutiveEnv a = fakeEnv();
        ExecutiveEnv b = fakeEnv();
        for (long seed = 0; seed < 20; seed++) {
            a.reset(seed);
            b.reset(seed);
            a.step(0);
            b.step(0);
            assertEquals(a.code(), b.code());
        }
    }

    @Test
    void realSandboxJudgesTheVisibleAndHiddenTests() {
        try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults().withSlots(2).withCompileWorkers(1))) {
            CodeJudge judge = new SandboxCodeJudge(sandbox);
            assertTrue(judge.judge(TASK, DEEP, false).passed(), "the visible tests alone miss the deep fault");
            assertEquals(new ExecutionResult.Passed(3), judge.judgeSuite(TASK, REFERENCE), "1 visible + 2 hidden");
            // a candidate that loops ends as a Timeout of the judge's own limit, not the request default
            String loops = REFERENCE.replace("return a + b;", "while (a == a) { } return 0;");
            assertEquals(new ExecutionResult.Timeout(java.time.Duration.ofSeconds(1)),
                    new SandboxCodeJudge(sandbox, java.time.Duration.ofSeconds(1)).judge(TASK, loops, true));
            assertThrows(IllegalArgumentException.class, () -> new SandboxCodeJudge(sandbox, java.time.Duration.ZERO));
            ExecutiveEnv env = new ExecutiveEnv(ExecutiveConfig.defaults(), List.of(TASK), FakeModel::new, judge, NOTES);
            // deep fault: TEST (the suite) fails on the hidden test; STOP fails
            env.reset(ExecutiveEpisode.fromCode(TASK, 1, DEEP));
            StepResult<float[]> t = env.step(1);
            assertEquals(1f, t.observation()[9], "outcome test failed");
            assertEquals(false, env.step(4).info().get("success"));
            // shallow fault: the visible test fails with the sandbox's message; debug fixes it
            env.reset(ExecutiveEpisode.fromCode(TASK, 2, SHALLOW));
            t = env.step(1);
            assertEquals(1f, t.observation()[9], "outcome test failed");
            env.step(2);
            env.step(1);
            StepResult<float[]> stop = env.step(4);
            assertEquals(true, stop.info().get("success"));
            assertEquals(1.0, stop.reward(), 1e-12);
            EnvChecker.Report report = EnvChecker.run(() -> new ExecutiveEnv(ExecutiveConfig.defaults(), List.of(TASK),
                    FakeModel::new, judge, NOTES), new EnvChecker.Options(42, 30, 100));
            assertTrue(report.passed(), report::toString);
        }
    }

    @Test
    void thirdTemplateIsReachableWithTheRealSandbox() {
        List<String> feedback = new java.util.ArrayList<>();
        try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults().withSlots(2).withCompileWorkers(1))) {
            ExecutiveEnv env = new ExecutiveEnv(ExecutiveConfig.defaults(), List.of(TASK), seed -> new FakeModel(seed) {
                @Override
                public Completion generate(GenerateRequest r) {
                    return new Completion(DEEP, 1, 1, 0);
                }

                @Override
                public Completion repair(RepairRequest r) {
                    feedback.add(r.feedback());
                    return super.repair(r);
                }
            }, new SandboxCodeJudge(sandbox), NOTES);
            env.reset(7);
            StepResult<float[]> r = null;
            float[][] afterTest = new float[3][];
            int tests = 0;
            for (int a : new int[] {0, 1, 2, 1, 3, 2, 1, 4}) {
                assertTrue(env.actionMask()[a], "action " + ExecutiveAction.of(a) + " legal");
                r = env.step(a);
                if (a == 1) {
                    afterTest[tests++] = r.observation();
                }
            }
            assertEquals(1f, afterTest[0][9], "first TEST fails (hidden test)");
            assertEquals(1f, afterTest[1][9], "DEBUG without the note leaves the deep fault");
            assertEquals(1f, afterTest[2][7], "DEBUG with the note fixes it");
            assertEquals("generate-test-debug-test-search-debug-test-stop", r.info().get("trace"));
            assertEquals(true, r.info().get("success"));
            assertEquals(1.0, r.reward(), 1e-12);
            assertEquals(2, feedback.size());
            assertTrue(feedback.getFirst().contains("testLarge"), "feedback names the failing hidden test: " + feedback);
        }
    }
}
