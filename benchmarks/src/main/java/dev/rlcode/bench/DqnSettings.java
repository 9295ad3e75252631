package dev.rlcode.bench;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DQN hyperparameter sets the benchmarks compare against peers: RL4J's CartPole setup, CleanRL's
 * {@code dqn.py} and the SB3-zoo CartPole preset. Each has evaluation reduced to one final episode and no periodic
 * evaluation, checkpoints or progress lines, so a run measures training only.
 */
public enum DqnSettings {

    /**
     * RL4J's {@code QLearningDiscreteDense} as the peers' harness ran it: 4-64-64-2 ReLU MLP, MSE loss, Adam 1e-3,
     * batch 64, replay 50k, γ 0.99, hard target update every 500 steps, Double DQN, one gradient step per env step
     * after 1000 warm-up steps, ε 1 → 0.05 over 10k steps, no gradient clipping.
     */
    RL4J("RL4J-like: 4-64-64-2, batch 64, 1 grad step/env step"),
    /** CleanRL's {@code dqn.py} defaults: MLP 120-84, batch 128, train every 10 steps, learning starts at 10k. */
    CLEANRL("CleanRL dqn.py: 120-84, batch 128, train every 10"),
    /** {@link DqnConfig#cartPole()}: SB3-zoo tuned, 256-256 dueling Double DQN, 128 grad steps every 256 steps. */
    CARTPOLE("SB3-zoo preset: 256-256 dueling, batch 64, 128 grad steps/256 steps");

    private final String description;

    DqnSettings(String description) {
        this.description = description;
    }

    /** {@return a one-line description of the setting} */
    public String description() {
        return description;
    }

    /**
     * {@return the config for a run of {@code totalTimesteps} env steps}
     *
     * @param learningStarts warm-up steps, or a negative number for the setting's own
     */
    public DqnConfig config(long totalTimesteps, long learningStarts) {
        Map<String, Object> o = new LinkedHashMap<>();
        DqnConfig base = switch (this) {
            case RL4J -> {
                o.put("hidden", "64,64");
                o.put("dueling", false);
                o.put("doubleQ", true);
                o.put("loss", "mse");
                o.put("learningRate", 1e-3);
                o.put("bufferSize", 50_000);
                o.put("gamma", 0.99);
                o.put("tau", 1.0);
                o.put("targetNetworkFrequency", 500);
                o.put("batchSize", 64);
                o.put("endE", 0.05);
                // RL4J anneals ε over 10k steps whatever the run length.
                o.put("explorationFraction", Math.min(1.0, 10_000.0 / totalTimesteps));
                o.put("learningStarts", 1_000);
                o.put("trainFrequency", 1);
                o.put("gradientSteps", 1);
                o.put("maxGradNorm", 0.0);
                yield DqnConfig.cartPole();
            }
            case CLEANRL -> DqnConfig.cleanRl();
            case CARTPOLE -> DqnConfig.cartPole();
        };
        o.put("totalTimesteps", totalTimesteps);
        if (learningStarts >= 0) o.put("learningStarts", learningStarts);
        o.put("evalFrequency", 0);
        o.put("evalEpisodes", 1);
        o.put("checkpointFrequency", 0);
        o.put("logFrequency", Long.MAX_VALUE);
        return ConfigOverrides.apply(base, o);
    }

    /** {@return the setting's config for {@code totalTimesteps} steps with its own learningStarts} */
    public DqnConfig config(long totalTimesteps) {
        return config(totalTimesteps, -1);
    }
}
