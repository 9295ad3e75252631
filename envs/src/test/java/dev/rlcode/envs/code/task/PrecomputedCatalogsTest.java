package dev.rlcode.envs.code.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.envs.code.model.SyntheticModels;
import dev.rlcode.envs.code.model.mutation.Fault;
import dev.rlcode.envs.code.model.mutation.FaultCatalog;
import dev.rlcode.envs.code.model.mutation.FaultCatalogs;
import dev.rlcode.envs.code.model.mutation.MutantJudge;
import dev.rlcode.envs.code.model.mutation.Outcome;
import dev.rlcode.envs.code.model.mutation.SandboxJudge;
import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.sandbox.SandboxConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bundled suite's precomputed fault catalogues ({@link BundledSuite#precomputedCatalog}) are exactly those the
 * sandbox judges: one per bundled task under the shipped settings, none stale, each equal to a fresh judgement (but
 * for which of two ways an unfinished run ended, see {@link #comparable}).
 *
 * <p>To update them after a change of a task, the mutator or the classification: run this test, then replace the
 * resource folder with {@code envs/target/judged-fault-catalogs/} (the fresh judgement, written by the last test).
 */
class PrecomputedCatalogsTest {

    private static final Path RESOURCES = Path.of("src/main/resources" + BundledSuite.PRECOMPUTED_CATALOGS);
    private static final Path JUDGED = Path.of("target/judged-fault-catalogs");
    private static final String UPDATE = "; to update, replace " + RESOURCES + " with " + JUDGED
            + " (written by precomputedCataloguesEqualAFreshJudgement)";

    private static final MutantJudge NEVER = (src, tests, style) -> {
        throw new AssertionError("a precomputed catalogue must not be judged");
    };

    private static FaultCatalogs settings(MutantJudge judge, Path cache) {
        return new FaultCatalogs(judge, BundledSuite.PRECOMPUTED_MAX_MUTANTS, SyntheticModels.CATALOG_SEED, cache);
    }

    @Test
    void everyBundledTaskHasOneAndNoFileIsStale() throws IOException {
        FaultCatalogs keys = settings(NEVER, null);
        Set<String> expected = BundledSuite.tasks().stream().map(keys::fileName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> shipped;
        try (Stream<Path> files = Files.list(RESOURCES)) {
            shipped = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(expected, shipped, "precomputed catalogues out of date" + UPDATE);
        FaultCatalogs pre = keys.withPrecomputed(BundledSuite::precomputedCatalog);
        for (CodeTask t : BundledSuite.tasks()) {
            assertEquals(t.id(), pre.catalog(t).taskId());
        }
        assertEquals(BundledSuite.tasks().size(), pre.precomputedHits());
    }

    @Test
    void aKeyThatIsNotOneFindsNothing() {
        assertTrue(BundledSuite.precomputedCatalog("../tasks/easy-anagram").isEmpty());
        assertTrue(BundledSuite.precomputedCatalog("0".repeat(64)).isEmpty());
        assertTrue(BundledSuite.precomputedCatalog(null).isEmpty());
    }

    /**
     * {@return the catalogue with TIMEOUT and CRASHED told apart no more} Both end a run that did not finish (a
     * loop past the time limit, or one that filled the heap or the output cap first: about 2 s here against the 5 s
     * limit), so which comes first depends on the machine's speed; both kill the mutant, so its class is the same,
     * and nothing reads the outcome but this file format. Everything else must be equal.
     */
    private static FaultCatalog comparable(FaultCatalog c) {
        List<Fault> faults = c.faults().stream().map(f -> new Fault(f.mutant(), f.faultClass(),
                unfinished(f.visibleResult()), unfinished(f.hiddenResult()))).toList();
        return new FaultCatalog(c.taskId(), c.reference(), faults, c.generated(), c.judged(), c.uncompilable(),
                c.equivalent());
    }

    private static Outcome unfinished(Outcome o) {
        return o == Outcome.CRASHED ? Outcome.TIMEOUT : o;
    }

    /** Judges all 60 tasks again through the production sandbox (about 2.5 minutes on 2 cores). */
    @Test
    void precomputedCataloguesEqualAFreshJudgement() throws IOException {
        if (Files.isDirectory(JUDGED)) {
            try (Stream<Path> old = Files.list(JUDGED)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        List<String> differ = new ArrayList<>();
        try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults())) {
            FaultCatalogs fresh = settings(new SandboxJudge(sandbox, SandboxJudge.DEFAULT_TIMEOUT, 4), JUDGED);
            FaultCatalogs pre = settings(NEVER, null).withPrecomputed(BundledSuite::precomputedCatalog);
            List<CodeTask> tasks = BundledSuite.tasks();
            List<FaultCatalog> judged = fresh.catalogs(tasks, 2, c -> { });
            for (int i = 0; i < tasks.size(); i++) {
                FaultCatalog shipped = pre.catalog(tasks.get(i));
                if (!comparable(shipped).equals(comparable(judged.get(i)))) {
                    differ.add(tasks.get(i).id());
                }
            }
            assertEquals(0, fresh.cacheHits());
        }
        assertEquals(List.of(), differ, "precomputed catalogues that differ from the sandbox's judgement" + UPDATE);
    }
}
