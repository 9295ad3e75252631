package dev.rlcode.examples.cli;

import static dev.rlcode.examples.cli.RlCodeTest.rlcode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rlcode.envs.code.task.BundledSuite;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.HumanEvalXLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rlcode harness} and {@code rlcode mutants} end to end, through the real sandbox. */
class CodeCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HX_PATH = "shared/datasets/humaneval-x-java/humaneval_java.jsonl.gz";

    @TempDir
    Path tmp;

    /** {@return the HumanEval-X file under a parent folder's shared/datasets; skips the test when absent} */
    static Path humanEvalX() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(HX_PATH))) dir = dir.getParent();
        Assumptions.assumeTrue(dir != null, "HumanEval-X not found under a parent's " + HX_PATH);
        return dir.resolve(HX_PATH);
    }

    static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) rows.add(JSON.readTree(line));
        return rows;
    }

    static String sample(String taskId, String generation) {
        return JSON.createObjectNode().put("task_id", taskId).put("generation", generation).toString();
    }

    @Test
    void humanEvalXCanonicalSolutionsAllPass() throws IOException {
        Path out = tmp.resolve("hx");
        var r = rlcode("harness", "--dataset", humanEvalX().toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        System.out.println(summary.toPrettyString());
        assertEquals(164, summary.get("total").asInt());
        assertEquals(164, summary.get("passed").asInt(), () -> summary.toString());
        assertEquals(0, summary.get("failed").asInt());
        assertEquals(164, summary.get("by_status").get("passed").asInt());
        assertTrue(summary.get("tasks_per_second").asDouble() > 0);
        List<JsonNode> rows = jsonLines(out.resolve("results.jsonl"));
        assertEquals(164, rows.size());
        assertEquals("Java/0", rows.getFirst().get("task_id").asText());
        assertTrue(rows.stream().allMatch(row -> row.get("status").asText().equals("passed")
                && row.get("millis").asDouble() > 0 && row.has("message")));
        assertTrue(r.out().contains("164 passed of 164"), r.out());
    }

    @Test
    void humanEvalXSamplesGetTheRightStatuses() throws IOException {
        Path hx = humanEvalX();
        CodeTask t0 = HumanEvalXLoader.load(hx).getFirst();
        String canonical = t0.referenceSolution().orElseThrow().substring(t0.prompt().length());
        Path samples = tmp.resolve("samples.jsonl");
        Files.write(samples, List.of(
                sample("Java/0", canonical),
                sample("Java/0", "        return false;\n    }\n}\n"),             // an assertion fails
                "",
                sample("Java/0", "        return 1;\n    }\n}\n"),                 // int is no boolean
                sample("Java/0", "        System.exit(0);\n        return true;\n    }\n}\n")));
        Path out = tmp.resolve("out");
        var r = rlcode("harness", "--dataset", hx.toString(), "--solutions", samples.toString(), "--workers", "2",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> rows = jsonLines(out.resolve("results.jsonl"));
        assertEquals(List.of("passed", "test_failed", "compile_error", "rejected"),
                rows.stream().map(row -> row.get("status").asText()).toList(), rows.toString());
        assertEquals(List.of(1, 2, 4, 5), rows.stream().map(row -> row.get("line").asInt()).toList());
        assertTrue(rows.get(2).get("message").asText().contains("boolean"), rows.get(2).toString());
        assertTrue(rows.get(3).get("message").asText().contains("exit"), rows.get(3).toString());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(4, summary.get("total").asInt());
        assertEquals(1, summary.get("passed").asInt());
        assertEquals(3, summary.get("failed").asInt());
        assertEquals(Map.of("passed", 1, "test_failed", 1, "compile_error", 1, "rejected", 1),
                JSON.convertValue(summary.get("by_status"), Map.class));
    }

    @Test
    void bundledCanonicalSolutionsAllPass() throws IOException {
        Path out = tmp.resolve("bundled");
        var r = rlcode("harness", "--dataset", "bundled", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        int n = BundledSuite.tasks().size();
        assertEquals(n, summary.get("total").asInt());
        List<JsonNode> notPassed = jsonLines(out.resolve("results.jsonl")).stream()
                .filter(row -> !row.get("status").asText().equals("passed")).toList();
        assertEquals(List.of(), notPassed);
        assertEquals(n, summary.get("passed").asInt(), () -> summary.toString());
    }

    @Test
    void suiteSamplesAreWholeSolutionClasses() throws IOException {
        CodeTask task = BundledSuite.tasks().getFirst();
        String reference = task.referenceSolution().orElseThrow();
        Path samples = tmp.resolve("samples.jsonl");
        Files.write(samples, List.of(sample(task.id(), reference),
                sample(task.id(), reference.replaceFirst("\\{", "{ static { Runtime.getRuntime().halt(0); }"))));
        Path out = tmp.resolve("out");
        var r = rlcode("harness", "--dataset", "bundled", "--solutions", samples.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> rows = jsonLines(out.resolve("results.jsonl"));
        assertEquals("passed", rows.get(0).get("status").asText(), rows.toString());
        assertEquals("rejected", rows.get(1).get("status").asText(), rows.toString());
    }

    @Test
    void badSamplesAndOutFoldersAreUsageErrorsNamingFileAndLine() throws IOException {
        Path samples = tmp.resolve("samples.jsonl");
        String id = BundledSuite.tasks().getFirst().id();
        Files.write(samples, List.of(sample(id, "class A {}"), sample("no-such-task", "class A {}")));
        var unknown = rlcode("harness", "--dataset", "bundled", "--solutions", samples.toString(), "--out",
                tmp.resolve("a").toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains(samples + ":2: unknown task_id 'no-such-task'"), unknown.err());
        assertFalse(Files.exists(tmp.resolve("a")), "nothing is written on a usage error");

        Files.write(samples, List.of(sample(id, "class A {}"), "{\"task_id\": \"" + id + "\", \"generation\": "));
        var malformed = rlcode("harness", "--dataset", "bundled", "--solutions", samples.toString(), "--out",
                tmp.resolve("b").toString());
        assertEquals(2, malformed.exit());
        assertTrue(malformed.err().contains(samples + ":2: invalid JSON"), malformed.err());

        Files.write(samples, List.of("{\"task_id\": \"" + id + "\"}"));
        var missing = rlcode("harness", "--dataset", "bundled", "--solutions", samples.toString(), "--out",
                tmp.resolve("c").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains(samples + ":1: expected a string field 'generation'"), missing.err());

        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "x");
        var notEmpty = rlcode("harness", "--dataset", "bundled", "--out", full.toString());
        assertEquals(2, notEmpty.exit());
        assertTrue(notEmpty.err().contains("--out: expected a new or empty folder"), notEmpty.err());
        assertEquals(List.of(full.resolve("keep.txt")), Files.list(full).toList());

        var noDataset = rlcode("harness", "--dataset", tmp.resolve("nope.jsonl").toString(), "--out",
                tmp.resolve("d").toString());
        assertEquals(2, noDataset.exit());
        assertTrue(noDataset.err().contains("--dataset"), noDataset.err());
    }

    /** A --cache-dir that is a file is refused before --out is made (it crashed with an internal error). */
    @Test
    void mutantsRefusesACacheDirThatIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        Path out = tmp.resolve("mutants-bad-cache");
        var r = rlcode("mutants", "--dataset", "bundled", "--limit", "1", "--cache-dir", file.toString(), "--out",
                out.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--cache-dir " + file + ": expected a folder, actual a file"), r.err());
        assertFalse(Files.exists(out), "nothing made");
    }

    @Test
    void mutantsCountsEachTasksMutantsByClass() throws IOException {
        Path out = tmp.resolve("mutants");
        var r = rlcode("mutants", "--dataset", "bundled", "--limit", "3", "--max-judged", "8", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> rows = jsonLines(out.resolve("mutants.jsonl"));
        assertEquals(BundledSuite.tasks().subList(0, 3).stream().map(CodeTask::id).toList(),
                rows.stream().map(row -> row.get("task_id").asText()).toList());
        int faults = 0;
        for (JsonNode row : rows) {
            assertFalse(row.has("error"), row.toString());
            int judged = row.get("judged").asInt();
            assertTrue(judged <= 8 && judged <= row.get("generated").asInt(), row.toString());
            assertEquals(judged, row.get("uncompilable").asInt() + row.get("equivalent").asInt()
                    + row.get("shallow").asInt() + row.get("deep").asInt(), row.toString());
            faults += row.get("shallow").asInt() + row.get("deep").asInt();
        }
        assertTrue(faults > 0, "the tests kill some mutant: " + rows);
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        for (String k : List.of("generated", "uncompilable", "equivalent", "shallow", "deep")) {
            assertEquals(rows.stream().mapToInt(row -> row.get(k).asInt()).sum(), summary.get(k).asInt(), k);
        }
        assertTrue(r.out().contains("| total"), r.out());
    }
}
