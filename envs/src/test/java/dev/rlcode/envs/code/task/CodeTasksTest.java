package dev.rlcode.envs.code.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.envs.code.sandbox.ExecutionRequest;
import dev.rlcode.envs.code.sandbox.TestStyle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodeTasksTest {

    private static final CodeTask HEX = new CodeTask("Java/0", Tier.NONE, "class Solution {\n  int f() {",
            "Solution.f", "class Solution { int f() { throw new UnsupportedOperationException(); } }", "",
            "public class Main { public static void main(String[] a) { } }", TestStyle.MAIN,
            Optional.of("class Solution { int f() { return 1; } }"), List.of(), "Solution", "Main", "Main");

    @Test
    void testMethodsTaskGivesSolutionUnitAndSeparateTestClass() {
        CodeTask task = BundledSuite.tasks().getFirst();
        String candidate = task.referenceSolution().orElseThrow();
        ExecutionRequest hidden = CodeTasks.request(task, candidate, CodeTasks.Tests.HIDDEN);
        assertEquals(Map.of(task.solutionClassName(), candidate), hidden.sources());
        assertEquals(task.hiddenTests(), hidden.testSource());
        assertEquals(task.hiddenTestClassName(), hidden.testClassName());
        assertEquals(TestStyle.TEST_METHODS, hidden.style());
        ExecutionRequest visible = CodeTasks.request(task, candidate, CodeTasks.Tests.VISIBLE, Duration.ofSeconds(3));
        assertEquals(task.visibleTests(), visible.testSource());
        assertEquals(task.visibleTestClassName(), visible.testClassName());
        assertEquals(Duration.ofSeconds(3), visible.timeout());
    }

    @Test
    void humanEvalXTaskGivesOneMainUnitOfCandidateThenTests() {
        ExecutionRequest r = CodeTasks.request(HEX, HEX.referenceSolution().orElseThrow(), CodeTasks.Tests.HIDDEN);
        assertEquals(Map.of("Main", HEX.referenceSolution().orElseThrow() + "\n" + HEX.hiddenTests()), r.sources());
        assertNull(r.testSource());
        assertEquals("Main", r.testClassName());
        assertEquals(TestStyle.MAIN, r.style());
    }

    @Test
    void visibleTestsOfATaskWithoutExamplesIsAnError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CodeTasks.request(HEX, "class Solution {}", CodeTasks.Tests.VISIBLE));
        assertTrue(e.getMessage().contains("Java/0"), e.getMessage());
    }
}
