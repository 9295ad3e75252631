package dev.rlcode.agents.hier;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.dqn.DqnTrainer;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.envs.code.HierarchicalConfig;
import java.io.IOException;
import dev.rlcode.envs.code.task.CompositeTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a masked DQN at the high level of the hierarchy (the Executive below it frozen) on the training composites,
 * then evaluates it with the random, script and oracle baselines on the same held-out episodes (test composites,
 * reset seeds of the final-evaluation family that training never uses).
 */
public final class HierarchicalTraining {

    /** The env id written to config.json. */
    public static final String ENV_ID = "Hierarchical-v0";

    /** The trained agent's greedy policy, and the summary (training figures, then the held-out evaluation). */
    public record Result(HierarchicalPolicy policy, DqnTrainer trainer, Map<String, Object> summary) {
    }

    private HierarchicalTraining() {
    }

    /**
     * {@return the DQN preset of the high level: the Executive's preset (masked Double DQN, 64x64, Huber) with 4000
     * env steps, exploration over the first 40%, learning from step 300, target sync every 200 steps, periodic
     * evaluation every 500 steps on 20 training-composite episodes, 20 final training-composite episodes}
     */
    public static DqnConfig preset() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("envId", ENV_ID);
        m.put("totalTimesteps", 4000);
        m.put("explorationFraction", 0.4);
        m.put("learningStarts", 300);
        m.put("targetNetworkFrequency", 200);
        m.put("evalFrequency", 500);
        m.put("evalDuringEpisodes", 20);
        m.put("evalEpisodes", 20);
        m.put("checkpointFrequency", 1000);
        return ConfigOverrides.apply(DqnConfig.executive(), m);
    }

    /**
     * Trains, then evaluates.
     *
     * @param setup        composites, model factory, judge, notes and the frozen Executive
     * @param envConfig    the env's step limit and rewards
     * @param dqn          the DQN settings ({@code masking} must be true)
     * @param backend      the compute backend
     * @param evalEpisodes held-out episodes
     * @param run          run folder (metrics and checkpoints; summary.json is written here), or null
     * @param listener     training progress (may be null)
     * @return the result
     * @throws IllegalArgumentException if {@code dqn.masking()} is false
     */
    public static Result run(HierarchicalSetup setup, HierarchicalConfig envConfig, DqnConfig dqn, Backend backend,
                             int evalEpisodes, RunDir run, DqnTrainer.Listener listener) throws IOException {
        DqnTrainer trainer = trainer(setup, envConfig, dqn, backend, run, listener);
        return finish(setup, envConfig, dqn, trainer, trainer.train(), evalEpisodes, run, listener);
    }

    /**
     * {@return the trainer of a run, not started}: {@link DqnTrainer#train()}, then {@link #finish}, is {@link #run},
     * with room in between for a caller that stops it (Ctrl-C) or resumes it later.
     *
     * @throws IllegalArgumentException if masking is off
     */
    public static DqnTrainer trainer(HierarchicalSetup setup, HierarchicalConfig envConfig, DqnConfig dqn,
                                     Backend backend, RunDir run, DqnTrainer.Listener listener) {
        if (!dqn.masking()) {
            throw new IllegalArgumentException("masking: expected true for the hierarchical level, actual false");
        }
        return new DqnTrainer(dqn, () -> setup.env(envConfig, setup.train()), backend, run, listener);
    }

    /**
     * Reopens an interrupted run at its newest checkpoint, as {@link DqnTrainer#resume} does; {@link DqnTrainer#train()}
     * on the result continues exactly as the uninterrupted run would have gone.
     *
     * @throws IllegalArgumentException if the run's config has masking off
     */
    public static DqnTrainer resume(HierarchicalSetup setup, HierarchicalConfig envConfig, Backend backend,
                                    RunDir run, DqnTrainer.Listener listener) throws IOException {
        return resume(setup, envConfig, backend, run, listener, null);
    }

    /** As {@link #resume(HierarchicalSetup, HierarchicalConfig, Backend, RunDir, DqnTrainer.Listener)}, refusing a
     * checkpoint trained with other world settings ({@link DqnTrainer#world}; null for no check). */
    public static DqnTrainer resume(HierarchicalSetup setup, HierarchicalConfig envConfig, Backend backend,
                                    RunDir run, DqnTrainer.Listener listener, DqnTrainer.World world)
            throws IOException {
        DqnTrainer trainer = DqnTrainer.resume(run, () -> setup.env(envConfig, setup.train()), backend, listener,
                world);
        if (!trainer.config().masking()) {
            throw new IllegalArgumentException("masking: expected true for the hierarchical level, actual false");
        }
        return trainer;
    }

    /**
     * The held-out evaluation after training, written to the run's summary.json.
     *
     * @param trained what {@link DqnTrainer#train()} returned (its summary)
     */
    public static Result finish(HierarchicalSetup setup, HierarchicalConfig envConfig, DqnConfig dqn,
                                DqnTrainer trainer, Map<String, Object> trained, int evalEpisodes, RunDir run,
                                DqnTrainer.Listener listener) throws IOException {
        HierarchicalPolicy greedy = (env, obs, mask) -> trainer.agent().greedy(obs, mask);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("env", dqn.envId());
        summary.put("seed", dqn.seed());
        summary.put("train_composites", setup.train().stream().map(c -> c.id()).toList());
        summary.put("test_composites", setup.test().stream().map(c -> c.id()).toList());
        summary.put("steps", trained.get("steps"));
        summary.put("train_episodes", trained.get("episodes"));
        summary.put("updates", trained.get("updates"));
        summary.put("wall_seconds", trained.get("wall_seconds"));
        summary.put("backend", trained.get("backend"));
        summary.put("eval_policy", trained.get("eval_policy"));
        summary.putAll(evaluate(setup, envConfig, greedy, setup.test(), dqn.seed(), 0, evalEpisodes,
                listener == null ? null : listener::onMessage));
        if (run != null) {
            run.writeJson("summary.json", summary); // replaces the DQN trainer's return-based summary
        }
        return new Result(greedy, trainer, summary);
    }

    /**
     * {@return the held-out figures of {@code policy} and the baselines on the test composites, from index
     * {@code seedOffset} of the final-evaluation seed family}
     */
    public static Map<String, Object> evaluate(HierarchicalSetup setup, HierarchicalConfig envConfig,
                                               HierarchicalPolicy policy, long runSeed, int seedOffset,
                                               int evalEpisodes) {
        return evaluate(setup, envConfig, policy, setup.test(), runSeed, seedOffset, evalEpisodes, null);
    }

    /** {@return as {@link #evaluate(HierarchicalSetup, HierarchicalConfig, HierarchicalPolicy, long, int, int)} on
     * chosen composites}; the policy and the three baselines play at once, each on its own env
     *
     * @param progress receives a progress line at every tenth of the episodes, or null */
    public static Map<String, Object> evaluate(HierarchicalSetup setup, HierarchicalConfig envConfig,
                                               HierarchicalPolicy policy, List<CompositeTask> composites, long runSeed,
                                               int seedOffset, int evalEpisodes,
                                               java.util.function.Consumer<String> progress) {
        return HierarchicalEvaluation.withBaselines(() -> setup.env(envConfig, composites),
                HierarchicalEvaluation.heldOutEpisodes(composites, runSeed, seedOffset, evalEpisodes), policy,
                progress);
    }
}
