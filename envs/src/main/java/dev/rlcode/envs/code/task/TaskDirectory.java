package dev.rlcode.envs.code.task;

import dev.rlcode.envs.code.sandbox.TestStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads one task or composite directory of a {@link TaskSuite}. */
final class TaskDirectory {

    private static final List<Tier> SUITE_TIERS = List.of(Tier.EASY, Tier.MEDIUM, Tier.HARD);

    private TaskDirectory() {
    }

    static CodeTask readTask(TaskSuite.Source src, String prefix, String dirName, Set<String> noteIds) {
        String file = prefix + "task.json";
        String text = src.read(file).orElseThrow(() -> new TaskFormatException(file, 0, null, "file missing"));
        JsonFields json = JsonFields.parse(file, text, 1);
        String id = json.string("id");
        if (!id.equals(dirName)) {
            throw json.error("id", "expected the directory name '" + dirName + "', actual '" + id + "'");
        }
        Tier tier = json.enumValue("tier", Tier.class, SUITE_TIERS);
        String description = json.string("prompt");
        String[] entry = entryPoint(json, "entryPoint");
        String signature = signature(json, entry[1]);
        List<String> imports = json.stringList("imports");
        List<String> notes = noteIds(json, noteIds);
        String cls = entry[0];
        String declaration = declaration(imports, cls, signature);
        String solution = javaFile(src, prefix, cls, file);
        String visible = javaFile(src, prefix, cls + "VisibleTests", file);
        String hidden = javaFile(src, prefix, cls + "HiddenTests", file);
        String prompt = description.strip() + "\n\nImplement this class:\n\n```java\n" + declaration + "```\n";
        return new CodeTask(id, tier, prompt, entry[0] + "." + entry[1], declaration, visible, hidden,
                TestStyle.TEST_METHODS, Optional.of(solution), notes, cls, cls + "VisibleTests", cls + "HiddenTests");
    }

    static CompositeTask readComposite(TaskSuite.Source src, String prefix, String dirName,
                                       Map<String, CodeTask> tasks, Set<String> noteIds) {
        String file = prefix + "composite.json";
        String text = src.read(file).orElseThrow(() -> new TaskFormatException(file, 0, null, "file missing"));
        JsonFields json = JsonFields.parse(file, text, 1);
        String id = json.string("id");
        if (!id.equals(dirName)) {
            throw json.error("id", "expected the directory name '" + dirName + "', actual '" + id + "'");
        }
        Tier tier = json.enumValue("tier", Tier.class, SUITE_TIERS);
        String description = json.string("prompt");
        List<String> partIds = json.stringList("parts");
        if (partIds.size() < CompositeTask.MIN_SUBTASKS || partIds.size() > CompositeTask.MAX_SUBTASKS) {
            throw json.error("parts", "expected " + CompositeTask.MIN_SUBTASKS + " to " + CompositeTask.MAX_SUBTASKS
                    + " task ids, actual " + partIds.size());
        }
        List<CodeTask> parts = new ArrayList<>();
        for (String partId : partIds) {
            CodeTask part;
            if (src.read(prefix + partId + "/task.json").isPresent()) {
                part = readTask(src, prefix + partId + "/", partId, noteIds);
            } else if (tasks.containsKey(partId)) {
                part = tasks.get(partId);
            } else {
                throw json.error("parts", "expected ids of tasks in tasks/ or in this directory, actual '"
                        + partId + "'");
            }
            if (parts.stream().anyMatch(p -> p.solutionClassName().equals(part.solutionClassName()))) {
                throw json.error("parts", "expected parts with distinct class names, actual "
                        + part.solutionClassName() + " twice");
            }
            parts.add(part);
        }
        String[] entry = entryPoint(json, "entryPoint");
        if (parts.stream().anyMatch(p -> p.solutionClassName().equals(entry[0]))) {
            throw json.error("entryPoint", "expected a class other than the parts' classes, actual " + entry[0]);
        }
        String signature = signature(json, entry[1]);
        List<String> imports = json.stringList("imports");
        List<String> notes = noteIds(json, noteIds);
        String cls = entry[0];
        String declaration = declaration(imports, cls, signature);
        String top = javaFile(src, prefix, cls, file);
        String tests = javaFile(src, prefix, cls + "IntegrationTests", file);

        Map<String, String> signatures = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>();
        StringBuilder prompt = new StringBuilder(description.strip()).append("\n\nParts:\n");
        for (CodeTask p : parts) {
            String partSignature = signatureLine(p.declaration());
            signatures.put(p.entryPoint(), partSignature);
            sources.add(p.referenceSolution().orElseThrow());
            prompt.append("- class ").append(p.solutionClassName()).append(": ").append(partSignature).append('\n');
        }
        sources.add(top);
        prompt.append("\nTop level:\n\n```java\n").append(declaration).append("```\n");
        return new CompositeTask(id, tier, prompt.toString(), parts, entry[0] + "." + entry[1], cls, declaration,
                tests, cls + "IntegrationTests", SourceMerger.merge(sources), new LinkedHashMap<>(signatures), notes);
    }

