package dev.rlcode.envs.code.retrieval;

import java.util.List;
import java.util.Objects;

/**
 * One knowledge note: a short text the coder can read in its context (a Java API fact, an edge case,
 * the knowledge a task needs).
 *
 * @param id    stable identifier, unique within a corpus (task notes are named by the tasks that cite them)
 * @param title one-line title; indexed with a higher weight than the text
 * @param text  the note itself, plain text or Markdown
 * @param tags  free keywords, indexed like the title
 */
public record Note(String id, String title, String text, List<String> tags) {

    /** Validates the fields and copies the tags. */
    public Note {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        if (id.isBlank()) {
            throw new IllegalArgumentException("note id: expected a non-blank string, actual \"" + id + "\"");
        }
        tags = List.copyOf(tags);
    }
}
