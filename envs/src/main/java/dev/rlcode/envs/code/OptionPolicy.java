package dev.rlcode.envs.code;

/**
 * A frozen low-level policy that a {@link HierarchicalEnv} runs as an option: it sees exactly what an agent of an
 * {@link ExecutiveEnv} sees (the observation and the mask) and answers an action index. The envs module cannot
 * depend on the agents module, so the trained Executive (a DQN loaded from its checkpoint) is adapted to this
 * interface in {@code agents}.
 *
 * {@snippet :
 * OptionPolicy executive = (obs, mask) -> agent.greedy(obs, mask);
 * }
 */
@FunctionalInterface
public interface OptionPolicy {

    /**
     * Chooses an action.
     *
     * @param observation the {@link ExecutiveEnv} observation, length {@link ExecutiveEnv#OBS_DIM}; not modified
     * @param mask        the legal actions (true = legal); not modified
     * @return a legal action index
     */
    int act(float[] observation, boolean[] mask);
}
