package dev.rlcode.envs.code;

/** The actions of an {@link ExecutiveEnv}; {@link #ordinal()} is the action index of its {@code Discrete(5)} space. */
public enum ExecutiveAction {
    /** Ask the code model for a fresh solution (an LLM call). */
    GENERATE,
    /** Run the task's unit-test suite (visible, then hidden tests) on the current code in the sandbox. */
    TEST,
    /** Ask the code model to repair the current code with the last test's feedback (an LLM call). */
    DEBUG,
    /** Retrieve notes for the prompt and the last feedback; they stay in context for later DEBUGs. */
    SEARCH,
    /** End the episode; the current code is judged by the hidden tests. */
    STOP;

    private static final ExecutiveAction[] VALUES = values();

    /** {@return the action with index {@code i}} @throws IndexOutOfBoundsException if out of range */
    public static ExecutiveAction of(int i) {
        return VALUES[java.util.Objects.checkIndex(i, VALUES.length)];
    }

    /** {@return the lower-case name used in traces and templates, e.g. {@code "debug"}} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
