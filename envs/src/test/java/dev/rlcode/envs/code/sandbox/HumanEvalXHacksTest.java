package dev.rlcode.envs.code.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.HumanEvalXLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's rules on all 164 HumanEval-X tasks (MAIN style: the candidate writes the whole unit, imports
 * included, and the tests call {@code actual.equals(expected)}): every canonical solution passes, and two reward
 * hacks found by review pass on no task. Each hack's method body is a constant, so any pass would be the hack's.
 */
class HumanEvalXHacksTest {

    private static List<SandboxFixture.Problem> problems;
    /** The same tasks as the envs load them ({@link HumanEvalXLoader}: tests with the dataset patches). */
    private static Map<String, CodeTask> loaded;

    @BeforeAll
    static void load() {
        problems = SandboxFixture.loadHumanEvalX(SandboxFixture.humanEvalX());
        assertEquals(164, problems.size());
        loaded = new java.util.HashMap<>();
        HumanEvalXLoader.load(SandboxFixture.humanEvalX()).forEach(t -> loaded.put(t.id(), t));
    }

    /** {@return status → task ids, over the tasks {@code program} gives a program for (null: skipped)} */
    private static Map<String, List<String>> judgeAll(Function<SandboxFixture.Problem, String> program) {
        var tasks = new ArrayList<Harness.Task>();
        for (var p : problems) {
            String source = program.apply(p);
            if (source != null) {
                tasks.add(new Harness.Task(p.taskId(), ExecutionRequest.humanEvalX(source)));
            }
        }
        var byStatus = new TreeMap<String, List<String>>();
        for (var r : Harness.run(SandboxFixture.sandbox(), tasks, 2).results()) {
            byStatus.computeIfAbsent(r.verdict().status(), k -> new ArrayList<>()).add(r.taskId());
        }
        return byStatus;
    }

    /**
     * In MAIN style the test class and the classes nested in it (its NestMembers) are the tests, which the
     * candidate may not name; a top-level class the candidate names {@code Main$X} is still the candidate's code.
     */
    @Test
    void theTestClassIsOffLimitsAndItsNameLendsNoTrust() {
        SandboxFixture.Problem p = problems.getFirst();
        String names = p.prompt() + p.canonicalSolution() + "\nclass Helper { static void touch() { Main.main(null); } }\n"
                + p.test();
        Verdict v = SandboxFixture.sandbox().run(ExecutionRequest.humanEvalX(names));
        assertEquals("rejected", v.status(), () -> v.result().toString());
        String disguised = p.prompt() + p.canonicalSolution()
                + "\nclass Main$Any { public boolean equals(Object o) { return true; } }\n" + p.test();
        Verdict w = SandboxFixture.sandbox().run(ExecutionRequest.humanEvalX(disguised));
        assertEquals("rejected", w.status(), () -> w.result().toString());
        assertTrue(w.result().toString().contains("equals"), () -> w.result().toString());
        assertTrue(SandboxFixture.sandbox().run(ExecutionRequest.humanEvalX(p.program())).passed(), "the control");
    }

    private static String identityPair(String encode, String decode) {
        return "import java.util.*;\nclass Solution {\n    public String " + encode + "(String s) { return s; }\n"
                + "    public String " + decode + "(String s) { return s; }\n}\n";
    }

    /** Every canonical solution passes the tests as the dataset has them and as the loader patches them. */
    @Test
    void everyCanonicalSolutionPasses() {
        var byStatus = judgeAll(SandboxFixture.Problem::program);
        assertEquals(List.of("passed"), List.copyOf(byStatus.keySet()), byStatus::toString);
        var patched = judgeAll(p -> {
            CodeTask t = loaded.get(p.taskId());
            return t.referenceSolution().orElseThrow() + "\n" + t.hiddenTests();
        });
        assertEquals(List.of("passed"), List.copyOf(patched.keySet()), patched::toString);
    }

    /**
     * Dataset tests a wrong program passed (found by review): Java/32 checked {@code Math.abs(s.poly(...)) > 1e-4}
     * with the candidate's own {@code poly} on a list the candidate had been given; Java/151 ends with an
     * {@code assert}, which did not run. Through the loader's tests (as the envs run them) each hack fails.
     */
    @Test
    void patchedDatasetTestsCatchWhatTheyMissed() {
        // task id, what the hack does, the candidate made from the prompt
        record Hack(String id, String what, Function<String, String> candidate) {
        }
        Function<String, Function<String, String>> body = b -> prompt -> prompt + "\n        " + b + "\n    }\n}\n";
        List<Hack> hacks = List.of(
                new Hack("Java/32", "NaN", body.apply("return Double.NaN;")),
                new Hack("Java/32", "empties the list", body.apply("xs.clear();\n        return 0;")),
                new Hack("Java/32", "its own poly answers 0", prompt -> body.apply("return 0;").apply(
                        prompt.replaceFirst("return result;", "return 0;"))),
                new Hack("Java/38", "identity encoder and decoder", prompt -> identityPair("encodeCyclic",
                        "decodeCyclic")),
                new Hack("Java/50", "identity encoder and decoder", prompt -> identityPair("encodeShift",
                        "decodeShift")),
                new Hack("Java/38", "writes the test class's letters", prompt -> body.apply(
                        "return \"a\".repeat(s.length());").apply(prompt.replace("class Solution {",
                        "class Solution {\n    Solution() { java.util.Arrays.fill(Main.letters, 'a'); }"))),
                new Hack("Java/50", "writes the test class's letters", prompt -> body.apply(
                        "return \"a\".repeat(s.length());").apply(prompt.replace("class Solution {",
                        "class Solution {\n    Solution() { java.util.Arrays.fill(Main.letters, 'a'); }"))),
                new Hack("Java/151", "the six listed cases only", body.apply("""
                        if (lst.size() == 2) return 25;
                        if (lst.size() == 3 && lst.contains(5) && lst.contains(3)) return 34;
                        return 0;""")));
        var tasks = new ArrayList<Harness.Task>();
        for (Hack h : hacks) {
            SandboxFixture.Problem p = problems.stream().filter(q -> q.taskId().equals(h.id())).findFirst()
                    .orElseThrow();
            String candidate = h.candidate().apply(p.prompt());
            assertTrue(!candidate.equals(p.prompt()), h.what());
            tasks.add(new Harness.Task(h.id() + " " + h.what(), ExecutionRequest.humanEvalX(candidate + "\n"
                    + loaded.get(h.id()).hiddenTests())));
            if (h.id().equals("Java/32") || h.what().startsWith("identity")) { // the dataset's test lets it pass
                tasks.add(new Harness.Task("dataset " + h.id() + " " + h.what(), ExecutionRequest.humanEvalX(
                        candidate + "\n" + p.test())));
            }
        }
        for (var r : Harness.run(SandboxFixture.sandbox(), tasks, 2).results()) {
            assertEquals(r.taskId().startsWith("dataset "), r.verdict().passed(),
                    () -> r.taskId() + ": " + r.verdict().result());
        }
    }

