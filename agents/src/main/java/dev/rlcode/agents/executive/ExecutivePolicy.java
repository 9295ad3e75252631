package dev.rlcode.agents.executive;

import dev.rlcode.envs.code.ExecutiveEnv;

/**
 * A policy for an {@link ExecutiveEnv}. Learned policies read only the observation and the mask; baselines may read
 * the env (the oracle reads the code model's ground truth through it).
 */
@FunctionalInterface
public interface ExecutivePolicy {

    /**
     * Chooses an action.
     *
     * @param env  the env, in the state the observation describes
     * @param obs  the observation
     * @param mask the legal actions (true = legal)
     * @return a legal action index
     */
    int act(ExecutiveEnv env, float[] obs, boolean[] mask);

    /** Called before each episode with its reset seed (stateful or random policies reset here). */
    default void beginEpisode(long seed) {
    }
}