    /** {@return the declaration stub: imports, the public class, the signature with a throwing body} */
    static String declaration(List<String> imports, String cls, String signature) {
        StringBuilder sb = new StringBuilder();
        imports.forEach(i -> sb.append("import ").append(i).append(";\n"));
        if (!imports.isEmpty()) {
            sb.append('\n');
        }
        return sb.append("public class ").append(cls).append(" {\n    ").append(signature)
                .append(" {\n        throw new UnsupportedOperationException(\"not implemented\");\n    }\n}\n")
                .toString();
    }

    /** {@return the signature line of a declaration built by {@link #declaration}} */
    private static String signatureLine(String declaration) {
        for (String line : declaration.split("\n")) {
            String s = line.strip();
            if (s.startsWith("public static") && s.endsWith("{")) {
                return s.substring(0, s.length() - 1).strip();
            }
        }
        throw new IllegalStateException("no signature in declaration");
    }

    private static String[] entryPoint(JsonFields json, String field) {
        String ep = json.string(field);
        int dot = ep.indexOf('.');
        if (dot < 0 || !CodeTask.isIdentifier(ep.substring(0, dot)) || !CodeTask.isIdentifier(ep.substring(dot + 1))) {
            throw json.error(field, "expected Class.method, actual '" + ep + "'");
        }
        return new String[] {ep.substring(0, dot), ep.substring(dot + 1)};
    }

    private static String signature(JsonFields json, String method) {
        // one line however it was written: the prompt and the declaration stub show it as one
        String sig = json.string("signature").strip().replaceAll("\\s+", " ").replace("( ", "(")
                .replace(" )", ")");
        if (!sig.startsWith("public static ") || !sig.matches("(?s).*\\b" + java.util.regex.Pattern.quote(method)
                + "\\s*\\(.*\\)\\s*(throws [\\w., ]+)?")) {
            throw json.error("signature", "expected 'public static <type> " + method + "(...)', actual '" + sig + "'");
        }
        return sig;
    }

    private static List<String> noteIds(JsonFields json, Set<String> known) {
        List<String> ids = json.stringList("noteIds");
        if (!known.isEmpty()) {
            for (String id : ids) {
                if (!known.contains(id)) {
                    throw json.error("noteIds", "expected ids of notes in notes/notes.jsonl, actual '" + id + "'");
                }
            }
        }
        return ids;
    }

    private static String javaFile(TaskSuite.Source src, String prefix, String cls, String jsonFile) {
        String file = prefix + cls + ".java";
        String text = src.read(file).orElseThrow(() -> new TaskFormatException(file, 0, null,
                "file missing (expected by " + jsonFile + ")"));
        if (!java.util.regex.Pattern.compile("\\bclass\\s+" + java.util.regex.Pattern.quote(cls) + "\\b").matcher(text)
                .find()) {
            throw new TaskFormatException(file, 1, null, "expected to declare class " + cls + ", actual none");
        }
        return text;
    }
}
