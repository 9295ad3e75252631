package dev.rlcode.envs.code.model;

/**
 * Behaviour of the {@link SyntheticCodeModel}. The defaults were set before any agent was trained against it,
 * from published pass@1 figures of 7B-class code models (roughly 40-60% on HumanEval) and the common observation
 * that feedback fixes most shallow bugs but rarely a missing piece of domain knowledge.
 *
 * @param seed                 seed of every random choice (same seed and same calls give the same answers)
 * @param pCorrectEasy         probability that generate emits the reference on an EASY task
 * @param pCorrectMedium       … on a MEDIUM task
 * @param pCorrectHard         … on a HARD task
 * @param pCorrectOther        … on an untiered task (external datasets)
 * @param shallowWeight        probability that an injected fault is shallow when the task has both kinds
 * @param pSecondFaultHard     probability that generate injects a second fault on a HARD task
 * @param pFixShallow          probability that repair removes a shallow fault
 * @param pFixDeepWithNote     probability that repair removes a deep fault when a task note is in the context
 *                             (without the note a deep fault is never fixed by repair)
 * @param pNewFaultOnFailedFix probability that a repair that failed replaces the fault by another one
 * @param pBreakOnRepair       probability that repair adds a new fault (to correct code, or on top of a fix)
 * @param pPlanDrop            probability that plan drops one subtask
 * @param pPlanMerge           probability that plan merges two adjacent subtasks into one
 * @param pIntegrateMismatch   probability that integrate introduces an interface mismatch (renamed call or swapped
 *                             arguments of a call into a subtask class)
 * @param baseLatencyMillis    simulated latency of a call before the first token
 * @param millisPerToken       simulated latency per output token
 */
public record SyntheticModelConfig(long seed, double pCorrectEasy, double pCorrectMedium, double pCorrectHard,
                                   double pCorrectOther, double shallowWeight, double pSecondFaultHard,
                                   double pFixShallow, double pFixDeepWithNote, double pNewFaultOnFailedFix,
                                   double pBreakOnRepair, double pPlanDrop, double pPlanMerge,
                                   double pIntegrateMismatch, long baseLatencyMillis, double millisPerToken) {

    /** Validates that each probability lies in [0, 1] and the latencies are non-negative. */
    public SyntheticModelConfig {
        double[] ps = {pCorrectEasy, pCorrectMedium, pCorrectHard, pCorrectOther, shallowWeight, pSecondFaultHard,
                pFixShallow, pFixDeepWithNote, pNewFaultOnFailedFix, pBreakOnRepair, pPlanDrop, pPlanMerge,
                pIntegrateMismatch};
        for (double p : ps) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability: expected in [0, 1], actual " + p);
            }
        }
        if (baseLatencyMillis < 0 || millisPerToken < 0) {
            throw new IllegalArgumentException("latency: expected >= 0, actual base=" + baseLatencyMillis
                    + " perToken=" + millisPerToken);
        }
    }

    /**
     * The defaults: correct first try 0.6 / 0.4 / 0.25 (EASY / MEDIUM / HARD) and 0.45 untiered; faults 60% shallow;
     * a second fault on 30% of HARD failures; repair fixes a shallow fault 70% of the time and a deep one 75% with
     * its note; a failed repair swaps in another fault 30% of the time; repair breaks code 5% of the time; plan drops
     * or merges a subtask 10% of the time each; integrate mismatches an interface 15% of the time; 400 ms + 15 ms per
     * token.
     *
     * @param seed the seed
     * @return the config
     */
    public static SyntheticModelConfig defaults(long seed) {
        return new SyntheticModelConfig(seed, 0.6, 0.4, 0.25, 0.45, 0.6, 0.3, 0.7, 0.75, 0.3, 0.05, 0.1, 0.1, 0.15,
                400, 15.0);
    }

    /** {@return a copy with another seed} @param newSeed the seed */
    public SyntheticModelConfig withSeed(long newSeed) {
        return new SyntheticModelConfig(newSeed, pCorrectEasy, pCorrectMedium, pCorrectHard, pCorrectOther,
                shallowWeight, pSecondFaultHard, pFixShallow, pFixDeepWithNote, pNewFaultOnFailedFix, pBreakOnRepair,
                pPlanDrop, pPlanMerge, pIntegrateMismatch, baseLatencyMillis, millisPerToken);
    }
}
