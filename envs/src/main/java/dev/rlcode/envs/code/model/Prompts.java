package dev.rlcode.envs.code.model;

import dev.rlcode.envs.code.task.KnowledgeNote;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The chat messages sent to a real LLM for each call, and the parsing of its answers. */
final class Prompts {

    static final String SYSTEM = """
            You are an expert Java 25 programmer. Answer with exactly one ```java fenced code block that holds the \
            complete compilation unit (imports and the whole class), and nothing else. Do not write a main method \
            or tests. Use only the JDK.""";

    static final String PLAN_SYSTEM = """
            You are a software architect. Split the task into 2 to 4 independent subtasks, each one a single Java \
            method that can be written and tested on its own. Answer with a numbered list, one subtask per line, \
            each line saying the method signature and what it must do.""";

    private static final Pattern FENCE = Pattern.compile("```([A-Za-z0-9_+-]*)[^\\n]*\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern NUMBERED = Pattern.compile("^\\s*(?:\\d+[.)]|[-*])\\s+(.+)$");

    private Prompts() {
    }

    /**
     * {@return a short SHA-256 of the prompts as rendered for fixed sample requests} (system texts and every
     * template): part of an answer cache's namespace, so that answers recorded for other prompts are never
     * replayed as answers to these
     */
    static String fingerprint() {
        var note = List.of(new KnowledgeNote("n", "title", "text", List.of()));
        String all = String.join("\u0000", SYSTEM, PLAN_SYSTEM,
                generate(new GenerateRequest("t", "prompt", "class A {", note)),
                repair(new RepairRequest("t", "prompt", "class A {}", "feedback", note)),
                plan(new PlanRequest("t", "prompt")),
                integrate(new IntegrateRequest("t", "prompt", List.of("class A {}", "class B {}"))));
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(all.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    static String generate(GenerateRequest r) {
        // a prompt that already shows the declaration (the bundled tasks' "Implement this class:") is not sent
        // the same code twice
        String code = r.prompt().contains(r.declaration().strip()) ? ""
                : "\n\nComplete this code:\n```java\n" + r.declaration() + "\n```";
        return r.prompt() + code + notes(r.notes());
    }

    static String repair(RepairRequest r) {
        return r.prompt() + "\n\nThis code is wrong:\n```java\n" + r.code() + "\n```\n\nTest feedback:\n"
                + r.feedback() + notes(r.notes()) + "\n\nWrite the corrected complete code.";
    }

    static String plan(PlanRequest r) {
        return r.prompt();
    }

    static String integrate(IntegrateRequest r) {
        StringBuilder sb = new StringBuilder(r.prompt()).append("\n\nThese parts are already written:\n");
        for (String part : r.subSolutions()) {
            sb.append("```java\n").append(part).append("\n```\n");
        }
        return sb.append("\nMerge them into one compilation unit that solves the task.").toString();
    }

    private static String notes(List<KnowledgeNote> notes) {
        if (notes.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n\nNotes that may help:\n");
        for (KnowledgeNote n : notes) {
            sb.append("- ").append(n.title()).append(": ").append(n.text().strip()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Extracts code from an answer: the last {@code java} (or untagged) fenced block that declares the expected
     * class (a model that sketches a draft or a helper first ends with its answer; a usage example uses the class
     * without declaring it), else the first {@code java} block, else the first fenced block of any language; an
     * answer cut off inside its block (no closing fence, e.g. at {@code max_tokens}) loses only its opening fence
     * line; else the whole text (stripped).
     *
     * @param expectedClass the class the answer should declare, or null if any
     */
    static String extractCode(String answer, String expectedClass) {
        Matcher m = FENCE.matcher(answer);
        String firstAny = null;
        String firstJava = null;
        String declaring = null;
        Pattern declares = expectedClass == null ? null
                : Pattern.compile("\\b(?:class|record|interface|enum)\\s+" + Pattern.quote(expectedClass) + "\\b");
        while (m.find()) {
            String lang = m.group(1).toLowerCase(java.util.Locale.ROOT);
            String code = m.group(2).strip();
            if (firstAny == null) {
                firstAny = code;
            }
            if (lang.equals("java") || lang.isEmpty()) {
                if (firstJava == null && lang.equals("java")) {
                    firstJava = code;
                }
                if (declares != null && declares.matcher(code).find()) {
                    declaring = code;
                }
            }
        }
        if (declaring != null) {
            return declaring;
        }
        if (firstJava != null) {
            return firstJava;
        }
        if (firstAny != null) {
            return firstAny;
        }
        int open = answer.indexOf("```");
        if (open >= 0) { // an opening fence and no closing one: the answer was cut off inside its block
            int lineEnd = answer.indexOf('\n', open);
            return lineEnd < 0 ? "" : answer.substring(lineEnd + 1).strip();
        }
        return answer.strip();
    }

    private static final Pattern CLASS_NAME =
            Pattern.compile("\\b(?:class|record|interface|enum)\\s+([A-Za-z_$][\\w$]*)");

    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n\\r]*", Pattern.DOTALL);

    /** {@return the first class, record, interface or enum {@code code} declares (comments aside), or null} */
    static String declaredClass(String code) {
        Matcher m = CLASS_NAME.matcher(COMMENT.matcher(code).replaceAll(" "));
        return m.find() ? m.group(1) : null;
    }

    /** Parses a numbered or bulleted list into items; a text with no list item is one item. */
    static List<String> parseList(String answer) {
        List<String> items = new ArrayList<>();
        for (String line : answer.lines().toList()) {
            Matcher m = NUMBERED.matcher(line);
            if (m.matches()) {
                items.add(m.group(1).strip());
            }
        }
        if (items.isEmpty() && !answer.isBlank()) {
            items.add(answer.strip());
        }
        return items;
    }
}
