package dev.rlcode.envs.code.task;

/**
 * The difficulty tier of a task: the bundled suite has three, external datasets have {@link #NONE}.
 */
public enum Tier {
    /** String and array basics. */
    EASY,
    /** Collections, parsing, and arithmetic with edge cases. */
    MEDIUM,
    /** Algorithms: intervals, dynamic programming, graphs, expression parsing, big numbers, dates. */
    HARD,
    /** No tier assigned (external datasets such as HumanEval-X). */
    NONE
}
