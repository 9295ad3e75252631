package dev.rlcode.envs.code.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.envs.code.sandbox.TestStyle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HumanEvalXLoaderTest {

    private static final String GOOD_ROW = """
            {"task_id": "Java/0", "prompt": "class Solution {\\n    public int one() {\\n", \
            "canonical_solution": "        return 1;\\n    }\\n}\\n", \
            "test": "public class Main { public static void main(String[] a) { if (new Solution().one() != 1) throw new AssertionError(); } }", \
            "example_test": "", "declaration": "class Solution {\\n    public int one() {\\n"}""";

    @TempDir
    Path dir;

    /** Walks up from the working directory to a {@code shared/datasets} folder. */
    static Path datasets() {
        for (Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("datasets");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no shared/datasets folder above " + System.getProperty("user.dir")
                + "; the HumanEval-X test needs shared/datasets/humaneval-x-java/humaneval_java.jsonl.gz");
    }

    @Test
    void loadsAll164JavaProblems() {
        Path file = datasets().resolve("humaneval-x-java/humaneval_java.jsonl.gz");
        assertTrue(Files.isRegularFile(file), "missing " + file);
        List<CodeTask> tasks = HumanEvalXLoader.load(file);
        assertEquals(164, tasks.size());
        CodeTask first = tasks.getFirst();
        assertEquals("Java/0", first.id());
        assertEquals("Solution.hasCloseElements", first.entryPoint());
        assertEquals(TestStyle.MAIN, first.style());
        assertEquals(Tier.NONE, first.tier());
        assertEquals("Main", first.hiddenTestClassName());
        assertTrue(first.referenceSolution().orElseThrow().startsWith(first.prompt()));
        assertTrue(first.referenceSolution().orElseThrow().contains("distance < threshold"));
        assertTrue(first.visibleTests().contains("Arrays.asList(1.0, 2.0, 3.0)"));
        assertTrue(first.hiddenTests().contains("0.95"));
        assertTrue(first.declaration().strip().endsWith("}"));
        assertEquals(164, tasks.stream().map(CodeTask::id).distinct().count());
        assertEquals(158, tasks.stream().filter(CodeTask::hasVisibleTests).count());
        for (CodeTask t : tasks) {
            assertEquals("Solution", t.solutionClassName(), t.id());
            assertFalse(t.visibleTests().equals(t.hiddenTests()), t.id());
            assertTrue(t.declaration().contains(" " + t.methodName() + "("), t.id());
        }
    }

    @Test
    void plainJsonlLoads() throws IOException {
        Path file = write("one.jsonl", GOOD_ROW + "\n\n");
        List<CodeTask> tasks = HumanEvalXLoader.load(file);
        assertEquals(1, tasks.size());
        assertEquals("Solution.one", tasks.getFirst().entryPoint());
        assertFalse(tasks.getFirst().hasVisibleTests());
    }

    @Test
    void missingFieldNamesFileLineAndField() throws IOException {
        String row = GOOD_ROW.replace("\"test\": ", "\"tset\": ");
        Path file = write("rows.jsonl", GOOD_ROW.replace("Java/0", "Java/1") + "\n" + row + "\n");
        TaskFormatException e = assertThrows(TaskFormatException.class, () -> HumanEvalXLoader.load(file));
        assertEquals("rows.jsonl line 2: field 'test': expected a non-empty string, actual null", e.getMessage());
        assertEquals(2, e.line());
        assertEquals("test", e.field());
    }

    @Test
    void bytesThatAreNotUtf8AreNamedNotReplaced() throws IOException {
        Path file = dir.resolve("latin1.jsonl");
        byte[] row = GOOD_ROW.replace("class Solution {\\n    public int one", "class Solution {\\n    /* caf\u00e9 */ public int one")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1); // é as the single byte 0xE9
        Files.write(file, row);
        TaskFormatException e = assertThrows(TaskFormatException.class, () -> HumanEvalXLoader.load(file));
        assertTrue(e.getMessage().contains("expected UTF-8 text"), e.getMessage());
    }

    @Test
    void wrongTypeNamesField() throws IOException {
        String row = GOOD_ROW.replace("\"example_test\": \"\"", "\"example_test\": 42");
        Path file = write("rows.jsonl", row + "\n");
        TaskFormatException e = assertThrows(TaskFormatException.class, () -> HumanEvalXLoader.load(file));
        assertEquals("rows.jsonl line 1: field 'example_test': expected a string, actual a number 42", e.getMessage());
    }

    @Test
    void badJsonNamesLine() throws IOException {
        Path file = write("rows.jsonl", GOOD_ROW + "\n" + GOOD_ROW.replace("Java/0", "Java/1") + "\n{\"task_id\": \n");
        TaskFormatException e = assertThrows(TaskFormatException.class, () -> HumanEvalXLoader.load(file));
        assertTrue(e.getMessage().startsWith("rows.jsonl line 3: invalid JSON"), e.getMessage());
        assertEquals(3, e.line());
    }

    /** A file with no task is named as such (it failed later as "0 train, 0 test"). */
    @Test
    void aFileWithoutTasksIsNamed() throws IOException {
        for (String text : new String[] {"", "\n  \n"}) {
            Path file = write("rows.jsonl", text);
            TaskFormatException e = assertThrows(TaskFormatException.class, () -> HumanEvalXLoader.load(file));
            assertTrue(e.getMessage().contains("expected at least one task"), e.getMessage());
        }
    }

    @Test
    void duplicateIdNamesField() throws IOException {
        Path file = write("rows.jsonl", GOOD_ROW + "\n" + GOOD_ROW + "\n");
        TaskFormatException e = assertThrows(TaskFormatException.class, () -> HumanEvalXLoader.load(file));
        assertEquals("rows.jsonl line 2: field 'task_id': expected a unique id, actual 'Java/0' repeated",
                e.getMessage());
    }

    @Test
    void declarationWithoutOpenMethodIsRejected() throws IOException {
        String row = GOOD_ROW.replace("\"declaration\": \"class Solution {\\n    public int one() {\\n\"",
                "\"declaration\": \"class Solution {}\"");
        Path file = write("rows.jsonl", row + "\n");
        TaskFormatException e = assertThrows(TaskFormatException.class, () -> HumanEvalXLoader.load(file));
        assertEquals("declaration", e.field());
        assertTrue(e.getMessage().startsWith("rows.jsonl line 1: field 'declaration':"), e.getMessage());
    }

    @Test
    void truncatedGzipNamesFileAndLine() throws IOException {
        byte[] all = Files.readAllBytes(datasets().resolve("humaneval-x-java/humaneval_java.jsonl.gz"));
        Path file = dir.resolve("cut.jsonl.gz");
        Files.write(file, Arrays.copyOf(all, all.length / 2));
        TaskFormatException e = assertThrows(TaskFormatException.class, () -> HumanEvalXLoader.load(file));
        assertTrue(e.getMessage().startsWith("cut.jsonl.gz line "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated or corrupt gzip"), e.getMessage());
        assertTrue(e.line() > 1 && e.line() < 164, "line " + e.line());
    }

    @Test
    void gzipOfOwnRowsLoads() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write((GOOD_ROW + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Path file = dir.resolve("own.jsonl.gz");
        Files.write(file, bytes.toByteArray());
        assertEquals(1, HumanEvalXLoader.load(file).size());
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
