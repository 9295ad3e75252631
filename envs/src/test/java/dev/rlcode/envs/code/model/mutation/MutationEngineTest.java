package dev.rlcode.envs.code.model.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.envs.code.sandbox.TestStyle;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

public class MutationEngineTest {

    public static final String STATS = """
            public class Stats {
                public static int maxOf(int[] a) {
                    if (a.length == 0) {
                        return 0;
                    }
                    int best = a[0];
                    for (int i = 1; i < a.length; i++) {
                        if (a[i] > best) {
                            best = a[i];
                        }
                    }
                    return best;
                }
            }
            """;
    public static final String VISIBLE = """
            public class StatsVisibleTest {
                public static void testExample() {
                    int r = Stats.maxOf(new int[] {1, 5, 3});
                    if (r != 5) throw new AssertionError("expected 5, actual " + r);
                }
            }
            """;
    public static final String HIDDEN = """
            public class StatsHiddenTest {
                static void check(int expected, int[] a) {
                    int r = Stats.maxOf(a);
                    if (r != expected) throw new AssertionError("expected " + expected + ", actual " + r);
                }
                public static void testEmpty() { check(0, new int[0]); }
                public static void testNegatives() { check(-3, new int[] {-3, -7}); }
                public static void testFirstIsMax() { check(9, new int[] {9, 1}); }
                public static void testLastIsMax() { check(9, new int[] {1, 9}); }
            }
            """;

    static Fault find(FaultCatalog c, String descriptionPart) {
        return c.faults().stream().filter(f -> f.mutant().description().contains(descriptionPart)).findFirst()
                .orElseThrow(() -> new AssertionError("no fault '" + descriptionPart + "' in " + c.faults().stream()
                        .map(f -> f.mutant().description()).toList()));
    }

    @Test
    void mutatorCoversEveryOperatorAndEditsAreExact() {
        List<Mutant> mutants = Mutator.mutants(STATS);
        Map<Operator, Long> byOp = mutants.stream().collect(Collectors.groupingBy(Mutant::operator, Collectors.counting()));
        for (Operator op : List.of(Operator.RELATIONAL_SWAP, Operator.ARITHMETIC_SWAP, Operator.OFF_BY_ONE,
                Operator.NEGATE_CONDITION, Operator.DROP_STATEMENT, Operator.EDGE_RETURN)) {
            assertTrue(byOp.getOrDefault(op, 0L) > 0, () -> op + " missing: " + byOp);
        }
        assertEquals(mutants.size(), mutants.stream().map(Mutant::source).distinct().count());
        Mutant lt = mutants.stream().filter(m -> m.description().equals("line 7: '<' -> '<='")).findFirst().orElseThrow();
        assertEquals(STATS.replace("i < a.length", "i <= a.length"), lt.source());
        Mutant swap = Mutator.mutants("class A { int f(int x, int y) { return Math.max(x, y) - Math.floorMod(x, y); } }")
                .stream().filter(m -> m.operator() == Operator.SWAP_ARGUMENTS && m.source().contains("floorMod(y, x)"))
                .findFirst().orElseThrow();
        assertTrue(swap.source().contains("Math.max(x, y) - Math.floorMod(y, x)"), swap.source());
        assertThrows(IllegalArgumentException.class, () -> Mutator.mutants("class { broken"));
    }

    @Test
    void faultsAreClassedByTheTestsThatKillThem() {
        ForkedJvmJudge judge = new ForkedJvmJudge(3000);
        FaultCatalog c = new MutationEngine(judge, 200, 1).analyse("stats", STATS, VISIBLE, HIDDEN, TestStyle.TEST_METHODS);

        Fault edgeReturn = find(c, "line 4: '0' -> '1'"); // return 0 -> return 1 for the empty array
        assertEquals(Operator.EDGE_RETURN, edgeReturn.mutant().operator());
        assertEquals(FaultClass.DEEP, edgeReturn.faultClass());
        assertEquals(FaultClass.DEEP, find(c, "'if (a.length == 0) { return 0; }' -> ''").faultClass()); // dropped guard
        assertEquals(FaultClass.SHALLOW, find(c, "'>' -> '<'").faultClass()); // a[i] < best: visible gives 1
        assertTrue(c.faults().stream().noneMatch(f -> f.mutant().description().equals("line 8: '>' -> '>='")),
                "a[i] >= best is equivalent and must be discarded");
        assertEquals(c.judged(), c.uncompilable() + c.equivalent() + c.faults().size());
        assertTrue(c.equivalent() > 0 && !c.shallow().isEmpty() && !c.deep().isEmpty());

        // Each class holds up when re-judged one by one.
        for (Fault f : c.faults()) {
            Outcome visible = judge.judge(f.mutant().source(), VISIBLE, TestStyle.TEST_METHODS);
            if (f.faultClass() == FaultClass.SHALLOW) {
                assertFalse(visible == Outcome.PASSED, f.toString());
            } else {
                assertEquals(Outcome.PASSED, visible, f.toString());
                assertFalse(judge.judge(f.mutant().source(), HIDDEN, TestStyle.TEST_METHODS) == Outcome.PASSED, f.toString());
            }
        }
    }

    @Test
    void anInfiniteLoopTimesOutAndTheBatchGoesOn() {
        ForkedJvmJudge judge = new ForkedJvmJudge(500);
        String loops = STATS.replace("return best;", "while (best == best) { } return best;");
        List<Outcome> outcomes = judge.judgeAll(List.of(STATS, loops, "public class Stats { oops }", STATS), HIDDEN, TestStyle.TEST_METHODS);
        assertEquals(List.of(Outcome.PASSED, Outcome.TIMEOUT, Outcome.COMPILE_ERROR, Outcome.PASSED), outcomes);
        assertEquals(2, judge.jvmLaunches);
    }

    @Test
    void aReferenceThatFailsItsTestsIsRejected() {
        String wrong = STATS.replace("return best;", "return best + 1;");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MutationEngine(new ForkedJvmJudge(3000), 10, 1).analyse("stats", wrong, VISIBLE, HIDDEN, TestStyle.TEST_METHODS));
        assertEquals("task stats: reference fails its visible tests: FAILED", e.getMessage());
    }

    @Test
    void mutantsThatDoNotCompileAreDiscarded() {
        String greet = "public class Greet {\n    public static String hi(String s) {\n        return \"hi \" + s;\n    }\n}\n";
        MutantJudge judge = (src, tests, style) -> src.equals(greet) ? Outcome.PASSED : Outcome.FAILED;
        FaultCatalog c = new MutationEngine(judge, 50, 1).analyse("greet", greet, "v", "h", TestStyle.TEST_METHODS);
        assertEquals(1, c.generated()); // '+' -> '-' on strings
        assertEquals(1, c.uncompilable());
        assertTrue(c.faults().isEmpty());
    }

    @Test
    void samplingCapsTheJudgedCountDeterministically() {
        MutantJudge allFail = (src, tests, style) -> src.equals(STATS) ? Outcome.PASSED : Outcome.FAILED;
        FaultCatalog a = new MutationEngine(allFail, 5, 7).analyse("stats", STATS, VISIBLE, HIDDEN, TestStyle.TEST_METHODS);
        FaultCatalog b = new MutationEngine(allFail, 5, 7).analyse("stats", STATS, VISIBLE, HIDDEN, TestStyle.TEST_METHODS);
        assertEquals(5, a.judged());
        assertTrue(a.generated() > 5);
        assertEquals(a, b);
    }
}
