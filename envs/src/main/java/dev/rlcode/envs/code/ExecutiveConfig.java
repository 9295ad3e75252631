package dev.rlcode.envs.code;

/**
 * Settings of an {@link ExecutiveEnv}. The default costs were fixed before any agent was trained or evaluated: an
 * LLM call (GENERATE, DEBUG) costs five times a sandbox test run, because in a real deployment it takes seconds and
 * money while a test run takes a few hundred milliseconds.
 *
 * @param maxSteps     actions per episode before truncation (the truncated episode gets {@code failureReward})
 * @param llmCallCost  reward added for GENERATE and DEBUG (an LLM call), usually negative
 * @param testCost     reward added for TEST (a sandbox run of the test suite), usually negative
 * @param searchCost   reward added for SEARCH (a BM25 query over the notes), usually negative
 * @param successReward reward for STOP on tested code that passes the hidden tests
 * @param failureReward reward for STOP on failing, untested or missing code, and on truncation
 * @param notesPerSearch notes SEARCH retrieves ({@code k} of the BM25 query)
 */
public record ExecutiveConfig(int maxSteps, double llmCallCost, double testCost, double searchCost,
                              double successReward, double failureReward, int notesPerSearch) {

    /** Validates the fields. */
    public ExecutiveConfig {
        if (maxSteps < 2) {
            throw new IllegalArgumentException("maxSteps: expected >= 2, actual " + maxSteps);
        }
        if (notesPerSearch < 1) {
            throw new IllegalArgumentException("notesPerSearch: expected >= 1, actual " + notesPerSearch);
        }
        for (double d : new double[] {llmCallCost, testCost, searchCost, successReward, failureReward}) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("rewards: expected finite values, actual " + d);
            }
        }
    }

    /**
     * {@return the defaults: 12 steps; LLM call −0.05, test −0.01, search −0.01; +1 success, −1 failure; 3 notes}
     */
    public static ExecutiveConfig defaults() {
        return new ExecutiveConfig(12, -0.05, -0.01, -0.01, 1.0, -1.0, 3);
    }

    /** {@return a copy with another step limit} @param steps the limit */
    public ExecutiveConfig withMaxSteps(int steps) {
        return new ExecutiveConfig(steps, llmCallCost, testCost, searchCost, successReward, failureReward,
                notesPerSearch);
    }
}
