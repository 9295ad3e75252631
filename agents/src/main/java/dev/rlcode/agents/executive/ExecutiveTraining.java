package dev.rlcode.agents.executive;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.dqn.DqnTrainer;
import dev.rlcode.agents.eval.BaselineComparison;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.checkpoint.Checkpoint;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.rng.Rng;
import dev.rlcode.envs.code.ExecutiveConfig;
import dev.rlcode.envs.code.ExecutiveEnv;
import dev.rlcode.envs.code.ExecutiveEpisode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

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
        DqnTrainer trainer = trainer(setup, trainEnvConfig, dqn, backend, run, listener);
        return finish(setup, envConfig, dqn, trainer, trainer.train(), evalEpisodes, run, listener);
    }

    /**
     * {@return the trainer of a plain run, not started}: {@link DqnTrainer#train()}, then {@link #finish}, is
     * {@link #run}, with room in between for a caller that stops it (Ctrl-C) or resumes it later.
     *
     * @throws IllegalArgumentException if masking is off
     */
    public static DqnTrainer trainer(ExecutiveSetup setup, ExecutiveConfig trainEnvConfig, DqnConfig dqn,
                                     Backend backend, RunDir run, DqnTrainer.Listener listener) {
        if (!dqn.masking()) {
            throw new IllegalArgumentException("masking: expected true for the Executive, actual false");
        }
        return new DqnTrainer(dqn, () -> setup.env(trainEnvConfig, setup.train()), backend, run, listener);
    }

    /**
     * Reopens an interrupted plain run (one candidate) at its newest checkpoint, as {@link DqnTrainer#resume}
     * does: {@link DqnTrainer#train()} on the result continues exactly as the uninterrupted run would have gone,
     * and {@link #finish} then evaluates it as {@link #run} does.
     *
     * @param trainEnvConfig the run's training settings (its {@code executive.json})
     * @throws IllegalArgumentException if the run's config has masking off
     */
    public static DqnTrainer resume(ExecutiveSetup setup, ExecutiveConfig trainEnvConfig, Backend backend, RunDir run,
                                    DqnTrainer.Listener listener) throws IOException {
        return resume(setup, trainEnvConfig, backend, run, listener, null);
    }

    /**
     * As {@link #resume(ExecutiveSetup, ExecutiveConfig, Backend, RunDir, DqnTrainer.Listener)}, refusing a
     * checkpoint trained with other world settings ({@link DqnTrainer#world}).
     *
     * @param world the run's settings now (its {@code executive.json}), or null for no check
     */
    public static DqnTrainer resume(ExecutiveSetup setup, ExecutiveConfig trainEnvConfig, Backend backend, RunDir run,
                                    DqnTrainer.Listener listener, DqnTrainer.World world) throws IOException {
        DqnTrainer trainer = DqnTrainer.resume(run, () -> setup.env(trainEnvConfig, setup.train()), backend, listener,
                world);
        if (!trainer.config().masking()) {
            throw new IllegalArgumentException("masking: expected true for the Executive, actual false");
        }
        return trainer;
    }

    /**
     * The held-out evaluation after training: the greedy policy of {@code trainer} and the baselines on the test
     * tasks, written to the run's summary.json.
     *
     * @param trained what {@link DqnTrainer#train()} returned (its summary)
     */
    public static Result finish(ExecutiveSetup setup, ExecutiveConfig envConfig, DqnConfig dqn, DqnTrainer trainer,
                                Map<String, Object> trained, int evalEpisodes, RunDir run,
                                DqnTrainer.Listener listener) throws IOException {
        ExecutivePolicy greedy = (env, obs, mask) -> trainer.agent().greedy(obs, mask);
        Map<String, Object> summary = summaryHead(setup, dqn, trained);
        summary.putAll(evaluate(setup, envConfig, greedy, setup.test(), dqn.seed(), 0, evalEpisodes,
                listener == null ? null : listener::onMessage));
        if (run != null) {
            run.writeJson("summary.json", summary); // replaces the DQN trainer's return-based summary
        }
        return new Result(greedy, trainer, summary);
    }

    private static Map<String, Object> summaryHead(ExecutiveSetup setup, DqnConfig dqn, Map<String, Object> trained) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("env", dqn.envId());
        summary.put("seed", dqn.seed());
        summary.put("train_tasks", setup.train().size());
        summary.put("test_tasks", setup.test().size());
        summary.put("left_out_tasks", setup.leftOut());
        summary.put("steps", trained.get("steps"));
        summary.put("train_episodes", trained.get("episodes"));
        summary.put("updates", trained.get("updates"));
        summary.put("wall_seconds", trained.get("wall_seconds"));
        // the kernels' backend, with the SIMD width: the network's summation order, so learning curves match only
        // between runs on the same backend
        summary.put("backend", trained.get("backend"));
        // which parameters the held-out evaluation plays: "final", or "best" when periodic evaluation on the
        // training tasks (evalFrequency > 0) scored an earlier policy higher than the final one
        summary.put("eval_policy", trained.get("eval_policy"));
        return summary;
    }

    /**
     * Trains {@code candidates} DQNs that differ only in their seed, keeps the one with the highest success on
     * validation episodes of the <em>training</em> tasks ({@link ExecutiveEvaluation#validationEpisodes}: fresh
     * seeds, the same for every candidate; ties go to fewer LLM calls per solved task, then to the earlier
     * candidate), and evaluates only that one on the held-out episodes of the run seed, as
     * {@link #run(ExecutiveSetup, ExecutiveConfig, ExecutiveConfig, DqnConfig, Backend, int, RunDir,
     * DqnTrainer.Listener)} does. The held-out tasks play no part in the choice. Candidate 0 has the run's seed (so it
     * is the plain run of that seed), candidate i &gt; 0 the seed {@link #candidateSeed(long, int)}. Each candidate
     * trains in {@code run/candidates/seed-S/} (metrics, checkpoints); the chosen one's checkpoints and metrics are
     * copied to the run folder, so {@code eval-code} and the report use it. The summary adds {@code candidates}
     * (per candidate: {@code seed}, {@code validation_success_rate}, {@code validation_llm_calls_per_success},
     * {@code wall_seconds} of its training),
     * {@code selected_seed} and {@code validation_episodes}.
     *
     * @param candidates         DQNs to train, at least 1 (1 = the plain run, without validation)
     * @param validationEpisodes validation episodes per candidate, at least 1
     * @throws IllegalArgumentException if {@code candidates < 1}, {@code validationEpisodes < 1} or masking is off
     */
    public static Result run(ExecutiveSetup setup, ExecutiveConfig trainEnvConfig, ExecutiveConfig envConfig,
                             DqnConfig dqn, Backend backend, int evalEpisodes, int candidates,
                             int validationEpisodes, RunDir run, DqnTrainer.Listener listener) throws IOException {
        if (candidates < 1 || validationEpisodes < 1) {
            throw new IllegalArgumentException("candidates/validation episodes: expected >= 1, actual " + candidates
                    + " and " + validationEpisodes);
        }
        if (candidates == 1) {
            return run(setup, trainEnvConfig, envConfig, dqn, backend, evalEpisodes, run, listener);
        }
        return candidates(setup, trainEnvConfig, envConfig, dqn, backend, evalEpisodes, candidates,
                validationEpisodes, run, listener, false, (trainer, dir) -> trainer.train());
    }

    /**
     * Trains one candidate to its end, e.g. under a stop hook.
     */
    @FunctionalInterface
    public interface CandidateTraining {
        /**
         * @param trainer the candidate's trainer, fresh or restored from its newest checkpoint
         * @param dir     the candidate's folder ({@code run/candidates/seed-S}), or null for a run in memory
         * @return what {@link DqnTrainer#train()} returned; null or empty if training was stopped
         */
        Map<String, Object> train(DqnTrainer trainer, RunDir dir) throws IOException;
    }

    /**
     * As {@link #run(ExecutiveSetup, ExecutiveConfig, ExecutiveConfig, DqnConfig, Backend, int, int, int, RunDir,
     * DqnTrainer.Listener)} with {@code candidates > 1}, training each candidate through {@code training}, so a
     * caller can stop it; or, with {@code resume}, continuing an interrupted run of it in {@code run}: a candidate
     * whose folder has its summary.json is not trained again (its evaluated parameters are loaded from its final
     * checkpoint, and its validation figures from its validation.json, or validated again if that is missing); one
     * interrupted in training continues from its newest checkpoint, as {@link DqnTrainer#resume} does, so the
     * resumed run ends as the uninterrupted one would have; the others train from scratch.
     *
     * @param run the run folder; not null when resuming
     * @return the result, or null if a candidate's training was stopped (its folder then keeps its checkpoints)
     * @throws IllegalArgumentException if {@code candidates < 2}, {@code validationEpisodes < 1}, masking is off or
     *                                  {@code evalFrequency > 0} ({@link #CANDIDATES_WITH_PERIODIC_EVAL}), or a
     *                                  candidate's checkpoint does not fit its config
     */
    public static Result candidates(ExecutiveSetup setup, ExecutiveConfig trainEnvConfig, ExecutiveConfig envConfig,
                                    DqnConfig dqn, Backend backend, int evalEpisodes, int candidates,
                                    int validationEpisodes, RunDir run, DqnTrainer.Listener listener, boolean resume,
                                    CandidateTraining training) throws IOException {
        if (candidates < 2 || validationEpisodes < 1) {
            throw new IllegalArgumentException("candidates/validation episodes: expected >= 2 and >= 1, actual "
                    + candidates + " and " + validationEpisodes);
        }
        if (!dqn.masking()) {
            throw new IllegalArgumentException("masking: expected true for the Executive, actual false");
        }
        if (dqn.evalFrequency() > 0) {
            throw new IllegalArgumentException(CANDIDATES_WITH_PERIODIC_EVAL);
        }
        if (resume && run == null) {
            throw new IllegalArgumentException("run: expected the folder of the run to resume, actual null");
        }
        if (run != null) run.claim(); // the candidates' trainers claim their own folders; the results land here
        List<ExecutiveEpisode> validation = ExecutiveEvaluation.validationEpisodes(setup.train(), dqn.seed(),
                validationEpisodes);
        List<Map<String, Object>> table = new ArrayList<>();
        DqnTrainer best = null;
        Map<String, Object> bestTrained = null;
        Validation bestValidation = null;
        RunDir bestDir = null;
        long bestSeed = 0;
        for (int i = 0; i < candidates; i++) {
            long seed = candidateSeed(dqn.seed(), i);
            DqnConfig c = ConfigOverrides.apply(dqn, Map.of("seed", seed));
            Path folder = run == null ? null : run.dir().resolve("candidates").resolve("seed-" + seed);
            if (listener != null) {
                listener.onMessage("candidate " + (i + 1) + "/" + candidates + ": seed " + seed);
            }
            Supplier<ExecutiveEnv> envs = () -> setup.env(trainEnvConfig, setup.train());
            RunDir dir;
            DqnTrainer trainer;
            Map<String, Object> trained;
            if (resume && Files.isRegularFile(folder.resolve("config.json"))) {
                dir = RunDir.open(folder);
                if (Files.isRegularFile(folder.resolve("summary.json"))) { // trained to its end before
                    trainer = new DqnTrainer(c, envs, backend, null, null);
                    Checkpoint last = Checkpoint.newest(dir.checkpoints()).orElseThrow(() ->
                            new IllegalArgumentException("candidate " + folder + ": expected its final checkpoint "
                                    + "beside its summary.json, actual none"));
                    trainer.agent().loadEvaluatedParams(last);
                    trained = dir.readJson("summary.json");
                    if (listener != null) listener.onMessage("candidate seed " + seed + ": trained before");
                } else {
                    trainer = DqnTrainer.resume(dir, envs, backend, listener);
                    trained = training.train(trainer, dir);
                }
            } else {
                dir = null;
                if (run != null) {
                    if (resume && Files.isDirectory(folder)) { // stopped between making it and writing its config
                        Files.deleteIfExists(folder.resolve("checkpoints"));
                        Files.delete(folder);
                    }
                    dir = RunDir.create(folder);
                    dir.writeJson("config.json", ConfigOverrides.toMap(c));
                }
                trainer = new DqnTrainer(c, envs, backend, dir, listener);
                trained = training.train(trainer, dir);
            }
            if (trained == null || trained.isEmpty()) return null; // stopped
            Validation v = dir == null ? null : Validation.read(dir);
            if (v == null) {
                DqnTrainer t = trainer;
                v = Validation.of(ExecutiveEvaluation.evaluate(setup.env(envConfig, setup.train()), validation,
                        (env, obs, mask) -> t.agent().greedy(obs, mask)));
                if (dir != null) dir.writeJson(Validation.FILE, v.toMap());
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seed", seed);
            row.put("validation_success_rate", v.successRate());
            row.put("validation_llm_calls_per_success",
                    Double.isNaN(v.llmCallsPerSuccess()) ? null : v.llmCallsPerSuccess());
            row.put("wall_seconds", trained.get("wall_seconds"));
            table.add(row);
            if (listener != null) {
                listener.onMessage(String.format(Locale.ROOT,
                        "candidate seed %d: validation success %.3f on %d training-task episodes", seed,
                        v.successRate(), validation.size()));
            }
            if (best == null || v.betterThan(bestValidation)) {
                best = trainer;
                bestTrained = trained;
                bestValidation = v;
                bestDir = dir;
                bestSeed = seed;
            }
        }
        if (run != null) {
            copyTree(bestDir.checkpoints(), run.checkpoints());
            Files.copy(bestDir.metricsFile(), run.metricsFile(),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        DqnTrainer chosen = best;
        ExecutivePolicy greedy = (env, obs, mask) -> chosen.agent().greedy(obs, mask);
        Map<String, Object> summary = summaryHead(setup, dqn, bestTrained);
        summary.put("candidates", table);
        summary.put("selected_seed", bestSeed);
        summary.put("validation_episodes", validation.size());
        summary.putAll(evaluate(setup, envConfig, greedy, setup.test(), dqn.seed(), 0, evalEpisodes,
                listener == null ? null : listener::onMessage));
        if (run != null) {
            run.writeJson("summary.json", summary);
        }
        return new Result(greedy, chosen, summary);
    }

    /**
     * Why {@code candidates > 1} refuses {@code evalFrequency > 0}: the validation episodes are drawn from the
     * periodic evaluation's seed family of the run seed, which is candidate 0's, so candidate 0 would choose its
     * best network on the model draws that then score it against the others.
     */
    public static final String CANDIDATES_WITH_PERIODIC_EVAL = "candidates: expected evalFrequency=0 with more than "
            + "one candidate, actual periodic evaluation: its episodes share seeds with the validation episodes, so "
            + "candidate 0 would pick its best network on the episodes that then compare it with the others";

    /**
     * A candidate's figures on the validation episodes, kept in its folder's validation.json so a resumed run
     * need not play them again.
     *
     * @param episodes           validation episodes played
     * @param successes          of them solved
     * @param llmCallsPerSuccess LLM calls per solved episode (NaN when none was solved)
     */
    record Validation(int episodes, int successes, double llmCallsPerSuccess) {
        static final String FILE = "validation.json";

        static Validation of(ExecutiveReport r) {
            return new Validation(r.episodes(), r.successes(), r.llmCallsPerSuccess());
        }

        /** {@return the figures in {@code dir}'s validation.json, or null if it has none} */
        static Validation read(RunDir dir) throws IOException {
            if (!Files.isRegularFile(dir.dir().resolve(FILE))) return null;
            Map<String, Object> m = dir.readJson(FILE);
            if (!(m.get("episodes") instanceof Number n) || !(m.get("successes") instanceof Number k)) {
                throw new IOException(dir.dir().resolve(FILE) + ": expected numbers 'episodes' and 'successes', "
                        + "actual " + m);
            }
            Object perSuccess = m.get("llm_calls_per_success");
            return new Validation(n.intValue(), k.intValue(),
                    perSuccess instanceof Number p ? p.doubleValue() : Double.NaN);
        }

        double successRate() {
            return episodes == 0 ? 0 : (double) successes / episodes;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("episodes", episodes);
            m.put("successes", successes);
            m.put("success_rate", successRate());
            m.put("llm_calls_per_success", Double.isNaN(llmCallsPerSuccess) ? null : llmCallsPerSuccess);
            return m;
        }

        /** More successes; at equal successes, fewer LLM calls per solved task. */
        boolean betterThan(Validation other) {
            if (successes != other.successes) return successes > other.successes;
            double a = Double.isNaN(llmCallsPerSuccess) ? Double.MAX_VALUE : llmCallsPerSuccess;
            double b = Double.isNaN(other.llmCallsPerSuccess) ? Double.MAX_VALUE : other.llmCallsPerSuccess;
            return a < b;
        }
    }

    /** {@return the seed of candidate {@code i} of a run: the run seed for 0, a seed derived from it otherwise} */
    public static long candidateSeed(long runSeed, int i) {
        return i == 0 ? runSeed : Rng.of(runSeed, CANDIDATE_STREAM + i).nextLong() >>> 33;
    }

    private static final long CANDIDATE_STREAM = 7L << 40;

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
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
        return BaselineComparison.run("executive-eval", policies, episodes.size(), progress, (p, onEpisode) -> {
            ExecutiveReport r = ExecutiveEvaluation.evaluate(setup.env(envConfig, tasks), episodes, p, onEpisode);
            return new BaselineComparison.Evaluated(r.toMap(), r.outcomes());
        });
    }
}
