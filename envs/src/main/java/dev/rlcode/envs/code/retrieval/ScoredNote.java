package dev.rlcode.envs.code.retrieval;

import dev.rlcode.envs.code.task.KnowledgeNote;
import java.util.Objects;

/**
 * A note returned by a search, with its BM25 score and rank.
 *
 * @param note  the note
 * @param score the BM25 score (higher is better; only comparable within one query)
 * @param rank  0-based position in the result list
 */
public record ScoredNote(KnowledgeNote note, float score, int rank) {

    /** Validates the fields. */
    public ScoredNote {
        Objects.requireNonNull(note, "note");
        if (rank < 0) {
            throw new IllegalArgumentException("rank: expected >= 0, actual " + rank);
        }
    }
}
