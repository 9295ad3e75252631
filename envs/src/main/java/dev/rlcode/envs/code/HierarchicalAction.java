package dev.rlcode.envs.code;

/**
 * The actions of a {@link HierarchicalEnv}; {@link #ordinal()} is the action index of its {@code Discrete(6)} space.
 */
public enum HierarchicalAction {
    /** Ask the code model to split the composite prompt into subtask prompts (an LLM call). */
    PLAN,
    /** Run the frozen Executive as an option on the next planned subtask that has not passed its tests. */
    EXECUTE_NEXT,
    /** Ask the code model to merge the sub-solutions into one compilation unit (an LLM call). */
    INTEGRATE,
    /** Run the frozen Executive in evaluation mode on the integrated code against the integration tests. */
    EVALUATE,
    /** Discard the plan, the sub-solutions and the integrated code, and plan again (an LLM call). */
    REPLAN,
    /** End the episode; the integrated code is judged by the integration tests. */
    STOP;

    private static final HierarchicalAction[] VALUES = values();

    /** {@return the action with index {@code i}} @throws IndexOutOfBoundsException if out of range */
    public static HierarchicalAction of(int i) {
        return VALUES[java.util.Objects.checkIndex(i, VALUES.length)];
    }

    /** {@return the lower-case name used in traces, e.g. {@code "execute_next"}} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
