package dev.rlcode.envs.code.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results, diagnostics, the cache, the harness and HumanEval-X, with every layer on. */
class SandboxTest {

    @Test
    void compileErrorsCarryUnitAndLine() {
        String solution = """
                class Solution {
                    static int solve() {
                        return undefinedVariable;
                    }
                }""";
        Verdict v = SandboxFixture.sandbox().run(SandboxFixture.solveRequest(solution, 42, Duration.ofSeconds(5)));
        var error = assertInstanceOf(ExecutionResult.CompileError.class, v.result());
        assertEquals("compile_error", v.status());
        Diagnostic d = error.diagnostics().getFirst();
        assertEquals("Solution", d.source());
        assertEquals(3, d.line());
        assertTrue(d.message().contains("undefinedVariable"), d.message());
    }

    @Test
    void cacheHitRunsNothing() {
        Sandbox sandbox = SandboxFixture.sandbox();
        ExecutionRequest request = SandboxFixture.benign("cache test " + System.nanoTime());
        Verdict first = sandbox.run(request);
        assertTrue(first.passed(), first.result()::toString);
        assertFalse(first.timings().cached());
        SandboxStats before = sandbox.stats();
        Verdict second = sandbox.run(request);
        SandboxStats after = sandbox.stats();
        assertEquals(first.result(), second.result());
        assertTrue(second.timings().cached());
        assertEquals(before.cacheHits() + 1, after.cacheHits());
        assertEquals(before.compilations(), after.compilations());
        assertEquals(before.executions(), after.executions());
    }

    @Test
    void zeroTestMethodsIsNotAPass() {
        var r = ExecutionRequest.testMethods(Map.of("Solution", "class Solution { static int solve() { return 42; } }"),
                "public class SolutionTest { public static void helper() { } static void testNotPublic() { } }",
                "SolutionTest");
        Verdict v = SandboxFixture.sandbox().run(r);
        assertEquals("test_failed", v.status(), v.result()::toString);
    }

    @Test
    void allTestMethodsMustPassAndAreCounted() {
        String test = """
                public class SolutionTest {
                    public static void testA() { }
                    public static void testB() { if (Solution.solve() != 1) throw new AssertionError("testB wants 1"); }
                    public static void testC() { }
                }""";
        Verdict v = SandboxFixture.sandbox().run(ExecutionRequest.testMethods(
                Map.of("Solution", "class Solution { static int solve() { return 42; } }"), test, "SolutionTest"));
        var failed = assertInstanceOf(ExecutionResult.TestFailed.class, v.result());
        assertEquals("testB", failed.test());
        assertEquals("testB wants 1", failed.message());
    }

    @Test
    void otherExceptionsAreRuntimeErrors() {
        Verdict v = SandboxFixture.sandbox().run(SandboxFixture.solveRequest(
                "class Solution { static int solve() { return Integer.parseInt(\"forty-two\"); } }", 42,
                Duration.ofSeconds(5)));
        var error = assertInstanceOf(ExecutionResult.RuntimeError.class, v.result());
        assertTrue(error.summary().contains("NumberFormatException"), error.summary());
        assertTrue(error.summary().contains("Solution.solve"), error.summary());
    }

    @Test
    void mainStyleAssertionErrorIsTestFailed() {
        String program = """
                import java.util.*;
                class Solution { public int add(int a, int b) { return a - b; } }
                public class Main {
                    public static void main(String[] args) {
                        if (new Solution().add(2, 3) != 5) throw new AssertionError();
                    }
                }""";
        Verdict v = SandboxFixture.sandbox().run(ExecutionRequest.humanEvalX(program));
        var failed = assertInstanceOf(ExecutionResult.TestFailed.class, v.result());
        assertEquals("main", failed.test());
    }

    @Test
    void mainStyleWithoutMainIsNotAPass() {
        Verdict v = SandboxFixture.sandbox().run(ExecutionRequest.humanEvalX(
                "class Solution { } public class Main { public static void notMain(String[] a) { } }"));
        assertEquals("test_failed", v.status(), v.result()::toString);
    }

    @Test
    void requestValidation() {
        assertThrows(IllegalArgumentException.class, () -> ExecutionRequest.testMethods(Map.of(), "x", "T"));
        assertThrows(IllegalArgumentException.class, () -> ExecutionRequest.testMethods(Map.of("S", "class S {}"), null, "T"));
        assertThrows(IllegalArgumentException.class,
                () -> new ExecutionRequest(Map.of("Main", "x"), null, "Main", TestStyle.MAIN, Duration.ZERO));
        assertEquals(ExecutionRequest.DEFAULT_TIMEOUT, ExecutionRequest.humanEvalX("x").timeout());
    }

