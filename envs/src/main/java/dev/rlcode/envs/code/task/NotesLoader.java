package dev.rlcode.envs.code.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads knowledge notes from JSONL: one object per line with {@code id}, {@code title}, {@code text} and an optional
 * {@code tags} array of strings. Blank lines are skipped.
 */
public final class NotesLoader {

    private NotesLoader() {
    }

    /**
     * @param file a {@code .jsonl} file of notes
     * @return the notes in file order
     * @throws TaskFormatException  if a row is malformed or repeats an id (message names file, line, field)
     * @throws UncheckedIOException if the file cannot be read
     */
    public static List<KnowledgeNote> load(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static List<KnowledgeNote> parse(String file, String text) {
        List<KnowledgeNote> notes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonFields row = JsonFields.parse(file, lines[i], i + 1);
            String id = row.string("id");
            if (!ids.add(id)) {
                throw row.error("id", "expected a unique id, actual '" + id + "' repeated");
            }
            notes.add(new KnowledgeNote(id, row.string("title"), row.string("text"), row.stringList("tags")));
        }
        return List.copyOf(notes);
    }
}
