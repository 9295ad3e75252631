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

    static String generate(GenerateRequest r) {
        return r.prompt() + "\n\nComplete this code:\n```java\n" + r.declaration() + "\n```" + notes(r.notes());
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
     * Extracts code from an answer: the first {@code java} fenced block, else the first fenced block of any
     * language, else the whole text (stripped).
     */
    static String extractCode(String answer) {
        Matcher m = FENCE.matcher(answer);
        String firstAny = null;
        while (m.find()) {
            String lang = m.group(1).toLowerCase(java.util.Locale.ROOT);
            if (lang.equals("java")) {
                return m.group(2).strip();
            }
            if (firstAny == null) {
                firstAny = m.group(2).strip();
            }
        }
        return firstAny != null ? firstAny : answer.strip();
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
