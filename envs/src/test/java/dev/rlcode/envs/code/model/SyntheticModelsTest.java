package dev.rlcode.envs.code.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.envs.code.model.mutation.FaultCatalog;
import dev.rlcode.envs.code.sandbox.ExecutionRequest;
import dev.rlcode.envs.code.sandbox.ExecutionResult;
import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.sandbox.SandboxStats;
import dev.rlcode.envs.code.sandbox.Timings;
import dev.rlcode.envs.code.sandbox.Verdict;
import dev.rlcode.envs.code.task.BundledSuite;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.CompositeTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production factory with a stand-in sandbox (passes exactly the references): catalogues cover the composite's
 * subtasks, land in the cache, and a second build judges nothing. The real sandbox path is SandboxJudgeTest's.
 */
class SyntheticModelsTest {

    /** Passes a request whose candidate is one of the references, fails any other. */
    private static final class ReferenceOnlySandbox implements Sandbox {
        final Set<String> references;
        final AtomicInteger runs = new AtomicInteger();

        ReferenceOnlySandbox(List<CodeTask> tasks) {
            references = tasks.stream().map(t -> t.referenceSolution().orElseThrow()).collect(Collectors.toSet());
        }

        @Override
        public Verdict run(ExecutionRequest request) {
            runs.incrementAndGet();
            boolean ok = request.sources().values().stream().anyMatch(references::contains);
            return new Verdict(ok ? new ExecutionResult.Passed(1) : new ExecutionResult.TestFailed("testX", "wrong"),
                    new Timings(0, 0, 0, 0, 1, false));
        }

        @Override
        public List<String> layers() {
            return List.of();
        }

        @Override
        public SandboxStats stats() {
            return new SandboxStats(runs.get(), 0, 0, 0, 0, 0, 0, 0);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void catalogsOfCompositeSubtasksAreComputedOnceAndCached(@TempDir Path cache) throws Exception {
        CompositeTask composite = BundledSuite.composites().stream()
                .min(Comparator.comparingInt(c -> c.subtasks().size())).orElseThrow();
        var sandbox = new ReferenceOnlySandbox(composite.subtasks());
        List<FaultCatalog> seen = new ArrayList<>();
        SyntheticModelConfig alwaysWrong = new SyntheticModelConfig(1, 0, 0, 0, 0, 0.5, 0, 0.7, 0.75, 0, 0, 0, 0, 0, 0, 0);
        SyntheticCodeModel model = SyntheticModels.create(alwaysWrong, List.of(), List.of(composite), sandbox, cache,
                seen::add);
        assertEquals(composite.subtasks().stream().map(CodeTask::id).sorted().toList(),
                seen.stream().map(FaultCatalog::taskId).sorted().toList());
        assertTrue(seen.stream().allMatch(c -> !c.faults().isEmpty() && c.deep().isEmpty()), "all killed by visible");
        assertTrue(sandbox.runs.get() > 0);
        try (var files = Files.list(cache)) {
            assertEquals(composite.subtasks().size(), files.count());
        }

        CodeTask sub = composite.subtasks().getFirst();
        String code = model.generate(new GenerateRequest(sub.id(), sub.prompt(), sub.declaration(), List.of())).code();
        assertNotEquals(sub.referenceSolution().orElseThrow(), code, "pCorrect = 0: a fault is applied");

        var again = new ReferenceOnlySandbox(composite.subtasks());
        List<FaultCatalog> cached = new ArrayList<>();
        SyntheticModels.create(alwaysWrong, List.of(), List.of(composite), again, cache, cached::add);
        assertEquals(0, again.runs.get(), "a second build reads every catalogue from the cache");
        assertEquals(seen.stream().sorted(Comparator.comparing(FaultCatalog::taskId)).toList(),
                cached.stream().sorted(Comparator.comparing(FaultCatalog::taskId)).toList());
    }
}
