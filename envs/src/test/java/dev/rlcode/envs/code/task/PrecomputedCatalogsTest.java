package dev.rlcode.envs.code.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.envs.code.model.SyntheticModels;
import dev.rlcode.envs.code.model.mutation.Fault;
import dev.rlcode.envs.code.model.mutation.FaultCatalog;
import dev.rlcode.envs.code.model.mutation.FaultCatalogs;
import dev.rlcode.envs.code.model.mutation.FaultClass;
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
 * for the outcome a slow mutant was killed with, see {@link #agree(FaultCatalog, FaultCatalog)}).
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

    /** A kill by time-out matches any other kill, but not a pass; classes and counts must be equal. */
    @Test
    void cataloguesAgreeUpToHowASlowMutantWasKilled() {
        FaultCatalogs pre = settings(NEVER, null).withPrecomputed(BundledSuite::precomputedCatalog);
        FaultCatalog c = BundledSuite.tasks().stream().map(pre::catalog)
                .filter(k -> k.faults().stream().anyMatch(f -> f.visibleResult() == Outcome.FAILED))
                .findFirst().orElseThrow();
        int i = 0;
        while (c.faults().get(i).visibleResult() != Outcome.FAILED) i++;
        Fault f = c.faults().get(i);
        assertTrue(agree(c, c));
        assertTrue(agree(c, with(c, i, new Fault(f.mutant(), f.faultClass(), Outcome.TIMEOUT, f.hiddenResult()))));
        assertTrue(agree(c, with(c, i, new Fault(f.mutant(), f.faultClass(), Outcome.CRASHED, f.hiddenResult()))));
        assertFalse(agree(c, with(c, i, new Fault(f.mutant(), f.faultClass(), Outcome.PASSED, f.hiddenResult()))));
        assertFalse(agree(c, with(c, i, new Fault(f.mutant(), f.faultClass(), Outcome.COMPILE_ERROR,
                f.hiddenResult()))));
        FaultClass other = f.faultClass() == FaultClass.values()[0] ? FaultClass.values()[1] : FaultClass.values()[0];
        assertFalse(agree(c, with(c, i, new Fault(f.mutant(), other, f.visibleResult(), f.hiddenResult()))));
    }

    private static FaultCatalog with(FaultCatalog c, int i, Fault f) {
        List<Fault> faults = new ArrayList<>(c.faults());
        faults.set(i, f);
        return new FaultCatalog(c.taskId(), c.reference(), faults, c.generated(), c.judged(), c.uncompilable(),
                c.equivalent());
    }

    @Test
    void aKeyThatIsNotOneFindsNothing() {
        assertTrue(BundledSuite.precomputedCatalog("../tasks/easy-anagram").isEmpty());
        assertTrue(BundledSuite.precomputedCatalog("0".repeat(64)).isEmpty());
        assertTrue(BundledSuite.precomputedCatalog(null).isEmpty());
    }

    /**
     * {@return whether two catalogues agree} Everything must be equal (mutants, classes, counts) except that an
     * unfinished run (TIMEOUT, or CRASHED: a loop past the time limit, or one that filled the heap or the output cap
     * first) matches any other outcome that kills the mutant (FAILED, TIMEOUT, CRASHED). Which of those a slow
     * mutant ends with depends on the machine's speed and load (a mutant that fails after 4 s on a quiet machine
     * times out at the 5 s limit on a busy one); all of them kill it, so its class is the same either way, and
     * nothing reads the outcome but this file format. A PASSED against a kill is a difference.
     */
    static boolean agree(FaultCatalog a, FaultCatalog b) {
        if (!a.taskId().equals(b.taskId()) || !a.reference().equals(b.reference()) || a.generated() != b.generated()
                || a.judged() != b.judged() || a.uncompilable() != b.uncompilable() || a.equivalent() != b.equivalent()
                || a.faults().size() != b.faults().size()) {
            return false;
        }
        for (int i = 0; i < a.faults().size(); i++) {
            Fault x = a.faults().get(i), y = b.faults().get(i);
            if (!x.mutant().equals(y.mutant()) || x.faultClass() != y.faultClass()
                    || !agree(x.visibleResult(), y.visibleResult()) || !agree(x.hiddenResult(), y.hiddenResult())) {
                return false;
            }
        }
        return true;
    }

    private static boolean agree(Outcome x, Outcome y) {
        if (x == y) return true;
        java.util.Set<Outcome> kills = java.util.EnumSet.of(Outcome.FAILED, Outcome.TIMEOUT, Outcome.CRASHED);
        boolean unfinished = x == Outcome.TIMEOUT || x == Outcome.CRASHED || y == Outcome.TIMEOUT
                || y == Outcome.CRASHED;
        return unfinished && kills.contains(x) && kills.contains(y);
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
                if (!agree(shipped, judged.get(i))) {
                    differ.add(tasks.get(i).id());
                }
            }
            assertEquals(0, fresh.cacheHits());
        }
        assertEquals(List.of(), differ, "precomputed catalogues that differ from the sandbox's judgement" + UPDATE);
    }
}
