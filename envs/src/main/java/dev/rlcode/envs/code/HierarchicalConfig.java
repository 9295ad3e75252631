package dev.rlcode.envs.code;

import java.util.Objects;

/**
 * Settings of a {@link HierarchicalEnv}. The costs are the {@link ExecutiveEnv}'s, charged per LLM call, test run and
 * note search that an action causes (an option pays for every call its Executive makes), so a high-level episode's
 * cost is comparable with a flat one. They were fixed before any agent was trained.
 *
 * @param maxSteps      high-level actions per episode before truncation
 * @param llmCallCost   reward added per LLM call (PLAN, INTEGRATE, REPLAN, and each GENERATE or DEBUG inside an
 *                      option), usually negative
 * @param testCost      reward added per sandbox test run inside an option, usually negative
 * @param searchCost    reward added per note search inside an option, usually negative
 * @param successReward reward for STOP when the integrated code passes the integration tests
 * @param failureReward reward for STOP otherwise (failing or missing integrated code), and on truncation
 * @param executive     the settings of the Executive's option episodes (their step limit bounds an option)
 */
public record HierarchicalConfig(int maxSteps, double llmCallCost, double testCost, double searchCost,
                                 double successReward, double failureReward, ExecutiveConfig executive) {

    /** Validates the fields. */
    public HierarchicalConfig {
        if (maxSteps < 2) {
            throw new IllegalArgumentException("maxSteps: expected >= 2, actual " + maxSteps);
        }
        for (double d : new double[] {llmCallCost, testCost, searchCost, successReward, failureReward}) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("rewards: expected finite values, actual " + d);
            }
        }
        Objects.requireNonNull(executive, "executive");
    }

    /**
     * {@return the defaults: 24 steps; per LLM call −0.05, per test run −0.01, per search −0.01; +1 success, −1
     * failure; the Executive's defaults for the options}
     */
    public static HierarchicalConfig defaults() {
        return of(ExecutiveConfig.defaults());
    }

    /** {@return the defaults with the costs and rewards taken from an Executive's settings} @param e the settings */
    public static HierarchicalConfig of(ExecutiveConfig e) {
        return new HierarchicalConfig(24, e.llmCallCost(), e.testCost(), e.searchCost(), e.successReward(),
                e.failureReward(), e);
    }

    /** {@return a copy with another step limit} @param steps the limit */
    public HierarchicalConfig withMaxSteps(int steps) {
        return new HierarchicalConfig(steps, llmCallCost, testCost, searchCost, successReward, failureReward, executive);
    }
}
