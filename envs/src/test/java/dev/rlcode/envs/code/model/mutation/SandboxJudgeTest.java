package dev.rlcode.envs.code.model.mutation;

import static dev.rlcode.envs.code.model.mutation.MutationEngineTest.HIDDEN;
import static dev.rlcode.envs.code.model.mutation.MutationEngineTest.STATS;
import static dev.rlcode.envs.code.model.mutation.MutationEngineTest.VISIBLE;
import static dev.rlcode.envs.code.model.mutation.MutationEngineTest.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.sandbox.SandboxConfig;
import dev.rlcode.envs.code.sandbox.TestStyle;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production judge: mutants compiled and run by the real sandbox. */
class SandboxJudgeTest {

    private static Sandbox sandbox;
    private static SandboxJudge judge;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.create(SandboxConfig.defaults().withSlots(2).withCompileWorkers(1));
        judge = new SandboxJudge(sandbox, Duration.ofSeconds(3), 4);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static CodeTask statsTask(String hidden) {
        return new CodeTask("stats", Tier.EASY, "max of an array", "Stats.maxOf", STATS, VISIBLE, hidden,
                TestStyle.TEST_METHODS, Optional.of(STATS), List.of(), "Stats", "StatsVisibleTest", "StatsHiddenTest");
    }

    @Test
    void everyKindOfCandidateGetsItsOutcome() {
        String loops = STATS.replace("return best;", "while (best == best) { } return best;");
        String wrong = STATS.replace("return best;", "return best + 1;");
        String exits = STATS.replace("return best;", "System.exit(0); return best;");
        List<Outcome> outcomes = judge.judgeAll(List.of(STATS, loops, "public class Stats { oops }", wrong, exits),
                HIDDEN, TestStyle.TEST_METHODS);
        assertEquals(List.of(Outcome.PASSED, Outcome.TIMEOUT, Outcome.COMPILE_ERROR, Outcome.FAILED, Outcome.CRASHED),
                outcomes);
    }

    @Test
    void mainStyleRunsCandidateThenTestsAsOneProgram() {
        String solution = "import java.util.*;\nclass Solution {\n    public int twice(int x) {\n        return 2 * x;\n    }\n}\n";
        String test = "public class Main {\n    public static void main(String[] args) {\n"
                + "        if (new Solution().twice(21) != 42) throw new AssertionError(\"twice\");\n    }\n}\n";
        assertEquals(List.of(Outcome.PASSED, Outcome.FAILED),
                judge.judgeAll(List.of(solution, solution.replace("2 * x", "2 + x")), test, TestStyle.MAIN));
    }

    @Test
    void faultsComputedThroughTheSandboxAreClassedByTheTestsThatKillThem() {
        FaultCatalog c = new MutationEngine(judge, 200, 1).analyse(statsTask(HIDDEN));
        assertEquals(FaultClass.DEEP, find(c, "line 4: '0' -> '1'").faultClass());
        assertEquals(FaultClass.SHALLOW, find(c, "'>' -> '<'").faultClass());
        assertTrue(c.faults().stream().noneMatch(f -> f.mutant().description().equals("line 8: '>' -> '>='")),
                "a[i] >= best is equivalent and must be discarded");
        assertEquals(c.judged(), c.uncompilable() + c.equivalent() + c.faults().size());
        assertFalse(c.shallow().isEmpty() || c.deep().isEmpty());
    }

    @Test
    void catalogsAreCachedByTaskContent(@TempDir Path cache) throws Exception {
        MutantJudge allFail = (src, tests, style) -> src.equals(STATS) ? Outcome.PASSED : Outcome.FAILED;
        FaultCatalog first = new FaultCatalogs(allFail, 20, 3, cache).catalog(statsTask(HIDDEN));
        try (var files = Files.list(cache)) {
            assertEquals(1, files.count());
        }
        MutantJudge never = (src, tests, style) -> {
            throw new AssertionError("a cached catalogue must not be judged again");
        };
        FaultCatalogs again = new FaultCatalogs(never, 20, 3, cache);
        assertEquals(List.of(first), again.catalogs(List.of(statsTask(HIDDEN)), 1, c -> { }));
        assertEquals(1, again.cacheHits());
        // Other hidden tests are another task: not answered from the cache.
        assertThrows(AssertionError.class, () -> again.catalog(statsTask(HIDDEN + "\n")));
        // Another cap is another catalogue.
        assertThrows(AssertionError.class, () -> new FaultCatalogs(never, 21, 3, cache).catalog(statsTask(HIDDEN)));
    }

