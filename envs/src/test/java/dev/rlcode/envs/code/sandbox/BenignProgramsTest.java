package dev.rlcode.envs.code.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Ordinary candidates (the APIs tasks need) pass, with every layer on, and every test method is counted. */
class BenignProgramsTest {

    static Stream<Arguments> programs() {
        return Stream.of(
                Arguments.of("collections", """
                        import java.util.*;
                        class Solution {
                            static Map<String, Integer> counts(List<String> words) {
                                Map<String, Integer> m = new TreeMap<>();
                                for (String w : words) m.merge(w, 1, Integer::sum);
                                Deque<String> d = new ArrayDeque<>(m.keySet()); d.addFirst("z");
                                return m;
                            }
                        }""", """
                        import java.util.*;
                        public class SolutionTest {
                            public static void testCounts() {
                                if (!Solution.counts(List.of("a", "b", "a")).equals(Map.of("a", 2, "b", 1))) throw new AssertionError();
                            }
                            public static void testEmpty() {
                                if (!Solution.counts(List.of()).isEmpty()) throw new AssertionError();
                            }
                        }""", 2),
                Arguments.of("streams", """
                        import java.util.*; import java.util.stream.*;
                        class Solution {
                            static String evens(int n) {
                                return IntStream.rangeClosed(1, n).filter(i -> i % 2 == 0).mapToObj(Integer::toString)
                                        .collect(Collectors.joining(","));
                            }
                        }""", """
                        public class SolutionTest {
                            public static void testEvens() { if (!Solution.evens(7).equals("2,4,6")) throw new AssertionError(Solution.evens(7)); }
                        }""", 1),
                Arguments.of("records and pattern switch", """
                        class Solution {
                            sealed interface Shape permits Circle, Rect {}
                            record Circle(double r) implements Shape {}
                            record Rect(double w, double h) implements Shape {}
                            static double area(Shape s) {
                                return switch (s) {
                                    case Circle c -> Math.PI * c.r() * c.r();
                                    case Rect(double w, double h) when w == h -> w * w;
                                    case Rect r -> r.w() * r.h();
                                };
                            }
                            static String kind(Object o) {
                                return switch (o) { case Integer i when i > 0 -> "pos"; case Integer i -> "int";
                                                    case String s -> "str"; default -> "other"; };
                            }
                        }""", """
                        public class SolutionTest {
                            public static void testArea() { if (Solution.area(new Solution.Rect(2, 3)) != 6) throw new AssertionError(); }
                            public static void testSquare() { if (Solution.area(new Solution.Rect(3, 3)) != 9) throw new AssertionError(); }
                            public static void testKind() {
                                if (!Solution.kind(5).equals("pos") || !Solution.kind("x").equals("str")) throw new AssertionError();
                                if (!new Solution.Circle(1).equals(new Solution.Circle(1))) throw new AssertionError("record equals");
                            }
                        }""", 3),
                Arguments.of("BigInteger", """
                        import java.math.BigInteger;
                        class Solution {
                            static BigInteger factorial(int n) {
                                BigInteger r = BigInteger.ONE;
                                for (int i = 2; i <= n; i++) r = r.multiply(BigInteger.valueOf(i));
                                return r;
                            }
                        }""", """
                        public class SolutionTest {
                            public static void testFactorial() {
                                if (!Solution.factorial(25).toString().equals("15511210043330985984000000")) throw new AssertionError();
                            }
                        }""", 1),
                Arguments.of("Thread.sleep and output", """
                        class Solution {
                            static int slowAdd(int a, int b) throws InterruptedException {
                                Thread.sleep(50);
                                System.out.println("adding " + a + " and " + b + " on " + Thread.currentThread().getName());
                                return a + b;
                            }
                        }""", """
                        public class SolutionTest {
                            public static void testSlowAdd() throws Exception { if (Solution.slowAdd(2, 3) != 5) throw new AssertionError(); }
                        }""", 1),
                Arguments.of("strings, text and enums", """
                        import java.util.*;
                        class Solution {
                            enum Op { ADD, MUL }
                            static int apply(Op op, int a, int b) { return switch (op) { case ADD -> a + b; case MUL -> a * b; }; }
                            static String fmt(double x) { return String.format(Locale.ROOT, "%.2f", x) + new StringBuilder("ab").reverse(); }
                        }""", """
                        public class SolutionTest {
                            public static void testApply() { if (Solution.apply(Solution.Op.MUL, 6, 7) != 42) throw new AssertionError(); }
                            public static void testFmt() { if (!Solution.fmt(1.005).startsWith("1.0")) throw new AssertionError(Solution.fmt(1.005)); }
                        }""", 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void passes(String name, String solution, String test, int tests) {
        Verdict v = SandboxFixture.sandbox().run(ExecutionRequest.testMethods(Map.of("Solution", solution), test,
                "SolutionTest"));
        var passed = assertInstanceOf(ExecutionResult.Passed.class, v.result(), () -> name + ": " + v.result());
        assertEquals(tests, passed.testsRun());
        assertEquals("passed", v.status());
        assertTrue(v.millis() > 0);
    }
}
