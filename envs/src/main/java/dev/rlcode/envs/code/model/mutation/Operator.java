package dev.rlcode.envs.code.model.mutation;

/** A mutation operator: a family of small source edits that mimic a coder's mistakes. */
public enum Operator {
    /** {@code <} ↔ {@code <=}, {@code >} ↔ {@code >=}, {@code <} ↔ {@code >}, {@code ==} ↔ {@code !=}. */
    RELATIONAL_SWAP,
    /** {@code +} ↔ {@code -}, {@code *} ↔ {@code /}, {@code %} → {@code /}, {@code +=} ↔ {@code -=}, {@code ++} ↔ {@code --}. */
    ARITHMETIC_SWAP,
    /** An integer literal ±1, or a loop bound {@code i < n} → {@code i < n - 1} / {@code n + 1}. */
    OFF_BY_ONE,
    /** The condition of an {@code if}, loop or {@code ?:} negated. */
    NEGATE_CONDITION,
    /** An expression statement, {@code break}/{@code continue}, or an {@code if} without {@code else} deleted. */
    DROP_STATEMENT,
    /** Two adjacent arguments of a call or constructor swapped. */
    SWAP_ARGUMENTS,
    /** A literal return value changed: {@code true} ↔ {@code false}, a number → 0 or 1, {@code ""} → {@code " "}. */
    EDGE_RETURN
}
