package dev.rlcode.envs.code.model.mutation;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A replacement of the characters {@code [start, end)} of a source by {@code replacement}.
 *
 * @param start       first replaced char index, inclusive
 * @param end         last replaced char index, exclusive ({@code end == start} inserts)
 * @param replacement the new text
 */
public record Edit(int start, int end, String replacement) {

    /** Validates the range. */
    public Edit {
        Objects.requireNonNull(replacement, "replacement");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("edit range: expected 0 <= start <= end, actual [" + start + ", " + end + ")");
        }
    }

    /** {@return whether the two edits touch a common character (or insert at the same place)} @param o the other */
    public boolean overlaps(Edit o) {
        return start < o.end && o.start < end || start == o.start;
    }

    /**
     * Applies non-overlapping edits to a source.
     *
     * @param source the original text
     * @param edits  edits against {@code source}, pairwise non-overlapping
     * @return the edited text
     * @throws IllegalArgumentException if two edits overlap or one lies outside the source
     */
    public static String applyAll(String source, List<Edit> edits) {
        List<Edit> sorted = edits.stream().sorted(Comparator.comparingInt(Edit::start).reversed()).toList();
        StringBuilder sb = new StringBuilder(source);
        Edit previous = null;
        for (Edit e : sorted) {
            if (e.end > source.length()) {
                throw new IllegalArgumentException("edit end: expected <= " + source.length() + ", actual " + e.end);
            }
            if (previous != null && e.overlaps(previous)) {
                throw new IllegalArgumentException("edits: expected non-overlapping, actual " + e + " and " + previous);
            }
            sb.replace(e.start, e.end, e.replacement);
            previous = e;
        }
        return sb.toString();
    }
}
