package dev.rlcode.envs.code.task;

import dev.rlcode.envs.code.sandbox.TestStyle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Loads the HumanEval-X Java split: JSONL (optionally gzipped), one problem per line with the fields
 * {@code task_id}, {@code prompt}, {@code canonical_solution}, {@code test}, {@code example_test}, {@code declaration}.
 *
 * <p>Each row becomes a {@link TestStyle#MAIN} task of tier {@link Tier#NONE}: visible tests = {@code example_test}
 * (empty for a few problems), hidden tests = {@code test}, reference = {@code prompt + canonical_solution}, declaration
 * = {@code declaration} closed with a throwing body. The program to run is {@code solution + "\n" + tests}.
 */
public final class HumanEvalXLoader {

    private static final Pattern CLASS = Pattern.compile("\\bclass\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern LAST_METHOD = Pattern.compile("([A-Za-z_$][\\w$]*)\\s*\\([^()]*\\)\\s*(throws[^{]*)?\\{\\s*$");

    private HumanEvalXLoader() {
    }

    /**
     * Loads every problem in file order.
     *
     * @param file a {@code .jsonl} or {@code .jsonl.gz} file
     * @return the tasks, in file order
     * @throws TaskFormatException  if a row is not valid JSON, lacks a field, has a field of the wrong type, repeats a
     *                              task id, or the gzip stream is truncated or corrupt (message names file, line, field)
     * @throws UncheckedIOException if the file cannot be read
     */
    public static List<CodeTask> load(Path file) {
        String name = file.getFileName().toString();
        List<CodeTask> tasks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int lineNo = 0;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                     .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)))) {
            String line;
            while (true) {
                try {
                    line = reader.readLine();
                } catch (ZipException | java.io.EOFException e) {
                    throw new TaskFormatException(name, lineNo + 1, null,
                            "truncated or corrupt gzip stream: " + e.getMessage(), e);
                } catch (java.nio.charset.CharacterCodingException e) { // not silently replaced by U+FFFD
                    // (read ahead in blocks: the bad bytes are on this line or a later one)
                    throw new TaskFormatException(name, 0, null, "expected UTF-8 text, actual bytes that are not, "
                            + "on line " + (lineNo + 1) + " or after it (" + e.getMessage() + ")", e);
                }
                if (line == null) {
                    break;
                }
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                CodeTask task = parseRow(name, lineNo, line);
                if (!ids.add(task.id())) {
                    throw new TaskFormatException(name, lineNo, "task_id", "expected a unique id, actual '"
                            + task.id() + "' repeated");
                }
                tasks.add(task);
            }
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("HumanEval-X file not found: " + file, e);
        } catch (ZipException | java.io.EOFException e) {
            throw new TaskFormatException(name, lineNo + 1, null, "truncated or corrupt gzip stream: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (tasks.isEmpty()) {
            throw new TaskFormatException(name, Math.max(1, lineNo), null, "expected at least one task (a JSON object "
                    + "per line), actual " + (lineNo == 0 ? "an empty file" : "only blank lines"));
        }
        return List.copyOf(tasks);
    }

    private static CodeTask parseRow(String file, int lineNo, String line) {
        JsonFields row = JsonFields.parse(file, line, lineNo);
        String id = row.string("task_id");
        String prompt = row.string("prompt");
        String canonical = row.string("canonical_solution");
        String test = patched(id, row.string("test"));
        String exampleTest = row.stringAllowEmpty("example_test");
        String declaration = row.string("declaration");
        Matcher cls = CLASS.matcher(declaration);
        if (!cls.find()) {
            throw row.error("declaration", "expected a class declaration, actual none");
        }
        Matcher method = LAST_METHOD.matcher(declaration.stripTrailing());
        if (!method.find()) {
            throw row.error("declaration", "expected to end with an open method signature, actual '"
                    + lastLine(declaration) + "'");
        }
        String className = cls.group(1);
        String stub = declaration.stripTrailing()
                + "\n        throw new UnsupportedOperationException(\"not implemented\");\n    }\n}\n";
        return new CodeTask(id, Tier.NONE, prompt, className + "." + method.group(1), stub, exampleTest, test,
                TestStyle.MAIN, Optional.of(prompt + canonical), List.of(), className, "Main", "Main");
    }

    /**
     * Fixes to dataset tests that a wrong program passes (found by an adversarial review of the sandbox), applied
     * when every piece to replace is found as is (another version of the dataset is left alone). Java/32 checked
     * {@code Math.abs(s.poly(coeffs, x)) > 1e-4}: {@code poly} is the candidate's own (the unit is the candidate's),
     * NaN is never greater than anything, and {@code findZero} could empty the list it was given; the test now
     * evaluates the polynomial itself, on a list the candidate never saw, and fails unless the value is within
     * 1e-4. Java/38 and Java/50 decoded what the candidate's own encoder gave, so any matching pair (identity
     * twice) passed; the tests now encode with their own copy of the reference encoder. (Java/151's closing
     * {@code assert} runs since the sandbox enables assertions.)
     */
    static final Map<String, List<Map.Entry<String, String>>> TEST_PATCHES = Map.of("Java/38", List.of(
            Map.entry("String encode_str = s.encodeCyclic(str);",
                    "StringBuilder enc = new StringBuilder();\n"
                            + "            for (int g = 0; g < str.length(); g += 3) {\n"
                            + "                String grp = str.substring(g, Math.min(g + 3, str.length()));\n"
                            + "                enc.append(grp.length() == 3 ? grp.substring(1) + grp.charAt(0) : grp);\n"
                            + "            }\n            String encode_str = enc.toString();")),
            "Java/50", List.of(
            Map.entry("String encode_str = s.encodeShift(str);",
                    "StringBuilder enc = new StringBuilder();\n"
                            + "            for (char ch : str.toCharArray()) {\n"
                            + "                enc.append((char) ('a' + ((ch + 5 - 'a') % 26)));\n"
                            + "            }\n            String encode_str = enc.toString();")),
            "Java/32", List.of(
            Map.entry("double solution = s.findZero(coeffs);",
                    "double solution = s.findZero(new ArrayList<>(coeffs));"),
            Map.entry("if (Math.abs(s.poly(coeffs, solution)) > 1e-4) {",
                    "double value = 0;\n            for (int k = 0; k < coeffs.size(); k++) {\n"
                            + "                value += coeffs.get(k) * Math.pow(solution, k);\n            }\n"
                            + "            if (!(Math.abs(value) <= 1e-4)) {")));

    static String patched(String id, String test) {
        var patches = TEST_PATCHES.get(id);
        if (patches == null || !patches.stream().allMatch(p -> test.contains(p.getKey()))) {
            return test;
        }
        String out = test;
        for (var p : patches) {
            out = out.replace(p.getKey(), p.getValue());
        }
        return out;
    }

    private static String lastLine(String s) {
        String t = s.stripTrailing();
        return t.substring(t.lastIndexOf('\n') + 1).strip();
    }
}
