package dev.rlcode.envs.code.model.mutation;

import java.util.Objects;

/**
 * One mutant of a reference solution.
 *
 * @param operator    the operator that made it
 * @param edit        the edit against the reference source
 * @param line        1-based line of the edit in the reference
 * @param description what changed, e.g. {@code "line 7: '<' -> '<='"}
 * @param source      the full mutated source
 */
public record Mutant(Operator operator, Edit edit, int line, String description, String source) {

    /** Validates the fields. */
    public Mutant {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(edit, "edit");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
    }
}
