package dev.rlcode.agents.hier;

import dev.rlcode.envs.code.HierarchicalEnv;

/**
 * A policy for a {@link HierarchicalEnv}. Learned policies read only the observation and the mask; baselines may read
 * the env (the oracle reads the plan and the code model's ground truth through it).
 */
@FunctionalInterface
public interface HierarchicalPolicy {

    /**
     * Chooses an action.
     *
     * @param env  the env, in the state the observation describes
     * @param obs  the observation
     * @param mask the legal actions (true = legal)
     * @return a legal action index
     */
    int act(HierarchicalEnv env, float[] obs, boolean[] mask);

    /** Called before each episode with its reset seed (stateful or random policies reset here). */
    default void beginEpisode(long seed) {
    }
}
