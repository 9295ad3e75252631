package dev.rlcode.envs.code.model.mutation;

/** What running a candidate against a test source gave; everything but {@link #PASSED} kills a mutant. */
public enum Outcome {
    /** Compiled and every test passed. */
    PASSED,
    /** The candidate and the tests did not compile together. */
    COMPILE_ERROR,
    /** A test failed or threw. */
    FAILED,
    /** A test ran past its time limit (typically a mutated loop bound). */
    TIMEOUT,
    /** The runner died or refused the code. */
    CRASHED
}