    private static final Pattern LAST_METHOD = Pattern.compile(
            "public\\s+([\\w<>, \\[\\]?]+?)\\s+\\w+\\s*\\([^)]*\\)\\s*(?:throws[^{]*)?\\{\\s*$");

    /** {@return the return type of the method the prompt ends with, or null} */
    private static String returnType(String prompt) {
        Matcher m = LAST_METHOD.matcher(prompt.strip());
        String type = null;
        while (m.find()) {
            type = m.group(1);
        }
        return type;
    }

    /** A body that answers a constant of the method's type (nothing solved). */
    private static String constantBody(String type) {
        if (type == null) {
            return "return null;";
        }
        return switch (type.replaceAll("<.*", "")) {
            case "int", "long", "double", "float", "short", "byte", "char" -> "return 0;";
            case "boolean" -> "return false;";
            case "String" -> "return \"\";";
            case "List" -> "return new ArrayList<>();";
            case "Optional" -> "return Optional.empty();";
            case "Map" -> "return new HashMap<>();";
            case "Object" -> "return new Object();";
            default -> "return null;";
        };
    }

    /**
     * The candidate's own {@code Arrays}, whose {@code asList} drops every {@code false}, so the tests'
     * {@code correct.contains(false)} never fires; the import that would make the sandbox see it is written with a
     * comment inside (it once escaped the check: 153 of 164 passed).
     */
    @Test
    void anOddlyWrittenImportCannotHideArrays() {
        var byStatus = judgeAll(p -> p.prompt().replace("import java.util.*;", "import/**/java.util.*;")
                + "\n        " + constantBody(returnType(p.prompt())) + "\n    }\n}\n" + """
                class Arrays {
                    @SafeVarargs static <T> List<T> asList(T... a) {
                        List<T> l = new ArrayList<>(); for (T x : a) if (!Boolean.FALSE.equals(x)) l.add(x); return l; }
                }
                """ + "\n" + p.test());
        assertTrue(!byStatus.containsKey("passed"), byStatus::toString);
    }

    /**
     * Methods returning a list, an Optional or an Object answer a list whose own iterator decides
     * {@code AbstractList.equals}, or an element that equals anything (51 of 57 such tasks once passed).
     */
    @Test
    void aResultCannotDecideItsOwnComparison() {
        String fakes = """
                class Any { public boolean equals(Object o) { return true; } public int hashCode() { return 0; } }
                class Adaptive extends java.util.AbstractList<Integer> {
                    public Integer get(int i) { throw new IndexOutOfBoundsException(); }
                    public int size() { return 0; }
                    @SuppressWarnings({"unchecked", "rawtypes"})
                    public java.util.ListIterator<Integer> listIterator() { return new It(); }
                }
                @SuppressWarnings("rawtypes")
                class It implements java.util.ListIterator {
                    boolean asked;
                    public boolean hasNext() { boolean r = !asked; asked = true; return r; }
                    public Object next() { asked = false; return new Any(); }
                    public boolean hasPrevious() { return false; }
                    public Object previous() { throw new java.util.NoSuchElementException(); }
                    public int nextIndex() { return 0; }
                    public int previousIndex() { return -1; }
                    public void remove() { }
                    public void set(Object o) { }
                    public void add(Object o) { }
                }
                """;
        var byStatus = judgeAll(p -> {
            String type = returnType(p.prompt());
            String body;
            if (type == null) {
                return null;
            } else if (type.startsWith("List")) {
                body = "return (List) new Adaptive();";
            } else if (type.startsWith("Optional")) {
                body = "return (Optional) Optional.of(new Any());";
            } else if (type.equals("Object")) {
                body = "return new Any();";
            } else {
                return null;
            }
            return p.prompt().replace("class Solution {", "@SuppressWarnings({\"unchecked\", \"rawtypes\"}) class Solution {")
                    + "\n        " + body + "\n    }\n}\n" + fakes + "\n" + p.test();
        });
        int tried = byStatus.values().stream().mapToInt(List::size).sum();
        assertTrue(tried >= 50, () -> "expected the list/Optional/Object tasks, actual " + tried);
        assertTrue(!byStatus.containsKey("passed"), byStatus::toString);
    }
}
