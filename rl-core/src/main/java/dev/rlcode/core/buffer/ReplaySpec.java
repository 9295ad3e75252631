package dev.rlcode.core.buffer;

/**
 * Shape and return settings of a replay buffer: what one transition holds and how n-step returns are formed.
 *
 * {@snippet :
 * ReplaySpec spec = ReplaySpec.of(10_000, 4, 2, 0.99);            // CartPole, 1-step, no masks
 * ReplaySpec masked = ReplaySpec.of(50_000, 12, 5, 0.99).withMasks(true).withNStep(3).withNumEnvs(8);
 * }
 *
 * @param capacity   transitions kept (the oldest are overwritten), {@code >= 1}; CleanRL/SB3 {@code bufferSize}
 * @param obsDim     floats per observation, {@code >= 1}
 * @param numActions number of discrete actions, {@code >= 1}; the width of a next-state action mask
 * @param masked     whether transitions carry the legal-action mask of the state bootstrapped from
 * @param nStep      steps summed into one stored return, {@code >= 1}; 1 is ordinary 1-step replay
 * @param gamma      discount factor in {@code [0, 1]}
 * @param numEnvs    independent transition streams (one per env of a vector env), {@code >= 1}; each has its own
 *                   n-step window, so episodes of different envs never mix
 */
public record ReplaySpec(int capacity, int obsDim, int numActions, boolean masked, int nStep, double gamma,
                         int numEnvs) {

    public ReplaySpec {
        require(capacity >= 1, "capacity", ">= 1", capacity);
        require(obsDim >= 1, "obsDim", ">= 1", obsDim);
        require(numActions >= 1, "numActions", ">= 1", numActions);
        require(nStep >= 1, "nStep", ">= 1", nStep);
        require(gamma >= 0 && gamma <= 1, "gamma", "in [0, 1]", gamma);
        require(numEnvs >= 1, "numEnvs", ">= 1", numEnvs);
        require((long) capacity * Math.max(obsDim, numActions) <= Integer.MAX_VALUE - 8, "capacity * max(obsDim, "
                + "numActions)", "to fit one Java array", (long) capacity * Math.max(obsDim, numActions));
    }

    private static void require(boolean ok, String what, String expected, Object actual) {
        if (!ok) throw new IllegalArgumentException("replay " + what + ": expected " + expected + ", actual " + actual);
    }

    /**
     * {@return a 1-step, unmasked, single-env spec}
     *
     * @throws IllegalArgumentException if an argument is out of range (see the record components)
     */
    public static ReplaySpec of(int capacity, int obsDim, int numActions, double gamma) {
        return new ReplaySpec(capacity, obsDim, numActions, false, 1, gamma, 1);
    }

    /** {@return a copy with {@code masked} replaced} */
    public ReplaySpec withMasks(boolean masked) {
        return new ReplaySpec(capacity, obsDim, numActions, masked, nStep, gamma, numEnvs);
    }

    /**
     * {@return a copy with {@code nStep} replaced}
     *
     * @throws IllegalArgumentException if {@code nStep < 1}
     */
    public ReplaySpec withNStep(int nStep) {
        return new ReplaySpec(capacity, obsDim, numActions, masked, nStep, gamma, numEnvs);
    }

    /**
     * {@return a copy with {@code numEnvs} replaced}
     *
     * @throws IllegalArgumentException if {@code numEnvs < 1}
     */
    public ReplaySpec withNumEnvs(int numEnvs) {
        return new ReplaySpec(capacity, obsDim, numActions, masked, nStep, gamma, numEnvs);
    }
}
