package dev.rlcode.envs.code.model.mutation;

/** How visible a fault is to the coder. */
public enum FaultClass {
    /** The visible tests (or compiling with them) show it: repair with feedback can fix it. */
    SHALLOW,
    /** Only the hidden tests show it: a repair needs the knowledge the task's note names. */
    DEEP
}
