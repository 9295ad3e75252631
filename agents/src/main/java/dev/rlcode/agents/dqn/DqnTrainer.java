package dev.rlcode.agents.dqn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlcode.agents.eval.Concurrently;
import dev.rlcode.agents.eval.Evaluation;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.checkpoint.Checkpoint;
import dev.rlcode.core.checkpoint.CheckpointWriter;
import dev.rlcode.core.env.ActionMasked;
import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.optim.LinearSchedule;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.wrapper.Wrapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Runs DQN training on one environment (or {@code numEnvs} copies of it, stepped together): the CleanRL step
 * loop (act ε-greedily → step → store → train every {@code trainFrequency} steps after {@code learningStarts} →
 * target update every {@code targetNetworkFrequency} steps), periodic evaluation keeping the best policy, checkpoints, metrics and a final deterministic evaluation.
 *
 * <p>Reproducible: training episode e is reset with {@link EpisodeSeeds#train(long, long)}, all other randomness
 * comes from the agent's seeded streams. Checkpoints are taken at episode ends, so a run resumed from one continues
 * exactly as the uninterrupted run ({@link #resume}).
 *
 * <p>With {@code numEnvs > 1} (SB3's {@code n_envs}) each env plays its own episode: actions are chosen in env
 * order, the envs step concurrently on virtual threads (code envs wait on the sandbox and on LLM calls), and the
 * transitions are then stored and counted in env order, each one an env step of the schedule above. Episodes are
 * seeded in the order they begin, so a seed still fixes the learning curve, however the threads ran. A due
 * checkpoint lets every env finish its episode and starts none until it is written, so resuming stays exact.
 *
 * {@snippet :
 * var trainer = new DqnTrainer(DqnConfig.cartPole(), CartPole::make, CpuBackend.auto(), RunDir.create(out), listener);
 * Map<String, Object> summary = trainer.train();
 * }
 */
public final class DqnTrainer {

    /** Snapshot of training progress, for progress bars and logs. */
    public record Progress(long step, long totalSteps, long episodes, double lastReturn, double epsilon,
                           double stepsPerSecond) {}

    /** Receives progress; all methods are optional. */
    public interface Listener {
        default void onProgress(Progress p) {}

        default void onMessage(String line) {}

        /** Called after each finished training episode with its metrics row. */
        default void onEpisode(Map<String, Object> row) {}
    }

    private final DqnConfig cfg;
    private final Supplier<? extends Env<float[], Integer>> envFactory;
    private final RunDir run;
    private final Listener listener;
    private World world;
    private final DqnAgent agent;
    private final LinearSchedule epsilon;
    private volatile boolean stopRequested;

    // loop state, saved in checkpoints
    private long step, episodes, updates;
    private double lossSum, qSum;
    private long lossCount, qCount;
    private double bestEval = Double.NEGATIVE_INFINITY;
    private float[] bestParams;
    private long nextCheckpoint;
    private long restoredStep = -1;
    private double priorWallSeconds;

    /**
     * @param run run folder for metrics, checkpoints and summary, or null to keep everything in memory
     * @throws IllegalArgumentException if the env's spaces are not a Box observation and Discrete actions, or
     *                                  masking is asked of an env that has no masks
     */
    public DqnTrainer(DqnConfig cfg, Supplier<? extends Env<float[], Integer>> envFactory, Backend backend, RunDir run,
                      Listener listener) {
        this.cfg = cfg;
        this.envFactory = envFactory;
        this.run = run;
        this.listener = listener == null ? new Listener() {} : listener;
        int obsDim, numActions;
        try (Env<float[], Integer> probe = envFactory.get()) {
            if (!(probe.observationSpace() instanceof Box box)) {
                throw new IllegalArgumentException("DQN observation space: expected Box, actual " + probe.observationSpace());
            }
            if (!(probe.actionSpace() instanceof Discrete d)) {
                throw new IllegalArgumentException("DQN action space: expected Discrete, actual " + probe.actionSpace());
            }
            if (d.start() != 0) { // the network's output index is the action given to step (as in SB3, which refuses it too)
                throw new IllegalArgumentException("DQN action space: expected Discrete actions starting at 0, actual "
                        + d + ": give the env actions 0.." + (d.n() - 1) + " (its step would get index i, not "
                        + d.start() + " + i)");
            }
            probe.reset(0);
            if (cfg.masking() && Evaluation.maskOf(probe) == null) {
                throw new IllegalArgumentException("masking: expected an env with action masks, actual " + cfg.envId()
                        + " has none (set masking=false)");
            }
            // a masked env's step refuses illegal actions (ActionMasked's contract), which an agent that ignores
            // the mask would take: only IllegalActionNoOp turns them into penalised no-ops
            if (!cfg.masking() && Wrapper.findActionMasked(probe).filter(ActionMasked::refusesIllegalActions)
                    .isPresent()) {
                throw new IllegalArgumentException("masking: expected true for " + cfg.envId() + ", whose step "
                        + "refuses illegal actions (it has action masks); to train without masking, wrap the env in "
                        + "IllegalActionNoOp, which turns illegal actions into penalised no-ops");
            }
            obsDim = box.dim();
            numActions = d.n();
        }
        this.agent = new DqnAgent(cfg, backend, obsDim, numActions);
        this.epsilon = LinearSchedule.ofFraction(cfg.startE(), cfg.endE(), cfg.explorationFraction(), cfg.totalTimesteps());
        this.nextCheckpoint = cfg.checkpointFrequency() > 0 ? cfg.checkpointFrequency() : Long.MAX_VALUE;
        if (run != null) { // last, so a config refused above leaves the folder as it was
            try {
                run.claim(); // one process at a time writes a run folder's metrics and checkpoints
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e.getMessage(), e);
            }
        }
    }

    /** Asks the loop to stop after the current step (e.g. from a shutdown hook); no final checkpoint is written. */
    public void requestStop() {
        stopRequested = true;
    }

    /** {@return the agent being trained} */
    public DqnAgent agent() {
        return agent;
    }

    /** {@return the config this trainer runs} */
    public DqnConfig config() {
        return cfg;
    }

    /**
     * Trains for {@code totalTimesteps} env steps (continuing from a restored checkpoint, if any), then evaluates.
     *
     * @return the summary (also written to summary.json), or an empty map if stopped by {@link #requestStop()}
     */
    public Map<String, Object> train() throws IOException {
        long t0 = System.nanoTime();
        long startStep = step;
        int n = cfg.numEnvs();
        try (Lanes all = new Lanes(n, envFactory);
             RunDir.MetricsWriter metrics = run == null ? null : run.metrics()) {
            Lane[] lanes = all.lanes;
            // Episodes are seeded by the order they begin in. Every lane is idle here (a fresh run, a periodic
            // checkpoint, which is only taken once all lanes have finished their episodes, or a finished run's final
            // checkpoint, whose unfinished episodes were truncated and are not counted), so begun == finished.
            long begun = episodes;
            // every lane starts a new episode, so an n-step window restored open (a final checkpoint written before
            // unfinished episodes were truncated at the end of a run) belongs to an episode that is over
            for (Lane l : lanes) agent.abandon(l.index);
            for (Lane l : lanes) l.begin(EpisodeSeeds.train(cfg.seed(), begun++));
            boolean draining = false;
            long lastLog = step;
            double lastReturn = Double.NaN;
            int[] stepping = new int[n];
            while (step < cfg.totalTimesteps() && !stopRequested) {
                // ALGO LOGIC: ε-greedy over legal actions (uniform random before learningStarts, as SB3)
                double eps = step < cfg.learningStarts() ? 1.0 : epsilon.value(step);
                int count = 0;
                long room = cfg.totalTimesteps() - step;
                for (Lane l : lanes) {
                    if (l.active && count < room) {
                        l.action = agent.act(l.obs, l.mask, eps);
                        stepping[count++] = l.index;
                    }
                }
                all.step(stepping, count);
                // transitions are processed in env order, so a run is the same however the steps interleaved
                for (int c = 0; c < count; c++) {
                    Lane l = lanes[stepping[c]];
                    StepResult<float[]> r = l.result;
                    l.result = null;
                    step++;
                    boolean[] nextMask = r.terminated() ? null : Evaluation.maskOf(l.env);
                    agent.observe(l.index, l.obs, l.action, r.reward(), r.observation(), r.terminated(),
                            r.truncated(), nextMask);
                    agent.setStep(step);
                    l.epReturn += r.reward();
                    l.epLength++;
                    trainOnSchedule(metrics);
                    if (r.done()) {
                        episodes++;
                        lastReturn = l.epReturn;
                        Map<String, Object> row = episodeRow(l.epReturn, l.epLength, eps, t0, startStep);
                        if (metrics != null) metrics.write(row);
                        listener.onEpisode(row);
                        l.epReturn = 0;
                        l.epLength = 0;
                        // a due checkpoint waits until every lane has finished its episode (an env's state
                        // mid-episode cannot be saved), so a resumed run continues exactly
                        if (step >= nextCheckpoint && run != null) draining = true;
                        if (draining) {
                            l.active = false;
                        } else {
                            l.begin(EpisodeSeeds.train(cfg.seed(), begun++));
                        }
                    } else {
                        l.obs = r.observation();
                        l.mask = nextMask;
                    }
                    if (step - lastLog >= cfg.logFrequency() || step == cfg.totalTimesteps()) {
                        lastLog = step;
                        listener.onProgress(new Progress(step, cfg.totalTimesteps(), episodes, lastReturn, eps,
                                (step - startStep) / Math.max(1e-9, secondsSince(t0))));
                    }
                }
                // (not at the last step: the final checkpoint, written by finish, is that step's)
                if (draining && step < cfg.totalTimesteps() && Arrays.stream(lanes).noneMatch(l -> l.active)) {
                    // the next due step is saved with the checkpoint: a resumed run must not pause again at once
                    nextCheckpoint = (step / cfg.checkpointFrequency() + 1) * cfg.checkpointFrequency();
                    saveCheckpoint(secondsSince(t0));
                    draining = false;
                    for (Lane l : lanes) l.begin(EpisodeSeeds.train(cfg.seed(), begun++));
                }
            }
            if (!stopRequested) {
                // the run ends mid-episode in the lanes still active: those episodes are truncated here, so the
                // final checkpoint holds no n-step window that a longer resumed run would join to its new episodes
                for (Lane l : lanes) {
                    if (l.active) agent.truncate(l.index, l.obs, l.mask);
                }
            }
        }
        if (stopRequested) return Map.of();
        double trainSeconds = secondsSince(t0);
        // over the whole run (a resumed one adds its earlier sessions: one that resumed at its last step has trained
        // nothing itself, and its own rate would read 0); an uninterrupted run's figure is unchanged
        return finish(trainSeconds, step / Math.max(1e-9, priorWallSeconds + trainSeconds));
    }

    /** Gradient steps, target updates and periodic evaluation due after env step {@link #step}. */
    private void trainOnSchedule(RunDir.MetricsWriter metrics) {
        // (an n-step replay holds nothing until some env has made n steps or ended an episode: no update before)
        if (step > cfg.learningStarts() && step % cfg.trainFrequency() == 0 && agent.replay.size() > 0) {
            for (int g = 0; g < cfg.gradientSteps(); g++) {
                boolean withQ = (updates % 16) == 0;
                DqnAgent.UpdateStats s = agent.update(withQ);
                updates++;
                // a NaN or infinite loss means NaN weights from here on: stop before anything is saved from them
                if (!Float.isFinite(s.loss())) throw diverged("the loss was " + s.loss() + " at update " + updates);
                lossSum += s.loss();
                lossCount++;
                if (withQ) {
                    qSum += s.meanQ();
                    qCount++;
                }
            }
        }
        if (step > cfg.learningStarts() && step % cfg.targetNetworkFrequency() == 0) agent.updateTarget();
        if (cfg.evalFrequency() > 0 && step % cfg.evalFrequency() == 0) periodicEval(metrics);
    }

    /** One env of the run and its current episode. */
    private static final class Lane {
        final int index;
        final Env<float[], Integer> env;
        float[] obs;
        boolean[] mask;
        boolean active;
        int action;
        StepResult<float[]> result;
        double epReturn;
        long epLength;

        Lane(int index, Env<float[], Integer> env) {
            this.index = index;
            this.env = env;
        }

        void begin(long seed) {
            obs = env.reset(seed).observation();
            mask = Evaluation.maskOf(env);
            active = true;
        }
    }

    /** The run's envs, and the virtual threads that step them when there are several. */
    private static final class Lanes implements AutoCloseable {
        final Lane[] lanes;
        private final ExecutorService pool;

        Lanes(int n, Supplier<? extends Env<float[], Integer>> factory) {
            lanes = new Lane[n];
            pool = n > 1 ? Executors.newVirtualThreadPerTaskExecutor() : null;
            try {
                for (int i = 0; i < n; i++) lanes[i] = new Lane(i, factory.get());
            } catch (RuntimeException e) {
                close(e);
                throw e;
            }
        }

        /** Steps the lanes {@code stepping[0..count)} with their chosen actions; several at once on virtual threads. */
        void step(int[] stepping, int count) {
            if (pool == null || count == 1) {
                for (int c = 0; c < count; c++) {
                    Lane l = lanes[stepping[c]];
                    l.result = l.env.step(l.action);
                }
                return;
            }
            List<Callable<StepResult<float[]>>> jobs = new ArrayList<>(count);
            for (int c = 0; c < count; c++) {
                Lane l = lanes[stepping[c]];
                jobs.add(() -> l.env.step(l.action));
            }
            List<StepResult<float[]>> results = Concurrently.all(pool, "env step", jobs);
            for (int c = 0; c < count; c++) lanes[stepping[c]].result = results.get(c);
        }

        @Override
        public void close() {
            RuntimeException failure = close(null);
            if (failure != null) throw failure;
        }

        /** Closes everything; failures are added to {@code primary} if given, else the first is returned. */
        private RuntimeException close(RuntimeException primary) {
            if (pool != null) {
                pool.shutdownNow();
                pool.close(); // waits for steps a failure interrupted, so no env is closed while it steps
            }
            RuntimeException first = null;
            for (Lane l : lanes) {
                if (l == null) continue;
                try {
                    l.env.close();
                } catch (Exception e) {
                    if (primary != null) {
                        primary.addSuppressed(e);
                    } else if (first == null) {
                        first = e instanceof RuntimeException r ? r : new IllegalStateException("closing env " + l.index, e);
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            return first;
        }
    }

    private Map<String, Object> episodeRow(double ret, long len, double eps, long t0, long startStep) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("type", "episode");
        row.put("step", step);
        row.put("episode", episodes);
        row.put("return", ret);
        row.put("length", len);
        row.put("loss", lossCount == 0 ? null : lossSum / lossCount);
        row.put("mean_q", qCount == 0 ? null : qSum / qCount);
        row.put("epsilon", eps);
        row.put("updates", updates);
        row.put("steps_per_second", (step - startStep) / Math.max(1e-9, secondsSince(t0)));
        lossSum = qSum = 0;
        lossCount = qCount = 0;
        return row;
    }

    private void periodicEval(RunDir.MetricsWriter metrics) {
        double[] returns = Evaluation.returns(agent::greedy, envFactory,
                EpisodeSeeds.periodicEval(cfg.seed(), cfg.evalDuringEpisodes()));
        double mean = Evaluation.mean(returns);
        boolean best = mean >= bestEval;
        if (best) {
            bestEval = mean;
            bestParams = agent.onlineParams();
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("type", "eval");
        row.put("step", step);
        row.put("eval_mean_return", mean);
        row.put("eval_std_return", Evaluation.std(returns));
        row.put("best", best);
        if (metrics != null) metrics.write(row);
        listener.onMessage(String.format("step %d: periodic eval mean return %.1f%s", step, mean, best ? " (best)" : ""));
    }

    private Map<String, Object> finish(double trainSeconds, double stepsPerSecond) throws IOException {
        // Choose the policy to report: the final one, or the best periodic one if it evaluated higher on the
        // periodic-evaluation episodes (SB3 EvalCallback's best_model). The final evaluation below uses other seeds.
        String policy = "final";
        float[] finalParams = agent.onlineParams();
        Double finalPeriodic = null;
        if (cfg.evalFrequency() > 0 && bestParams != null) {
            double[] periodic = Evaluation.returns(agent::greedy, envFactory,
                    EpisodeSeeds.periodicEval(cfg.seed(), cfg.evalDuringEpisodes()), null, () -> stopRequested);
            if (periodic == null) return stoppedInFinish(trainSeconds);
            finalPeriodic = Evaluation.mean(periodic);
            if (bestEval > finalPeriodic) {
                policy = "best";
                agent.loadOnlineParams(bestParams);
            }
        }
        double[] returns = Evaluation.returns(agent::greedy, envFactory,
                EpisodeSeeds.finalEval(cfg.seed(), cfg.evalEpisodes()), null, () -> stopRequested);
        if (returns == null) {
            agent.loadOnlineParams(finalParams);
            return stoppedInFinish(trainSeconds);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("env", cfg.envId());
        summary.put("seed", cfg.seed());
        summary.put("steps", step);
        summary.put("episodes", episodes);
        summary.put("updates", updates);
        summary.put("eval_episodes", returns.length);
        // no evaluation (evalEpisodes = 0): null, as for the other figures a run does not have (not "NaN")
        summary.put("eval_mean_return", returns.length == 0 ? null : Evaluation.mean(returns));
        summary.put("eval_std_return", returns.length == 0 ? null : Evaluation.std(returns));
        summary.put("eval_policy", policy);
        summary.put("best_periodic_eval_mean_return", bestParams == null ? null : bestEval);
        summary.put("final_policy_periodic_eval_mean_return", finalPeriodic);
        summary.put("wall_seconds", priorWallSeconds + trainSeconds);
        summary.put("env_steps_per_second", stepsPerSecond);
        summary.put("backend", agent.backendName());
        if (run != null) {
            if (restoredStep == step) {
                // restored from a checkpoint of the last step, which an earlier version saved as a periodic one
                // before failing on the final one: this state is that checkpoint's, so replacing it loses nothing
                Checkpoint.delete(Checkpoint.dirFor(run.checkpoints(), step));
            }
            if (policy.equals("best")) agent.loadOnlineParams(finalParams); // checkpoint the true final state
            saveCheckpoint(trainSeconds, policy);
            if (policy.equals("best")) agent.loadOnlineParams(bestParams);
            // stopped during the final evaluation: as promised, no summary (a resume from the final checkpoint
            // just saved redoes this ending)
            if (stopRequested) return Map.of();
            run.writeJson("summary.json", summary);
        }
        return stopRequested ? Map.of() : summary;
    }

    /**
     * A stop during the final evaluations (which may be long): the trained state is saved as the final checkpoint
     * (unless it is the checkpoint this run was restored from), so a resume redoes only the ending; no summary.
     */
    private Map<String, Object> stoppedInFinish(double trainSeconds) throws IOException {
        if (run != null && restoredStep != step) saveCheckpoint(trainSeconds);
        return Map.of();
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private void saveCheckpoint(double seconds) throws IOException {
        saveCheckpoint(seconds, null);
    }

    private void saveCheckpoint(double seconds, String evalPolicy) throws IOException {
        CheckpointWriter w = new CheckpointWriter(step);
        ObjectNode meta = w.meta();
        meta.put("kind", "dqn");
        meta.put("step", step);
        meta.put("episodes", episodes);
        meta.put("updates", updates);
        meta.put("adam_step", agent.optimizer.stepCount());
        meta.put("best_eval", bestEval);
        meta.put("next_checkpoint", nextCheckpoint);
        meta.put("loss_sum", lossSum);
        meta.put("loss_count", lossCount);
        meta.put("q_sum", qSum);
        meta.put("q_count", qCount);
        meta.put("wall_seconds", priorWallSeconds + seconds);
        if (evalPolicy != null) meta.put("eval_policy", evalPolicy);
        meta.set("config", RunDir.JSON.valueToTree(ConfigOverrides.toMap(cfg)));
        if (world != null) meta.set("world", normalized(world.settings()));
        float[] online = agent.onlineParams();
        for (float p : online) {
            if (!Float.isFinite(p)) throw diverged("the online network's weights held " + p + " at a checkpoint");
        }
        w.put("online", online);
        w.put("target", agent.targetParams());
        float[][] adam = agent.optimizer.state();
        w.put("adam.m", adam[0]);
        w.put("adam.v", adam[1]);
        w.put("rng.explore", agent.exploreRng.saveState());
        w.put("rng.replay", agent.replayRng.saveState());
        if (bestParams != null) w.put("best", bestParams);
        w.putAll("replay.", agent.replay.saveState());
        w.write(Checkpoint.dirFor(run.checkpoints(), step));
    }

    /** {@return the failure for a divergence found at the current step: where, and what to change} */
    private TrainingDivergedException diverged(String what) {
        return new TrainingDivergedException(step, "training diverged: " + what + " (env step " + step + " of "
                + cfg.totalTimesteps() + "); nothing from that point was saved, the run folder keeps the metrics of "
                + "the episodes before it and its newest checkpoint. Start a new run with a smaller learningRate (now "
                + cfg.learningRate() + ")" + (cfg.maxGradNorm() > 0 ? "" : " or with maxGradNorm set (gradient "
                + "clipping, now off)"));
    }

    /** {@return manifest field {@code meta.key}, a whole number >= 0} */
    private static long metaCount(Checkpoint ckpt, String key) {
        JsonNode v = ckpt.meta().get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            throw new IllegalArgumentException("checkpoint " + ckpt.dir() + ": manifest.json field meta." + key
                    + ": expected a whole number >= 0, actual " + (v == null ? "none" : v.toString()));
        }
        return v.asLong();
    }

    /** {@return manifest field {@code meta.key}, a number (NaN and infinities are written as strings)} */
    private static double metaDouble(Checkpoint ckpt, String key) {
        JsonNode v = ckpt.meta().get(key);
        if (v != null && v.isNumber()) return v.asDouble();
        if (v != null && v.isTextual() && java.util.Set.of("NaN", "Infinity", "-Infinity").contains(v.asText())) {
            return Double.parseDouble(v.asText());
        }
        throw new IllegalArgumentException("checkpoint " + ckpt.dir() + ": manifest.json field meta." + key
                + ": expected a number, actual " + (v == null ? "none" : v.toString()));
    }

    /**
     * The settings of the world the agent trains in beyond its own config (a code env's tasks, split, rewards and
     * model: {@code executive.json}), saved with every checkpoint; a resume whose settings differ from the
     * checkpoint's is refused, as a changed config.json is.
     *
     * @param file      the settings file's name, for messages
     * @param settings  the settings, as written to that file
     * @param mayChange keys a resume may change (where a cache lives, how long to wait for a server)
     */
    public record World(String file, Map<String, Object> settings, java.util.Set<String> mayChange) {

        /** Copies the collections. */
        public World {
            Objects.requireNonNull(file, "file");
            settings = new java.util.LinkedHashMap<>(settings);
            mayChange = java.util.Set.copyOf(mayChange);
        }
    }

    /**
     * Pins the world's settings: saved with every checkpoint from now on, and, when set before
     * {@link #restore}, compared with the checkpoint's.
     *
     * @return this
     */
    public DqnTrainer world(World world) {
        this.world = Objects.requireNonNull(world, "world");
        return this;
    }

    /** {@return {@code value} as a tree with JSON's own number types, so two maps compare by their text} */
    private static JsonNode normalized(Object value) {
        try {
            return RunDir.JSON.readTree(RunDir.JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Refuses a resume whose world settings differ from those {@code ckpt} was trained with (if it saved any). */
    private void checkSameWorld(Checkpoint ckpt) {
        JsonNode saved = ckpt.meta().get("world");
        if (world == null || saved == null || !saved.isObject()) return;
        JsonNode now = normalized(world.settings());
        java.util.Set<String> keys = new java.util.TreeSet<>();
        saved.fieldNames().forEachRemaining(keys::add);
        now.fieldNames().forEachRemaining(keys::add);
        List<String> changed = new ArrayList<>();
        for (String k : keys) {
            if (!world.mayChange().contains(k) && !Objects.equals(saved.get(k), now.get(k))) {
                changed.add(k + " " + (saved.has(k) ? saved.get(k) : "absent") + " -> "
                        + (now.has(k) ? now.get(k) : "absent"));
            }
        }
        if (!changed.isEmpty()) {
            throw new IllegalArgumentException(world.file() + " differs from the settings checkpoint " + ckpt.dir()
                    + " was trained with (" + String.join(", ", changed) + "); a resume continues the same run in "
                    + "the same world" + (world.mayChange().isEmpty() ? ""
                    : ", so only " + new java.util.TreeSet<>(world.mayChange()) + " may change"));
        }
    }

    /** The settings a resume may change: how long the run goes on, how often it checkpoints and reports. */
    private static final java.util.Set<String> RESUME_MAY_CHANGE =
            java.util.Set.of("totalTimesteps", "checkpointFrequency", "logFrequency");

    /**
     * Refuses a config that differs from the one the checkpoint was trained with (manifest field
     * {@code meta.config}) in any setting but {@link #RESUME_MAY_CHANGE}: continuing with another seed or learning
     * rate would not be the run the folder records, and the summary would misreport it. Checkpoints without the
     * field pass.
     */
    private void checkSameConfig(Checkpoint ckpt) {
        JsonNode saved = ckpt.meta().get("config");
        if (saved == null) return;
        Map<String, Object> was;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = RunDir.JSON.convertValue(saved, Map.class);
            m.keySet().retainAll(ConfigOverrides.keys()); // a key of an older version is not compared
            was = ConfigOverrides.toMap(ConfigOverrides.apply(cfg, m));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint " + ckpt.dir() + ": manifest.json field meta.config: "
                    + e.getMessage(), e);
        }
        Map<String, Object> now = ConfigOverrides.toMap(cfg);
        List<String> changed = new ArrayList<>();
        for (var e : now.entrySet()) {
            Object before = was.get(e.getKey());
            if (!RESUME_MAY_CHANGE.contains(e.getKey()) && !java.util.Objects.equals(before, e.getValue())) {
                changed.add(e.getKey() + " " + before + " -> " + e.getValue()); // toMap gives lists, not arrays
            }
        }
        if (!changed.isEmpty()) {
            throw new IllegalArgumentException("config.json differs from the config checkpoint " + ckpt.dir()
                    + " was trained with (" + String.join(", ", changed) + "); a resume continues the same run, so "
                    + "only " + new java.util.TreeSet<>(RESUME_MAY_CHANGE) + " may change");
        }
    }

    /**
     * Restores the trainer's complete state from {@code ckpt}, so that {@link #train()} continues exactly as the
     * uninterrupted run would have.
     *
     * @throws IllegalArgumentException if the checkpoint does not belong to a DQN run with this config's shapes
     */
    public void restore(Checkpoint ckpt) {
        JsonNode meta = ckpt.meta();
        if (!"dqn".equals(meta.path("kind").asText())) {
            throw new IllegalArgumentException("checkpoint " + ckpt.dir() + ": expected a DQN checkpoint, actual kind '"
                    + meta.path("kind").asText() + "'");
        }
        // the manifest is not covered by the arrays' checksums: check every field's type before using any
        long mStep = metaCount(ckpt, "step"), mEpisodes = metaCount(ckpt, "episodes");
        long mUpdates = metaCount(ckpt, "updates"), mNext = metaCount(ckpt, "next_checkpoint");
        long mLossCount = metaCount(ckpt, "loss_count"), mQCount = metaCount(ckpt, "q_count");
        long mAdamStep = metaCount(ckpt, "adam_step");
        if (mStep != ckpt.step()) {
            throw new IllegalArgumentException("checkpoint " + ckpt.dir() + ": manifest.json field meta.step: expected "
                    + ckpt.step() + " (the checkpoint's step), actual " + mStep);
        }
        checkSameConfig(ckpt);
        checkSameWorld(ckpt);
        double mBest = metaDouble(ckpt, "best_eval"), mLossSum = metaDouble(ckpt, "loss_sum");
        double mQSum = metaDouble(ckpt, "q_sum"), mWall = metaDouble(ckpt, "wall_seconds");
        step = mStep;
        restoredStep = step;
        episodes = mEpisodes;
        updates = mUpdates;
        bestEval = mBest;
        nextCheckpoint = mNext;
        lossSum = mLossSum;
        lossCount = mLossCount;
        qSum = mQSum;
        qCount = mQCount;
        priorWallSeconds = mWall;
        agent.loadOnlineParams(ckpt.floats("online"));
        agent.loadTargetParams(ckpt.floats("target"));
        agent.optimizer.restore(ckpt.floats("adam.m"), ckpt.floats("adam.v"), mAdamStep);
        agent.exploreRng.restoreState(ckpt.bytes("rng.explore"));
        agent.replayRng.restoreState(ckpt.bytes("rng.replay"));
        bestParams = ckpt.contains("best") ? ckpt.floats("best") : null;
        int networkSize = agent.onlineParams().length;
        if (bestParams != null && bestParams.length != networkSize) {
            throw new IllegalArgumentException("best params: expected " + networkSize + " floats, actual "
                    + bestParams.length);
        }
        agent.replay.restoreState(ckpt.arrays("replay."));
        agent.setStep(step);
    }

    /**
     * Reopens a run folder, restores its newest checkpoint (if any), cuts metrics.jsonl back to that point
     * (the old file is kept as metrics.jsonl.bak) and returns a trainer ready to continue. A damaged newest
     * checkpoint is an error ({@link dev.rlcode.core.checkpoint.CheckpointException} naming the file), thrown
     * before anything in the run folder is modified.
     */
    public static DqnTrainer resume(RunDir run, Supplier<? extends Env<float[], Integer>> envFactory, Backend backend,
                                    Listener listener) throws IOException {
        return resume(run, envFactory, backend, listener, null);
    }

    /**
     * As {@link #resume(RunDir, Supplier, Backend, Listener)}, with the world's settings pinned ({@link #world}):
     * a checkpoint that saved other settings is refused before anything is changed.
     *
     * @param world the world's settings now, or null for none
     */
    public static DqnTrainer resume(RunDir run, Supplier<? extends Env<float[], Integer>> envFactory, Backend backend,
                                    Listener listener, World world) throws IOException {
        DqnConfig cfg = ConfigOverrides.apply(DqnConfig.cartPole(), run.readJson("config.json"));
        DqnTrainer t = new DqnTrainer(cfg, envFactory, backend, run, listener);
        if (world != null) t.world(world);
        Optional<Checkpoint> latest = Checkpoint.newest(run.checkpoints());
        if (latest.isPresent()) t.restore(latest.get());
        run.truncateMetrics(t.step);
        if (t.listener != null) {
            t.listener.onMessage(latest.map(c -> "resuming from " + c.dir() + " at step " + c.step())
                    .orElse("no checkpoint found: starting from step 0"));
        }
        return t;
    }

    /** {@return the env step count reached} */
    public long step() {
        return step;
    }
}