    /** A damaged cache file is judged again, never read as a task without faults. */
    @Test
    void aDamagedCachedCatalogueIsJudgedAgain(@TempDir Path cache) throws Exception {
        MutantJudge allFail = (src, tests, style) -> src.equals(STATS) ? Outcome.PASSED : Outcome.FAILED;
        FaultCatalog first = new FaultCatalogs(allFail, 20, 3, cache).catalog(statsTask(HIDDEN));
        assertFalse(first.faults().isEmpty());
        Path file;
        try (var files = Files.list(cache)) {
            file = files.findFirst().orElseThrow();
        }
        String good = Files.readString(file);
        for (String damaged : List.of(good.replaceFirst("\"faults\"\\s*:\\s*\\[", "\"faults\" : \"corrupted\", \"x\" : ["),
                good.replaceFirst("\"start\"\\s*:\\s*\\d+", "\"start\" : \"abc\""),
                good.replaceFirst("\"judged\"\\s*:\\s*\\d+,", ""))) {
            assertNotEquals(good, damaged, "the damage applies");
            Files.writeString(file, damaged);
            FaultCatalogs again = new FaultCatalogs(allFail, 20, 3, cache);
            assertEquals(first, again.catalog(statsTask(HIDDEN)), damaged);
            assertEquals(0, again.cacheHits());
        }
    }

    @Test
    void aCatalogueCachedByAnotherMutatorIsNotRead(@TempDir Path cache) {
        MutantJudge allFail = (src, tests, style) -> src.equals(STATS) ? Outcome.PASSED : Outcome.FAILED;
        MutantJudge never = (src, tests, style) -> {
            throw new AssertionError("a cached catalogue must not be judged again");
        };
        // a mutator that has lost one operator's first mutant, as after an edit of Mutator
        java.util.function.Function<String, List<Mutant>> changed = src -> {
            List<Mutant> all = new java.util.ArrayList<>(Mutator.mutants(src));
            all.removeFirst();
            return all;
        };
        FaultCatalog current = new FaultCatalogs(allFail, 20, 3, cache).catalog(statsTask(HIDDEN));
        FaultCatalogs afterEdit = new FaultCatalogs(allFail, 20, 3, cache, changed);
        FaultCatalog recomputed = afterEdit.catalog(statsTask(HIDDEN));
        assertEquals(0, afterEdit.cacheHits());
        assertEquals(current.generated() - 1, recomputed.generated());
        // each mutator reads back its own catalogue, and only that one
        FaultCatalogs currentAgain = new FaultCatalogs(never, 20, 3, cache);
        assertEquals(current, currentAgain.catalog(statsTask(HIDDEN)));
        assertEquals(recomputed, new FaultCatalogs(never, 20, 3, cache, changed).catalog(statsTask(HIDDEN)));
        assertEquals(1, currentAgain.cacheHits());
    }

    @Test
    void aPrecomputedCatalogueIsUsedByItsKeyAndCopiedIntoTheCache(@TempDir Path made, @TempDir Path cache)
            throws Exception {
        MutantJudge allFail = (src, tests, style) -> src.equals(STATS) ? Outcome.PASSED : Outcome.FAILED;
        MutantJudge never = (src, tests, style) -> {
            throw new AssertionError("a precomputed catalogue must not be judged");
        };
        FaultCatalogs maker = new FaultCatalogs(allFail, 20, 3, made);
        FaultCatalog judged = maker.catalog(statsTask(HIDDEN));
        String name = maker.fileName(statsTask(HIDDEN));
        String text = Files.readString(made.resolve(name));
        java.util.Map<String, String> source = java.util.Map.of(name.replace(".json", ""), text);
        FaultCatalogs pre = new FaultCatalogs(never, 20, 3, cache)
                .withPrecomputed(k -> Optional.ofNullable(source.get(k)));
        assertEquals(judged, pre.catalog(statsTask(HIDDEN)));
        assertEquals(1, pre.precomputedHits());
        assertEquals(0, pre.cacheHits());
        // copied into the cache folder: the run folder holds what it used, and the next read is a cache hit
        assertEquals(text, Files.readString(cache.resolve(name)));
        assertEquals(judged, pre.catalog(statsTask(HIDDEN)));
        assertEquals(1, pre.cacheHits());
        // other settings have another key: the source is not asked for theirs, so the catalogue is judged
        assertThrows(AssertionError.class, () -> new FaultCatalogs(never, 21, 3, null)
                .withPrecomputed(k -> Optional.ofNullable(source.get(k))).catalog(statsTask(HIDDEN)));
        // an unusable entry (garbage, or another task's catalogue under this key) is judged instead
        for (String bad : List.of("{not json", text.replace("\"stats\"", "\"other\""))) {
            FaultCatalogs broken = new FaultCatalogs(allFail, 20, 3, null)
                    .withPrecomputed(k -> Optional.of(bad));
            assertEquals(judged, broken.catalog(statsTask(HIDDEN)));
            assertEquals(0, broken.precomputedHits());
        }
    }
}
