package dev.rlcode.envs.code.retrieval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.envs.code.task.BundledSuite;
import dev.rlcode.envs.code.task.CodeTask;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The retrieval the synthetic model's deep repairs depend on: a task's own note must come up for its failure. */
class BundledNotesRetrievalTest {

    private static final Pattern ASSERTION = Pattern.compile("new AssertionError\\(([^;]*)\\);");

    /** The query an agent would send: the prompt plus the first assertion message of the hidden tests. */
    static String query(CodeTask task) {
        Matcher m = ASSERTION.matcher(task.hiddenTests());
        String failure = m.find() ? "AssertionError: " + m.group(1).replaceAll("[\"+]", " ") : "";
        return task.prompt() + "\n" + failure;
    }

    @Test
    void eachTaskNoteIsInTheTopThreeForItsPromptAndFailure() {
        List<CodeTask> withNotes = BundledSuite.tasks().stream().filter(t -> !t.knowledgeNoteIds().isEmpty()).toList();
        assertTrue(withNotes.size() >= 10, "bundled tasks with notes: " + withNotes.size());
        List<String> misses = new ArrayList<>();
        try (NoteIndex index = NoteIndex.of(BundledSuite.notes())) {
            for (CodeTask t : withNotes) {
                List<String> top = index.search(query(t), 3).stream().map(s -> s.note().id()).toList();
                if (top.stream().noneMatch(t.knowledgeNoteIds()::contains)) {
                    misses.add(t.id() + " wants " + t.knowledgeNoteIds() + " got " + top);
                }
            }
        }
        double hitRate = 1 - misses.size() / (double) withNotes.size();
        System.out.printf("note hit rate@3: %.3f (%d/%d)%n", hitRate, withNotes.size() - misses.size(), withNotes.size());
        misses.forEach(System.out::println);
        // Measured 34/40 = 0.85 on the suite of 2026-11-25 (the misses are notes whose words the prompt does not use);
        // this floor catches a regression of the analyzer or the scoring.
        assertTrue(hitRate >= 0.8, "hit rate@3 " + hitRate + ", misses: " + misses);
    }
}
