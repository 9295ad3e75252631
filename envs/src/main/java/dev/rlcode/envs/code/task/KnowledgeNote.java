package dev.rlcode.envs.code.task;

import java.util.List;

/**
 * One entry of the retrieval corpus: a short note on a Java API fact or edge case, written by us.
 *
 * @param id    unique id, e.g. {@code java-abs-min-value}; tasks point at notes through
 *              {@link CodeTask#knowledgeNoteIds()}
 * @param title one line
 * @param text  the note itself, a few sentences, possibly with a code snippet
 * @param tags  lower-case keywords, possibly empty
 */
public record KnowledgeNote(String id, String title, String text, List<String> tags) {

    /**
     * @throws NullPointerException     if any component is null
     * @throws IllegalArgumentException if {@code id}, {@code title} or {@code text} is blank
     */
    public KnowledgeNote {
        CodeTask.requireNonBlank(id, "id");
        CodeTask.requireNonBlank(title, "title");
        CodeTask.requireNonBlank(text, "text");
        tags = List.copyOf(tags);
    }
}
