package dev.rlcode.envs.code.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rlcode.envs.code.task.KnowledgeNote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingCodeModelTest {

    /** Answers with a counter in the code, so a replayed answer is distinguishable from a fresh one. */
    static final class CountingModel implements CodeModel {
        int calls;

        @Override
        public Completion generate(GenerateRequest r) {
            return new Completion("// gen " + (++calls) + " " + r.prompt(), 10, 20, 30);
        }

        @Override
        public Completion repair(RepairRequest r) {
            return new Completion("// rep " + (++calls), 1, 2, 3);
        }

        @Override
        public Plan plan(PlanRequest r) {
            calls++;
            return new Plan(List.of(new Plan.PlannedSubtask("a", "do a"), new Plan.PlannedSubtask("b", "do b")), 5, 6, 7);
        }

        @Override
        public Completion integrate(IntegrateRequest r) {
            return new Completion("// int " + (++calls), 1, 1, 1);
        }
    }

    @Test
    void aHitNeverCallsTheDelegateAndSurvivesARestart(@TempDir Path dir) throws Exception {
        CountingModel delegate = new CountingModel();
        CachingCodeModel cache = new CachingCodeModel(delegate, dir, "stub@0.2");
        GenerateRequest g = new GenerateRequest("t", "p", "d", List.of());
        RepairRequest r = new RepairRequest("t", "p", "code", "fb", List.of(new KnowledgeNote("n", "t", "x", List.of("k"))));
        Completion first = cache.generate(g);
        Plan plan = cache.plan(new PlanRequest("c", "big"));
        Completion rep = cache.repair(r);
        Completion integ = cache.integrate(new IntegrateRequest("c", "big", List.of("a", "b")));
        assertEquals(4, delegate.calls);

        CountingModel fresh = new CountingModel();
        CachingCodeModel replay = new CachingCodeModel(fresh, dir, "stub@0.2");
        assertEquals(first, replay.generate(new GenerateRequest("t", "p", "d", List.of())));
        assertEquals(plan, replay.plan(new PlanRequest("c", "big")));
        assertEquals(rep, replay.repair(new RepairRequest("t", "p", "code", "fb", List.of(new KnowledgeNote("n", "t", "x", List.of("k"))))));
        assertEquals(integ, replay.integrate(new IntegrateRequest("c", "big", List.of("a", "b"))));
        assertEquals(0, fresh.calls);
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> entries = files.filter(Files::isRegularFile).toList();
            assertEquals(4, entries.size());
            entries.forEach(p -> assertEquals(true, p.toString().endsWith(".json"), p.toString()));
        }
    }

    @Test
    void differentRequestsOrNamespacesMiss(@TempDir Path dir) {
        CountingModel delegate = new CountingModel();
        CachingCodeModel cache = new CachingCodeModel(delegate, dir, "m1");
        cache.generate(new GenerateRequest("t", "p", "d", List.of()));
        cache.generate(new GenerateRequest("t", "p2", "d", List.of()));
        cache.repair(new RepairRequest("t", "p", "c", "f", List.of()));
        cache.repair(new RepairRequest("t", "p", "c", "f", List.of(new KnowledgeNote("n", "t", "x", List.of()))));
        new CachingCodeModel(delegate, dir, "m2").generate(new GenerateRequest("t", "p", "d", List.of()));
        assertEquals(5, delegate.calls);
        assertNotEquals(cache.key("generate", new GenerateRequest("t", "p", "d", List.of()), 1),
                cache.key("repair", new GenerateRequest("t", "p", "d", List.of()), 1));
        assertEquals(64, cache.key("plan", new PlanRequest("c", "x"), 1).length());
        assertThrows(IllegalArgumentException.class, () -> cache.key("plan", new PlanRequest("c", "x"), 0));
    }

    @Test
    void aRepeatedRequestIsANewSampleLiveAndTheSameSequenceOnReplay(@TempDir Path dir) {
        GenerateRequest g = new GenerateRequest("t", "p", "d", List.of());
        CountingModel delegate = new CountingModel();
        CachingCodeModel episode = new CachingCodeModel(delegate, dir, "m@seed=7");
        Completion first = episode.generate(g), second = episode.generate(g);
        assertNotEquals(first, second, "a second GENERATE of the same task asks the model again");
        assertEquals(2, delegate.calls);

        CountingModel fresh = new CountingModel();
        CachingCodeModel replay = new CachingCodeModel(fresh, dir, "m@seed=7");
        assertEquals(first, replay.generate(g));
        assertEquals(second, replay.generate(g));
        assertEquals(0, fresh.calls, "both answers replayed, in order");
        Completion third = replay.generate(g);
        assertEquals(1, fresh.calls, "a call beyond the recorded ones goes to the model");
        assertNotEquals(second, third);
    }

    @Test
    void whenTwoCallersMissTheSameKeyTheFirstAnswerStoredIsWhatBothGet(@TempDir Path dir) throws Exception {
        GenerateRequest g = new GenerateRequest("t", "p", "d", List.of());
        java.util.concurrent.CountDownLatch firstStored = new java.util.concurrent.CountDownLatch(1);
        CodeModel slow = new CodeModel() {
            @Override
            public Completion generate(GenerateRequest r) {
                try {
                    firstStored.await(); // answers only after the other caller has stored its answer
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Completion("// the slow caller's own sample", 1, 1, 1);
            }

            @Override
            public Completion repair(RepairRequest r) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Plan plan(PlanRequest r) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Completion integrate(IntegrateRequest r) {
                throw new UnsupportedOperationException();
            }
        };
        var slowCall = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()
                .submit(() -> new CachingCodeModel(slow, dir, "m@seed=3").generate(g));
        Completion fast = new CachingCodeModel(new CountingModel(), dir, "m@seed=3").generate(g);
        firstStored.countDown();
        assertEquals(fast, slowCall.get(), "the slow caller returns the stored answer, as a replay would");
        assertEquals(fast, new CachingCodeModel(new CountingModel(), dir, "m@seed=3").generate(g));
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList(), "no temporary file left");
        }
    }
}
