package dev.rlcode.agents.dqn;

import java.util.Arrays;

/**
 * Every hyperparameter of a DQN run, with CleanRL/SB3 names in camelCase so papers, CleanRL's {@code dqn.py},
 * SB3's {@code DQN} and this record map one to one. Validated on construction; per-environment presets are static
 * factories ({@link #cartPole()}, {@link #mountainCar()}, {@link #acrobot()}, {@link #gridWorld()}).
 *
 * @param envId                  environment id, e.g. {@code CartPole-v1}
 * @param seed                   seed of everything random in the run (network init, exploration, replay, env resets)
 * @param totalTimesteps         number of environment steps to train for
 * @param learningRate           Adam step size
 * @param bufferSize             replay capacity, in transitions
 * @param gamma                  discount factor
 * @param tau                    target update coefficient: target ← τ·online + (1−τ)·target; 1 = hard copy
 * @param targetNetworkFrequency env steps between target updates
 * @param batchSize              transitions per gradient step
 * @param startE                 initial exploration ε
 * @param endE                   final exploration ε
 * @param explorationFraction    fraction of totalTimesteps over which ε decays linearly from startE to endE
 * @param learningStarts         env steps of pure exploration before training starts
 * @param trainFrequency         env steps between training phases
 * @param gradientSteps          gradient steps per training phase (SB3's {@code gradient_steps})
 * @param hidden                 hidden layer widths of the Q-network
 * @param doubleQ                Double DQN target (van Hasselt et al. 2016): argmax by the online net, value by the target net
 * @param dueling                dueling head (Wang et al. 2016)
 * @param prioritized            proportional prioritized replay (Schaul et al. 2016)
 * @param nStep                  n-step returns (1 = plain TD)
 * @param loss                   {@code huber} (SB3) or {@code mse} (CleanRL)
 * @param maxGradNorm            global gradient-norm clip; 0 disables (SB3 uses 10)
 * @param masking                use the env's action mask when acting and in targets (needs an ActionMasked env);
 *                               false on a masked env needs it wrapped in IllegalActionNoOp, whose step accepts
 *                               illegal actions (a masked env's step refuses them)
 * @param perAlpha               prioritization exponent α
 * @param perBeta0               initial importance-sampling exponent β, annealed to 1 over the run
 * @param perEps                 priority floor ε added to |δ|
 * @param evalEpisodes           deterministic evaluation episodes at the end of training
 * @param evalFrequency          env steps between periodic evaluations during training (0 = none); the best
 *                               periodic policy is kept, like SB3's EvalCallback {@code best_model}
 * @param evalDuringEpisodes     episodes per periodic evaluation (on seeds disjoint from the final evaluation's)
 * @param checkpointFrequency    env steps between checkpoints (0 = only at the end); taken at the next episode end
 * @param logFrequency           env steps between progress lines
 * @param numEnvs                envs stepped together, each on its own episode (SB3's {@code n_envs}); every env
 *                               step counts toward {@code totalTimesteps} and the other step-based settings, as SB3
 *                               counts total timesteps, learning starts and the target interval; SB3's
 *                               {@code train_freq} instead counts vector steps, so {@code trainFrequency=4} with 4
 *                               envs trains 4 times as often here as there. Envs that wait (sandbox runs, LLM
 *                               calls) are stepped concurrently, on virtual threads. 1 (every preset) is the plain
 *                               single-env loop
 */
