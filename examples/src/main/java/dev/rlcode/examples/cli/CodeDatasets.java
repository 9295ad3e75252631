package dev.rlcode.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rlcode.envs.code.sandbox.TestStyle;
import dev.rlcode.envs.code.task.BundledSuite;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.HumanEvalXLoader;
import dev.rlcode.envs.code.task.TaskFormatException;
import dev.rlcode.envs.code.task.TaskSuite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Code datasets named on the command line, solutions files, and the output folder rule of the code commands. */
final class CodeDatasets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CodeDatasets() {}

    /**
     * {@return the tasks of {@code spec}: {@code bundled}, a HumanEval-X {@code .jsonl[.gz]} file, or a task-suite
     * directory}
     *
     * @throws CliException if it is none of these or cannot be read
     */
    static List<CodeTask> load(String spec) {
        if (spec.equals("bundled")) {
            return BundledSuite.tasks();
        }
        Path path = Path.of(spec);
        try {
            if (Files.isDirectory(path)) {
                return TaskSuite.load(path).tasks();
            }
            if (!Files.isRegularFile(path)) {
                throw new CliException("--dataset: expected `bundled`, a HumanEval-X .jsonl[.gz] file or a task-suite "
                        + "directory, actual '" + spec + "' (no such file or directory)");
            }
            String name = path.getFileName().toString();
            if (!name.endsWith(".jsonl") && !name.endsWith(".jsonl.gz")) {
                throw new CliException("--dataset: expected a .jsonl or .jsonl.gz file (HumanEval-X format), actual '"
                        + spec + "'");
            }
            return HumanEvalXLoader.load(path);
        } catch (TaskFormatException e) {
            throw new CliException("--dataset: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new CliException("--dataset: " + e.getMessage(), e);
        }
    }

    /** One line of a samples file. @param line its 1-based line number */
    record Sample(CodeTask task, String generation, int line) {
        /** {@return the candidate solution: prompt + generation for HumanEval-X, the generation otherwise} */
        String candidate() {
            return task.style() == TestStyle.MAIN ? task.prompt() + generation : generation;
        }
    }

    /**
     * Reads a samples file in the HumanEval-X format: JSON lines {@code {"task_id": ..., "generation": ...}}
     * (optionally gzipped); blank lines are skipped, a task may have many samples.
     *
     * @throws CliException naming {@code file:line} for malformed JSON, a missing or non-string field, or an
     *                      unknown task id
     */
    static List<Sample> samples(Path file, Map<String, CodeTask> tasks) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("--solutions: expected `canonical` or a samples .jsonl file, actual '" + file
                    + "' (no such file)");
        }
        List<Sample> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                     .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)))) {
            int lineNo = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + ":" + lineNo;
                JsonNode row;
                try {
                    row = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new CliException(where + ": invalid JSON: " + e.getOriginalMessage());
                }
                String id = stringField(row, "task_id", where);
                String generation = stringField(row, "generation", where);
                CodeTask task = tasks.get(id);
                if (task == null) {
                    throw new CliException(where + ": unknown task_id '" + id + "' (not in the dataset)");
                }
                out.add(new Sample(task, generation, lineNo));
            }
        } catch (IOException e) {
            throw new CliException("--solutions: cannot read " + file + ": " + (e instanceof
                    java.nio.charset.CharacterCodingException ? "not UTF-8 text (" + e.getMessage() + ")"
                    : e.getMessage()), e);
        }
        if (out.isEmpty()) {
            throw new CliException("--solutions: expected at least one sample, actual none in " + file);
        }
        return out;
    }

    private static String stringField(JsonNode row, String field, String where) {
        if (row == null || !row.isObject()) {
            throw new CliException(where + ": expected a JSON object {\"task_id\", \"generation\"}");
        }
        JsonNode v = row.get(field);
        if (v == null || !v.isTextual()) {
            throw new CliException(where + ": expected a string field '" + field + "', actual "
                    + (v == null ? "none" : v.getNodeType().toString().toLowerCase()));
        }
        return v.asText();
    }

    /**
     * Creates {@code --out} when missing; refuses a non-empty folder or a file.
     *
     * @throws CliException if it exists and is a file or a non-empty folder, or cannot be created
     */
    static void prepareOut(Path out) {
        try {
            if (Files.exists(out)) {
                if (!Files.isDirectory(out)) {
                    throw new CliException("--out: expected a new or empty folder, actual a file: " + out);
                }
                try (var entries = Files.list(out)) {
                    if (entries.findAny().isPresent()) {
                        throw new CliException("--out: expected a new or empty folder, actual a non-empty one: " + out);
                    }
                }
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new CliException("--out: cannot create " + out + ": " + e.getMessage(), e);
        }
    }
}
