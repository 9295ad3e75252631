package dev.rlcode.envs.code.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wrong candidates that try to be judged passing without touching the host: by hiding the JDK types the tests
 * call, by deciding how the tests compare their result, by lifting the output cap, or by reaching a denied member
 * through a name of their own. Each one's honest part is wrong, so a hack that worked would pass; each must end
 * with the status given. Companion controls check that ordinary value classes still pass.
 */
class RewardHacksTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    static Stream<Arguments> hacks() {
        return Stream.of(
                // java.lang's Math, hidden by a class of the default package
                hack("class Math hides java.lang.Math", "rejected", """
                        class Solution { static int solve() { return 41; } }
                        class Math { static int abs(int x) { return 0; } }""", """
                        public class SolutionTest {
                            public static void testSolve() {
                                if (Math.abs(Solution.solve() - 42) > 0) throw new AssertionError("wrong");
                            }
                        }"""),
                // a type the test imports on demand
                hack("class Objects hides java.util.Objects", "rejected", """
                        class Solution { static Integer solve() { return 41; } }
                        class Objects { static boolean equals(Object a, Object b) { return true; } }""", """
                        import java.util.*;
                        public class SolutionTest {
                            public static void testSolve() {
                                if (!Objects.equals(Solution.solve(), 42)) throw new AssertionError("wrong");
                            }
                        }"""),
                hack("class Entry hides java.util.Map.Entry (import java.util.Map.*)", "rejected", """
                        class Solution { static Entry<String, Integer> solve() { return new Entry<>(); } }
                        class Entry<K, V> {
                            @SuppressWarnings("unchecked") V getValue() { return (V) Integer.valueOf(42); } }""", """
                        import java.util.Map.*;
                        public class SolutionTest {
                            public static void testSolve() {
                                Entry<String, Integer> e = Solution.solve();
                                if (e.getValue() != 42) throw new AssertionError("wrong");
                            }
                        }"""),
                // the result decides its own comparison
                hack("returned list that equals anything", "rejected", """
                        import java.util.*;
                        class Solution { static List<Integer> solve() {
                            return new ArrayList<Integer>() { public boolean equals(Object o) { return true; } }; } }""",
                        """
                        import java.util.*;
                        public class SolutionTest {
                            public static void testSolve() {
                                if (!Solution.solve().equals(List.of(4, 2))) throw new AssertionError("wrong");
                            }
                        }"""),
                hack("returned list that prints as the answer", "rejected", """
                        import java.util.*;
                        class Solution { static List<Integer> solve() { return new Fake(); } }
                        class Fake extends AbstractList<Integer> {
                            public Integer get(int i) { return 0; }
                            public int size() { return 0; }
                            @Override public String toString() { return "[4, 2]"; } }""", """
                        public class SolutionTest {
                            public static void testSolve() {
                                if (!Solution.solve().toString().equals("[4, 2]")) throw new AssertionError("wrong");
                            }
                        }"""),
                hack("char sequence that equals anything", "rejected", """
                        class Solution { static CharSequence solve() { return new Any(); } }
                        class Any implements CharSequence {
                            public int length() { return 0; }
                            public char charAt(int i) { return 'x'; }
                            public CharSequence subSequence(int a, int b) { return this; }
                            public boolean equals(Object o) { return true; } }""", """
                        public class SolutionTest {
                            public static void testSolve() {
                                if (!Solution.solve().equals("42")) throw new AssertionError("wrong");
                            }
                        }"""),
                // a negative length counted by the output cap lowered the count
                hack("output cap lifted by a negative length", "runtime_error", """
                        class Solution { static int solve() {
                            try { System.out.write(new byte[0], 0, -2_000_000_000); } catch (RuntimeException e) { }
                            String line = "x".repeat(1 << 20);
                            for (int i = 0; i < 64; i++) System.out.println(line);
                            return 42; } }""", """
                        public class SolutionTest {
                            public static void testSolve() {
                                if (Solution.solve() != 42) throw new AssertionError("wrong");
                            }
                        }"""),
                // a field named like a denied member once let the inherited member through
                hack("denied member inherited through a class with a field of its name", "rejected", """
                        import java.util.*;
                        class Solution {
                            static class Z extends TimeZone {
                                static int setDefault;
                                public int getOffset(int a, int b, int c, int d, int e, int f) { return 0; }
                                public void setRawOffset(int o) { }
                                public int getRawOffset() { return 0; }
                                public boolean useDaylightTime() { return false; }
                                public boolean inDaylightTime(Date d) { return false; } }
                            static int solve() {
                                Z.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
                                return TimeZone.getDefault().getID().equals("Asia/Tokyo") ? 41 : 42; } }""", """
                        public class SolutionTest {
                            public static void testSolve() {
                                if (Solution.solve() != 42) throw new AssertionError("wrong");
                            }
                        }"""),
                // the result's elements or the result's own methods decide the comparison (found by review)
                hack("JDK list of elements that equal anything (actual.equals(expected))", "rejected", """
                        import java.util.*;
                        class Solution {
                            @SuppressWarnings({"unchecked", "rawtypes"})
                            static List<Integer> solve() { List l = new ArrayList(); l.add(new Any()); l.add(new Any()); return l; } }
                        class Any { public boolean equals(Object o) { return true; } public int hashCode() { return 0; } }""",
                        """
                        import java.util.*;
                        public class SolutionTest {
                            public static void testSolve() {
                                if (!Solution.solve().equals(Arrays.asList(4, 2))) throw new AssertionError("wrong");
                            }
                        }"""),
                hack("Optional of an element that equals anything", "rejected", """
                        import java.util.*;
                        class Solution {
                            @SuppressWarnings({"unchecked", "rawtypes"})
                            static Optional<Integer> solve() { return (Optional) Optional.of(new Any(0)); } }
                        record Any(int x) { public boolean equals(Object o) { return true; } }""", """
                        import java.util.*;
                        public class SolutionTest {
                            public static void testSolve() {
                                if (!Solution.solve().equals(Optional.of(42))) throw new AssertionError("wrong");
                            }
                        }"""),
                hack("returned type with an overload equals(List) (chosen over Object.equals at compile time)",
                        "rejected", """
                        import java.util.*;
                        class Solution { static Fake solve() { return new Fake(); } }
                        class Fake { public boolean equals(List<?> o) { return true; } }""", """
                        import java.util.*;
                        public class SolutionTest {
                            public static void testSolve() {
                                if (!Solution.solve().equals(Arrays.asList(4, 2))) throw new AssertionError("wrong");
                            }
                        }"""),
                hack("returned type with a static equals(List)", "rejected", """
                        import java.util.*;
                        class Solution { static Fake solve() { return new Fake(); } }
                        class Fake { static boolean equals(List<?> o) { return true; } }""", """
                        import java.util.*;
                        public class SolutionTest {
                            public static void testSolve() {
                                if (!Solution.solve().equals(Arrays.asList(4, 2))) throw new AssertionError("wrong");
                            }
                        }"""),
                // a test's assert statement is a check: it runs (the sandbox enables assertions)
                hack("wrong answer checked only by a test's assert", "test_failed", """
                        class Solution { static int solve() { return 41; } }""", """
                        public class SolutionTest {
                            public static void testSolve() {
                                assert Solution.solve() == 42 : "wrong";
                            }
                        }"""),
                hack("list whose own iterator decides AbstractList.equals", "rejected", """
                        import java.util.*;
                        class Solution { static List<Integer> solve() { return new Fake(); } }
                        class Fake extends AbstractList<Integer> {
                            public Integer get(int i) { return 0; }
                            public int size() { return 2; }
                            public Iterator<Integer> iterator() { return List.of(4, 2).iterator(); } }""", """
                        import java.util.*;
                        public class SolutionTest {
                            public static void testSolve() {
                                if (!Solution.solve().equals(Arrays.asList(4, 2))) throw new AssertionError("wrong");
                            }
                        }"""),
                hack("list overriding get (a generic override, seen through its bridge)", "rejected", """
                        import java.util.*;
                        class Solution { static List<Integer> solve() { return new Fake(); } }
                        class Fake extends ArrayList<Integer> {
                            Fake() { add(0); add(0); }
                            @Override public Integer get(int i) { return i == 0 ? 4 : 2; } }""", """
                        import java.util.*;
                        public class SolutionTest {
                            public static void testSolve() {
                                List<Integer> r = Solution.solve();
                                if (r.get(0) != 4 || r.get(1) != 2) throw new AssertionError("wrong");
                            }
                        }"""),
                hack("set whose containsAll decides AbstractSet.equals", "rejected", """
                        import java.util.*;
                        class Solution { static Set<Integer> solve() { return new Fake(); } }
                        class Fake extends HashSet<Integer> {
                            Fake() { add(0); add(1); }
                            @Override public boolean containsAll(Collection<?> c) { return true; } }""", """
                        import java.util.*;
                        public class SolutionTest {
                            public static void testSolve() {
                                if (!Solution.solve().equals(Set.of(4, 2))) throw new AssertionError("wrong");
                            }
                        }"""),
                hack("class Short hides java.lang.Short, read only through an inlined constant", "rejected", """
                        class Solution { static long sq(int i) { return -1; } }
                        class Short { static final short MAX_VALUE = 0; }""", """
                        public class SolutionTest {
                            public static void testAll() {
                                for (int i = 0; i < Short.MAX_VALUE; i++)
                                    if (Solution.sq(i) != (long) i * i) throw new AssertionError("wrong at " + i);
                            }
                        }"""),
                // the output cap's verdict runs on the candidate's stack: a StackOverflowError provoked there
                // and caught must not let the run go on to pass
                hack("output cap's verdict overflowed and swallowed", "runtime_error", """
                        class Solution {
                            static boolean hit;
                            static StackOverflowError last;
                            static void h(int d, int t, boolean write) {
                                if (d < t) { h(d + 1, t, write); return; }
                                if (write) try { System.out.write('x'); } catch (StackOverflowError e) { last = e; } }
                            static boolean fits(int t) {
                                try { h(0, t, false); return true; } catch (StackOverflowError e) { return false; } }
                            static int solve() {
                                String s = "y".repeat(1 << 19);
                                System.out.print(s); System.out.print(s);
                                for (int i = 0; i < 20_000; i++) h(0, 50, false); // compiled, so depths hold
                                int lo = 0, hi = 1 << 22; // deepest recursion that fits
                                while (lo < hi) { int mid = (lo + hi + 1) >>> 1; if (fits(mid)) lo = mid; else hi = mid - 1; }
                                // from there up, one frame at a time, until a write over the cap got as far as the
                                // verdict and overflowed there (the sink runs on the candidate's stack)
                                for (int t = lo + 20; t > lo - 3000 && !hit; t--) {
                                    last = null;
                                    try { h(0, t, true); } catch (StackOverflowError e) { }
                                    if (last != null) for (StackTraceElement f : last.getStackTrace()) hit |= f.getMethodName().equals("verdict"); }
                                return 42; } }""", """
                        public class SolutionTest {
                            public static void testSolve() {
                                if (Solution.solve() != 42) throw new AssertionError("wrong");
                            }
                        }"""),
                // controls: ordinary code of the same shapes passes
                hack("control: a record in a set, a comparable pair with hashCode and toString, an exception with "
                        + "toString, a filled anonymous list, an LRU map, collection subclasses with new methods, a "
                        + "passing assert, a helper class named like a java.util type the tests do not use", "passed",
                        """
                        import java.util.*;
                        class Solution {
                            record P(int a, int b) { }
                            static final class Pair implements Comparable<Pair> {
                                final int a; Pair(int a) { this.a = a; }
                                public int compareTo(Pair o) { return Integer.compare(a, o.a); }
                                @Override public int hashCode() { return a; }
                                @Override public String toString() { return "Pair" + a; } }
                            static final class Bad extends IllegalArgumentException {
                                @Override public String toString() { return "bad"; } }
                            static final class Lru extends LinkedHashMap<Integer, Integer> {
                                Lru() { super(4, 0.75f, true); }
                                @Override protected boolean removeEldestEntry(Map.Entry<Integer, Integer> e) {
                                    return size() > 2; } }
                            static final class Graph extends HashMap<Integer, List<Integer>> {
                                void addEdge(int a, int b) { computeIfAbsent(a, k -> new ArrayList<>()).add(b); } }
                            static final class MinStack extends ArrayDeque<Integer> {
                                int min() { return stream().mapToInt(Integer::intValue).min().orElse(0); } }
                            static final class Bag implements Iterable<Integer> {
                                final List<Integer> xs = new ArrayList<>(List.of(1, 2));
                                public Iterator<Integer> iterator() { return xs.iterator(); }
                                @Override public String toString() { return "Bag" + xs; } }
                            private static boolean equals(int a, int b) { return a == b; }
                            static final class LRUCache extends LinkedHashMap<Integer, Integer> {
                                LRUCache() { super(4, 0.75f, true); }
                                public int get(int key) { return getOrDefault(key, -1); }
                                public void put(int key, int value) { super.put(key, value); }
                                @Override protected boolean removeEldestEntry(Map.Entry<Integer, Integer> e) {
                                    return size() > 2; } }
                            static Integer solve() {
                                Set<P> s = new HashSet<>(List.of(new P(1, 2), new P(1, 2)));
                                Set<Pair> t = new TreeSet<>(List.of(new Pair(40), new Pair(40)));
                                List<Integer> filled = new ArrayList<>() {{ add(4); add(2); }};
                                Lru lru = new Lru(); lru.put(1, 1); lru.put(2, 2); lru.put(3, 3);
                                Graph g = new Graph(); g.addEdge(1, 2); g.addEdge(1, 3);
                                MinStack m = new MinStack(); m.push(5); m.push(3);
                                LRUCache c = new LRUCache(); c.put(1, 1); c.put(2, 2); c.get(1); c.put(3, 3);
                                assert c.get(2) == -1 && c.get(1) == 1 : "LeetCode 146";
                                assert new Bag().toString().equals("Bag[1, 2]") && equals(3, 3);
                                assert g.get(1).size() == 2 : "assertions run in the sandbox";
                                return s.size() == 1 && t.size() == 1 && filled.equals(List.of(4, 2))
                                        && lru.keySet().equals(Set.of(2, 3)) && m.min() == 3 ? 42 : 0; } }
                        class Node { int v = 1; }
                        class Stack { int top() { return 1; } }
                        class Setting { static int setDefault(int x) { return x; } }""", """
                        import java.util.*;
                        public class SolutionTest {
                            public static void testSolve() {
                                if (!Objects.equals(Solution.solve(), 42)) throw new AssertionError("wrong");
                                if (Math.abs(Setting.setDefault(-3)) != 3 || new Node().v != 1) throw new AssertionError("wrong");
                            }
                        }"""));
    }

    private static Arguments hack(String name, String status, String solution, String test) {
        return Arguments.of(name, status, solution, test);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("hacks")
    void hackIsJudgedByItsHonestPart(String name, String status, String solution, String test) throws Exception {
        Sandbox sandbox = SandboxFixture.sandbox();
        Verdict v = sandbox.run(new ExecutionRequest(Map.of("Solution", solution), test, "SolutionTest",
                TestStyle.TEST_METHODS, LIMIT));
        assertEquals(status, v.status(), () -> name + ": " + v.result());
    }

    /**
     * The compile service reuses one javac context; a sealed type's permitted subclasses once survived into later,
     * unrelated classes of the same name (the sandbox's own start-up program has {@code Solution.Shape permits
     * Circle, Square}): an honest candidate was rejected, or failed at run time, depending on what was compiled
     * before it.
     */
    @Test
    void earlierCompilationsDoNotLeakIntoLaterOnes() {
        String test = """
                public class SolutionTest {
                    public static void testSolve() {
                        if (Solution.solve() != 42) throw new AssertionError("wrong");
                    }
                }""";
        for (String solution : List.of("""
                class Solution { static class Shape { int sides() { return 0; } }
                    static class Tri extends Shape { int sides() { return 3; } }
                    static Integer solve() { Shape s = new Tri(); return s.sides() * 14; } }""", """
                class Solution { sealed interface Node permits Leaf {} record Leaf(int v) implements Node {}
                    static int solve() { Node n = new Leaf(42); return n instanceof Leaf l ? l.v() : 0; } }""", """
                class Solution { interface Node {} record Leaf(int v) implements Node {}
                    record Pair(Node a, Node b) implements Node {}
                    static int solve() { Node n = new Pair(new Leaf(40), new Leaf(2));
                        return n instanceof Pair(Leaf(int a), Leaf(int b)) ? a + b : 0; } }""")) {
            Verdict v = SandboxFixture.sandbox().run(new ExecutionRequest(Map.of("Solution", solution), test,
                    "SolutionTest", TestStyle.TEST_METHODS, LIMIT));
            assertEquals("passed", v.status(), () -> solution + ": " + v.result());
        }
    }

    /**
     * HumanEval-X: 161 of its 164 tests compare {@code Arrays.asList(...)} results; one program, MAIN style, whose
     * import the candidate writes (spelled with a comment or a Unicode escape, it once escaped the check).
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"import java.util.*;", "import/**/java.util.*;",
            "import java.util.\\u002a;", "import java.util.*/* x */;"})
    void humanEvalXProgramCannotHideArrays(String importLine) throws Exception {
        String program = importLine + """

                import java.lang.*;

                class Solution {
                    public boolean hasCloseElements(List<Double> numbers, double threshold) {
                        return false;
                    }
                }
                class Arrays { static <T> List<T> asList(T... a) { return new ArrayList<>(); } }
                public class Main {
                    public static void main(String[] args) {
                        Solution s = new Solution();
                        List<Boolean> correct = Arrays.asList(
                                s.hasCloseElements(new ArrayList<>(List.of(1.0, 2.0, 3.9, 4.0)), 0.3));
                        if (correct.contains(false)) {
                            throw new AssertionError();
                        }
                    }
                }
                """;
        Verdict v = SandboxFixture.sandbox().run(ExecutionRequest.humanEvalX(program));
        assertEquals("rejected", v.status(), () -> v.result().toString());
        assertTrue(v.result().toString().contains("java.util.Arrays"), v.result().toString());
    }
}
