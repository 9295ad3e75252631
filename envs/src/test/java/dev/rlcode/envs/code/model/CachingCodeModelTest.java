package dev.rlcode.envs.code.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
        assertNotEquals(cache.key("generate", new GenerateRequest("t", "p", "d", List.of())),
                cache.key("repair", new GenerateRequest("t", "p", "d", List.of())));
        assertEquals(64, cache.key("plan", new PlanRequest("c", "x")).length());
    }
}
