package dev.rlcode.agents.executive;

import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.dqn.DqnTrainer;
import dev.rlcode.agents.eval.BaselineComparison;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.envs.code.ExecutiveConfig;
import dev.rlcode.envs.code.ExecutiveEnv;
import dev.rlcode.envs.code.ExecutiveEpisode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains a masked DQN Executive on the training tasks and evaluates it, with the random, script and oracle
 * baselines, on the same held-out episodes (test tasks, reset seeds of the final-evaluation family that training
 * never uses).
 */
public final class ExecutiveTraining {

    /** The trained agent's greedy policy, and the summary (training figures, then the held-out evaluation). */
    public record Result(ExecutivePolicy policy, DqnTrainer trainer, Map<String, Object> summary) {
    }

    private ExecutiveTraining() {
    }

    /**
     * Trains, then evaluates.
     *
     * @param setup        tasks, model factory, judge and notes
     * @param envConfig    the env's step limit and rewards
     * @param dqn          the DQN settings ({@code masking} must be true)
     * @param backend      the compute backend
     * @param evalEpisodes held-out episodes
     * @param run          run folder (metrics, checkpoint, config is the caller's; summary.json is written here), or
     *                     null to keep everything in memory
     * @param listener     training progress (may be null)
     * @return the result
     * @throws IllegalArgumentException if {@code dqn.masking()} is false
     */
    public static Result run(ExecutiveSetup setup, ExecutiveConfig envConfig, DqnConfig dqn, Backend backend,
                             int evalEpisodes, RunDir run, DqnTrainer.Listener listener) throws IOException {
        return run(setup, envConfig, envConfig, dqn, backend, evalEpisodes, run, listener);
    }

    /**
     * As {@link #run(ExecutiveSetup, ExecutiveConfig, DqnConfig, Backend, int, RunDir, DqnTrainer.Listener)}, with
     * other settings for the training episodes than for the held-out evaluation (e.g. simulated retrieval misses,
     * {@link ExecutiveConfig#searchMissRate()}, in training only).
     *
     * @param trainEnvConfig the training episodes' settings
     * @param envConfig      the held-out evaluation's settings
     */
    public static Result run(ExecutiveSetup setup, ExecutiveConfig trainEnvConfig, ExecutiveConfig envConfig,
                             DqnConfig dqn, Backend backend, int evalEpisodes, RunDir run,
                             DqnTrainer.Listener listener) throws IOException {
        if (!dqn.masking()) {
            throw new IllegalArgumentException("masking: expected true for the Executive, actual false");
        }
        DqnTrainer trainer = new DqnTrainer(dqn, () -> setup.env(trainEnvConfig, setup.train()), backend, run,
                listener);
        Map<String, Object> trained = trainer.train();
        ExecutivePolicy greedy = (env, obs, mask) -> trainer.agent().greedy(obs, mask);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("env", dqn.envId());
        summary.put("seed", dqn.seed());
        summary.put("train_tasks", setup.train().size());
        summary.put("test_tasks", setup.test().size());
        summary.put("steps", trained.get("steps"));
        summary.put("train_episodes", trained.get("episodes"));
        summary.put("updates", trained.get("updates"));
        summary.put("wall_seconds", trained.get("wall_seconds"));
        // which parameters the held-out evaluation below plays: "final", or "best" when periodic evaluation on the
        // training tasks (evalFrequency > 0) scored an earlier policy higher than the final one
        summary.put("eval_policy", trained.get("eval_policy"));
        summary.putAll(evaluate(setup, envConfig, greedy, setup.test(), dqn.seed(), 0, evalEpisodes,
                listener == null ? null : listener::onMessage));
        if (run != null) {
            run.writeJson("summary.json", summary); // replaces the DQN trainer's return-based summary
        }
        return new Result(greedy, trainer, summary);
    }

    /**
     * {@return the held-out figures of {@code policy} followed by {@code baselines}: the same figures of the random,
     * script and oracle baselines on the same episodes}
     */
    public static Map<String, Object> evaluate(ExecutiveSetup setup, ExecutiveConfig envConfig, ExecutivePolicy policy,
                                               long runSeed, int evalEpisodes) {
        return evaluate(setup, envConfig, policy, setup.test(), runSeed, 0, evalEpisodes, null);
    }

    /**
     * {@return as {@link #evaluate(ExecutiveSetup, ExecutiveConfig, ExecutivePolicy, long, int)} on chosen tasks,
     * from index {@code seedOffset} of the final-evaluation seed family}; the policy and the three baselines play
     * at once, each on its own env (the same episodes, so the same figures as one after another)
     *
     * @param progress receives a progress line at every tenth of the episodes, or null
     */
    public static Map<String, Object> evaluate(ExecutiveSetup setup, ExecutiveConfig envConfig, ExecutivePolicy policy,
                                               List<dev.rlcode.envs.code.task.CodeTask> tasks, long runSeed,
                                               int seedOffset, int evalEpisodes, Consumer<String> progress) {
        List<ExecutiveEpisode> episodes = ExecutiveEvaluation.heldOutEpisodes(tasks, runSeed, seedOffset, evalEpisodes);
        List<ExecutivePolicy> policies = List.of(policy, ExecutiveBaselines.random(), ExecutiveBaselines.script(),
                ExecutiveBaselines.oracle());
        return BaselineComparison.run("executive-eval", policies, episodes.size(), progress, (p, onEpisode) ->
                ExecutiveEvaluation.evaluate(setup.env(envConfig, tasks), episodes, p, onEpisode).toMap());
    }
}