    @Test
    void resultsSurviveTheDiskCache(@TempDir Path dir) {
        List<ExecutionResult> all = List.of(new ExecutionResult.Passed(3),
                new ExecutionResult.CompileError(List.of(new Diagnostic("Solution", 3, "cannot find symbol\n x"))),
                new ExecutionResult.Rejected("Solution: java/lang/System.exit is not allowed"),
                new ExecutionResult.TestFailed("main", ""), new ExecutionResult.RuntimeError("boom"),
                new ExecutionResult.Timeout(Duration.ofSeconds(2)));
        var cache = new ResultCache(dir);
        for (int i = 0; i < all.size(); i++) {
            cache.put("k" + i, all.get(i));
        }
        cache.put("crash", new ExecutionResult.Crashed("machine trouble"));
        var reopened = new ResultCache(dir);
        for (int i = 0; i < all.size(); i++) {
            assertEquals(all.get(i), reopened.get("k" + i).orElseThrow());
        }
        assertTrue(reopened.get("crash").isEmpty(), "crashes are not cached");
        assertTrue(reopened.get("absent").isEmpty());
    }

    /**
     * A cache folder written by a judge with other rules (here: without the class-file scan) is not read by this
     * one: a hack that passed there is judged again, and rejected.
     */
    @Test
    void aCacheFolderServesOnlyTheJudgeThatWroteIt(@TempDir Path dir) {
        var hack = ExecutionRequest.testMethods(Map.of("Solution", """
                import java.util.*;
                class Solution { static List<Integer> solve() {
                    return new ArrayList<Integer>() { public boolean equals(Object o) { return true; } }; } }"""), """
                import java.util.*;
                public class SolutionTest {
                    public static void testSolve() {
                        if (!Solution.solve().equals(List.of(4, 2))) throw new AssertionError("wrong");
                    }
                }""", "SolutionTest");
        var base = SandboxConfig.defaults().withSlots(1).withCompileWorkers(1).withCache(true, dir);
        try (Sandbox noScan = Sandbox.create(base.withLayers(false, true, true, true, true))) {
            assertEquals("passed", noScan.run(hack).status(), "without the scan the hack passes (the premise)");
        }
        try (Sandbox full = Sandbox.create(base)) {
            Verdict v = full.run(hack);
            assertFalse(v.timings().cached(), "served from another judge's cache entry");
            assertEquals("rejected", v.status(), v.result()::toString);
        }
        var c = SandboxConfig.defaults();
        assertFalse(ProcessSandbox.fingerprint(c, "r").equals(ProcessSandbox.fingerprint(c.withOutputLimitBytes(4096), "r")));
        assertFalse(ProcessSandbox.fingerprint(c, "r").equals(ProcessSandbox.fingerprint(c, "another runner")));
    }

    @Test
    void cacheKeyCoversEveryPart() {
        var a = ExecutionRequest.testMethods(Map.of("Solution", "class Solution {}"), "public class T {}", "T");
        assertEquals(ResultCache.key(a, "judge"), ResultCache.key(ExecutionRequest.testMethods(
                Map.of("Solution", "class Solution {}"), "public class T {}", "T"), "judge"));
        assertFalse(ResultCache.key(a, "judge").equals(ResultCache.key(a.withTimeout(Duration.ofSeconds(3)), "judge")));
        assertFalse(ResultCache.key(a, "judge").equals(ResultCache.key(ExecutionRequest.testMethods(
                Map.of("Solution", "class Solution { }"), "public class T {}", "T"), "judge")));
        assertFalse(ResultCache.key(a, "judge").equals(ResultCache.key(a, "another judge")), "the judge's fingerprint");
    }

    @Test
    void humanEvalXSampleAndWrongCompletion() {
        var problems = SandboxFixture.loadHumanEvalX(SandboxFixture.humanEvalX());
        assertEquals(164, problems.size());
        var tasks = new ArrayList<Harness.Task>();
        for (int i = 0; i < problems.size(); i += 17) { // 10 problems spread over the set
            var p = problems.get(i);
            tasks.add(new Harness.Task(p.taskId(), ExecutionRequest.humanEvalX(p.program())));
        }
        var p0 = problems.getFirst();
        String wrong = p0.prompt() + "        return false;\n    }\n}\n" + p0.test();
        tasks.add(new Harness.Task(p0.taskId() + "-wrong", ExecutionRequest.humanEvalX(wrong)));
        var report = Harness.run(SandboxFixture.sandbox(), tasks, 3);
        for (int i = 0; i < tasks.size() - 1; i++) {
            var r = report.results().get(i);
            assertTrue(r.verdict().passed(), () -> r.taskId() + ": " + r.verdict().result());
        }
        assertEquals("test_failed", report.results().getLast().verdict().status());
        var s = report.summary();
        assertEquals(tasks.size(), s.total());
        assertEquals(tasks.size() - 1, s.passed());
        assertEquals(1, s.failed());
        assertEquals(Map.of("passed", tasks.size() - 1, "test_failed", 1), s.byStatus());
        assertTrue(s.tasksPerSecond() > 0);
    }

    @Test
    void layersAreReported() {
        List<String> layers = SandboxFixture.sandbox().layers();
        assertTrue(layers.stream().anyMatch(l -> l.startsWith("L0")));
        assertTrue(layers.stream().anyMatch(l -> l.startsWith("L2 class-file scan: package")));
        assertTrue(layers.stream().anyMatch(l -> l.startsWith("L5")));
    }
}