public record DqnConfig(
        String envId,
        long seed,
        long totalTimesteps,
        double learningRate,
        int bufferSize,
        double gamma,
        double tau,
        int targetNetworkFrequency,
        int batchSize,
        double startE,
        double endE,
        double explorationFraction,
        long learningStarts,
        int trainFrequency,
        int gradientSteps,
        int[] hidden,
        boolean doubleQ,
        boolean dueling,
        boolean prioritized,
        int nStep,
        String loss,
        double maxGradNorm,
        boolean masking,
        double perAlpha,
        double perBeta0,
        double perEps,
        int evalEpisodes,
        long evalFrequency,
        int evalDuringEpisodes,
        long checkpointFrequency,
        long logFrequency,
        int numEnvs) {

    public DqnConfig {
        require(envId != null && !envId.isBlank(), "envId", "a non-empty environment id", envId);
        require(totalTimesteps >= 1, "totalTimesteps", ">= 1", totalTimesteps);
        require(learningRate > 0 && learningRate < 1, "learningRate", "in (0, 1)", learningRate);
        require(bufferSize >= 1, "bufferSize", ">= 1", bufferSize);
        require(gamma >= 0 && gamma <= 1, "gamma", "in [0, 1]", gamma);
        require(tau > 0 && tau <= 1, "tau", "in (0, 1]", tau);
        require(targetNetworkFrequency >= 1, "targetNetworkFrequency", ">= 1", targetNetworkFrequency);
        require(batchSize >= 1 && batchSize <= bufferSize, "batchSize", "in [1, bufferSize]", batchSize);
        require(startE >= 0 && startE <= 1, "startE", "in [0, 1]", startE);
        require(endE >= 0 && endE <= 1, "endE", "in [0, 1]", endE);
        require(explorationFraction > 0 && explorationFraction <= 1, "explorationFraction", "in (0, 1]", explorationFraction);
        require(learningStarts >= 0, "learningStarts", ">= 0", learningStarts);
        require(trainFrequency >= 1, "trainFrequency", ">= 1", trainFrequency);
        require(gradientSteps >= 1, "gradientSteps", ">= 1", gradientSteps);
        require(hidden != null && Arrays.stream(hidden).allMatch(h -> h >= 1), "hidden", "a list of widths >= 1",
                Arrays.toString(hidden));
        require(nStep >= 1, "nStep", ">= 1", nStep);
        require("huber".equals(loss) || "mse".equals(loss), "loss", "huber or mse", loss);
        require(maxGradNorm >= 0, "maxGradNorm", ">= 0 (0 disables)", maxGradNorm);
        require(perAlpha >= 0, "perAlpha", ">= 0", perAlpha);
        require(perBeta0 >= 0 && perBeta0 <= 1, "perBeta0", "in [0, 1]", perBeta0);
        require(perEps > 0, "perEps", "> 0", perEps);
        require(evalEpisodes >= 0, "evalEpisodes", ">= 0", evalEpisodes);
        require(evalFrequency >= 0, "evalFrequency", ">= 0", evalFrequency);
        require(evalDuringEpisodes >= 1, "evalDuringEpisodes", ">= 1", evalDuringEpisodes);
        require(checkpointFrequency >= 0, "checkpointFrequency", ">= 0", checkpointFrequency);
        require(logFrequency >= 1, "logFrequency", ">= 1", logFrequency);
        require(numEnvs >= 1, "numEnvs", ">= 1", numEnvs);
        hidden = hidden.clone();
    }

    private static void require(boolean ok, String key, String expected, Object actual) {
        if (!ok) throw new IllegalArgumentException(key + ": expected " + expected + ", actual " + actual);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /**
     * CartPole-v1, Double + Dueling DQN, after the SB3 zoo's tuned DQN (batch 64, 256-256, train every 256 steps
     * with 128 gradient steps, target every 10 steps, ε 1→0.04 over 16%, 1000 warm-up steps, 50k steps; the zoo
     * reports a mean return of 500) with one change: learning rate 1e-3 instead of the zoo's 2.3e-3. With 2.3e-3
     * the final evaluation gave 480.7, 500, 500, 500 on seeds 4–7; with 1e-3 it gave 500 on each, and 499.3–500 on
     * seeds 8–10. The choice was made on seeds 4–7, not on seeds 1–3 that the learning test asserts on.
     * Periodic evaluation every 5,000 steps keeps the best network (the final network alone is not always the best:
     * DQN on CartPole oscillates after it first reaches 500).
     */
    public static DqnConfig cartPole() {
        return new DqnConfig("CartPole-v1", 1, 50_000, 1e-3, 100_000, 0.99, 1.0, 10, 64, 1.0, 0.04, 0.16,
                1_000, 256, 128, new int[] {256, 256}, true, true, false, 1, "huber", 10.0, false,
                0.6, 0.4, 1e-6, 100, 5_000, 10, 10_000, 1_000, 1);
    }

    /** CleanRL's {@code dqn.py} defaults on CartPole-v1 (vanilla DQN, MLP 120-84, MSE, batch 128, train every 10). */
    public static DqnConfig cleanRl() {
        return new DqnConfig("CartPole-v1", 1, 500_000, 2.5e-4, 10_000, 0.99, 1.0, 500, 128, 1.0, 0.05, 0.5,
                10_000, 10, 1, new int[] {120, 84}, false, false, false, 1, "mse", 0.0, false,
                0.6, 0.4, 1e-6, 100, 0, 10, 50_000, 10_000, 1);
    }

    /** MountainCar-v0 after the SB3 zoo (lr 4e-3, 256-256, 120k steps, ε 1→0.07 over 20%). */
    public static DqnConfig mountainCar() {
        return new DqnConfig("MountainCar-v0", 1, 120_000, 4e-3, 10_000, 0.98, 1.0, 600, 128, 1.0, 0.07, 0.2,
                1_000, 16, 8, new int[] {256, 256}, true, true, false, 1, "huber", 10.0, false,
                0.6, 0.4, 1e-6, 100, 10_000, 10, 20_000, 5_000, 1);
    }

    /** Acrobot-v1 after the SB3 zoo (lr 6.3e-4, 256-256, 100k steps, ε 1→0.1 over 12%). */
    public static DqnConfig acrobot() {
        return new DqnConfig("Acrobot-v1", 1, 100_000, 6.3e-4, 50_000, 0.99, 1.0, 250, 128, 1.0, 0.1, 0.12,
                0, 4, 4, new int[] {256, 256}, true, true, false, 1, "huber", 10.0, false,
                0.6, 0.4, 1e-6, 100, 10_000, 10, 20_000, 5_000, 1);
    }

    /** GridWorld-v0 with action masking (small MLP, short run). */
    public static DqnConfig gridWorld() {
        return new DqnConfig("GridWorld-v0", 1, 20_000, 1e-3, 20_000, 0.99, 1.0, 200, 64, 1.0, 0.05, 0.5,
                500, 4, 1, new int[] {64, 64}, true, false, false, 1, "huber", 10.0, true,
                0.6, 0.4, 1e-6, 20, 0, 5, 5_000, 2_000, 1);
    }

    /**
     * Executive-v0 (the code experiment's Executive, masked): Double DQN, MLP 64-64, 4,000 env steps (episodes are
     * sandbox runs, so the budget is small), 500 warm-up steps, a gradient step per env step, ε 1→0.05 over half the
     * run, target copied every 200 steps, γ = 0.99. No periodic or final evaluation here: the Executive is evaluated
     * on held-out tasks by its own routine. Chosen before any Executive run, from the GridWorld preset.
     */
    public static DqnConfig executive() {
        return new DqnConfig("Executive-v0", 1, 4_000, 1e-3, 20_000, 0.99, 1.0, 200, 64, 1.0, 0.05, 0.5,
                500, 1, 1, new int[] {64, 64}, true, false, false, 1, "huber", 10.0, true,
                0.6, 0.4, 1e-6, 0, 0, 1, 0, 500, 1);
    }

    /**
     * {@return the preset for a built-in env id}
     *
     * @throws IllegalArgumentException for an env without a preset (callers such as the CLI start such envs from
     *                                  the CartPole preset with the env id replaced)
     */
    public static DqnConfig presetFor(String envId) {
        return switch (envId) {
            case "CartPole-v1" -> cartPole();
            case "MountainCar-v0" -> mountainCar();
            case "Acrobot-v1" -> acrobot();
            case "GridWorld-v0" -> gridWorld();
            case "Executive-v0" -> executive();
            default -> throw new IllegalArgumentException("envId: expected one of CartPole-v1, MountainCar-v0, "
                    + "Acrobot-v1, GridWorld-v0, Executive-v0 (envs with a DQN preset), actual " + envId);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DqnConfig c && toString().equals(c.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "DqnConfig[envId=" + envId + ", seed=" + seed + ", totalTimesteps=" + totalTimesteps
                + ", learningRate=" + learningRate + ", bufferSize=" + bufferSize + ", gamma=" + gamma + ", tau=" + tau
                + ", targetNetworkFrequency=" + targetNetworkFrequency + ", batchSize=" + batchSize
                + ", startE=" + startE + ", endE=" + endE + ", explorationFraction=" + explorationFraction
                + ", learningStarts=" + learningStarts + ", trainFrequency=" + trainFrequency
                + ", gradientSteps=" + gradientSteps + ", hidden=" + Arrays.toString(hidden) + ", doubleQ=" + doubleQ
                + ", dueling=" + dueling + ", prioritized=" + prioritized + ", nStep=" + nStep + ", loss=" + loss
                + ", maxGradNorm=" + maxGradNorm + ", masking=" + masking + ", perAlpha=" + perAlpha
                + ", perBeta0=" + perBeta0 + ", perEps=" + perEps + ", evalEpisodes=" + evalEpisodes
                + ", evalFrequency=" + evalFrequency + ", evalDuringEpisodes=" + evalDuringEpisodes
                + ", checkpointFrequency=" + checkpointFrequency + ", logFrequency=" + logFrequency + ", numEnvs=" + numEnvs + "]";
    }
}
