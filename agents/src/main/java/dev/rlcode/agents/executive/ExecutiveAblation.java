package dev.rlcode.agents.executive;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.dqn.DqnTrainer;
import dev.rlcode.agents.report.RunReport;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.wrapper.IllegalActionNoOp;
import dev.rlcode.envs.code.ExecutiveConfig;
import dev.rlcode.envs.code.ExecutiveEnv;
import dev.rlcode.envs.code.ExecutiveEpisode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Executive ablation: vanilla DQN, Double, Dueling and Double+Dueling, each with and without action masking,
 * over several seeds, every run evaluated on the same held-out episodes (test tasks, final-evaluation seeds of its
 * run seed) as {@link ExecutiveTraining}.
 *
 * <p><b>Without masking</b> the learner sees every action as legal; an illegal choice is a wasted step through
 * {@link IllegalActionNoOp}: it costs {@link #ILLEGAL_PENALTY_OF} the env's LLM-call cost (the most expensive legal
 * action, so wasting a step is never cheaper than acting) and counts against the env's step limit; spending the
 * limit ends the episode as a failure. The greedy policy of an unmasked agent is evaluated the same way (an illegal
 * greedy choice in a state repeats until the limit, so it fails the episode), and its illegal actions are counted.
 *
 * <p>Output folder: one run folder per variant and seed ({@code <variant>-seed<S>}: config.json, metrics.jsonl,
 * checkpoints, summary.json), {@code ablation.json} rewritten after every run (an interrupted ablation keeps every
 * finished run, and a rerun into the same folder skips runs whose summary.json exists) and report.html.
 */
public final class ExecutiveAblation {

    /** The illegal-action penalty as a multiple of the env's (negative) LLM-call cost. */
    public static final double ILLEGAL_PENALTY_OF = 1.0;

    /** One arm of the ablation. @param name folder-safe name @param doubleQ Double DQN @param dueling dueling head
     * @param masking action masking when acting and in targets */
    public record Variant(String name, boolean doubleQ, boolean dueling, boolean masking) {

        /** {@return {@code base} with this arm's three switches} */
        public DqnConfig apply(DqnConfig base) {
            return ConfigOverrides.apply(base, Map.of("doubleQ", doubleQ, "dueling", dueling, "masking", masking));
        }
    }

    /** The eight arms, masked ones first. */
    public static final List<Variant> VARIANTS = List.of(
            new Variant("dqn", false, false, true), new Variant("double", true, false, true),
            new Variant("dueling", false, true, true), new Variant("double+dueling", true, true, true),
            new Variant("dqn-nomask", false, false, false), new Variant("double-nomask", true, false, false),
            new Variant("dueling-nomask", false, true, false), new Variant("double+dueling-nomask", true, true, false));

    private ExecutiveAblation() {
    }

    /**
     * Runs every variant for every seed, sequentially.
     *
     * @param setup        tasks, model factory, judge and notes
     * @param envConfig    the env's settings
     * @param base         the DQN settings the arms modify (seed is replaced per run)
     * @param variants     the arms
     * @param seeds        run seeds
     * @param evalEpisodes held-out episodes per run
     * @param backend      compute backend
     * @param out          output folder (created if missing)
     * @param log          one line per finished run
     * @return the content of ablation.json
     * @throws IllegalArgumentException if there are no variants, no seeds or {@code evalEpisodes < 1}
     * @throws IOException              if a run folder cannot be written
     */
    public static Map<String, Object> run(ExecutiveSetup setup, ExecutiveConfig envConfig, DqnConfig base,
                                          List<Variant> variants, List<Long> seeds, int evalEpisodes, Backend backend,
                                          Path out, Consumer<String> log) throws IOException {
        if (variants.isEmpty() || seeds.isEmpty() || evalEpisodes < 1) {
            throw new IllegalArgumentException("ablation: expected variants, seeds and evalEpisodes >= 1, actual "
                    + variants.size() + " variants, " + seeds.size() + " seeds, evalEpisodes=" + evalEpisodes);
        }
        if (variants.stream().map(Variant::name).distinct().count() < variants.size()
                || seeds.stream().distinct().count() < seeds.size()) {
            throw new IllegalArgumentException("ablation: expected distinct variants and seeds, actual "
                    + variants.stream().map(Variant::name).toList() + " and " + seeds);
        }
        Files.createDirectories(out);
        Map<String, Object> ablation = new LinkedHashMap<>();
        ablation.put("description", "Executive ablation: " + variants.size() + " variants x seeds " + seeds + ", "
                + base.totalTimesteps() + " env steps each, " + evalEpisodes + " held-out episodes per run (test "
                + "tasks, final-evaluation seeds). Without masking an illegal action is a wasted step costing "
                + ILLEGAL_PENALTY_OF + " x the LLM-call cost.");
        ablation.put("total_timesteps", base.totalTimesteps());
        ablation.put("eval_episodes", evalEpisodes);
        ablation.put("seeds", seeds);
        List<Object> arms = new ArrayList<>();
        ablation.put("variants", arms);
        for (Variant v : variants) {
            List<Object> runs = new ArrayList<>();
            Map<String, Object> arm = new LinkedHashMap<>();
            arm.put("variant", v.name());
            arm.put("double_q", v.doubleQ());
            arm.put("dueling", v.dueling());
            arm.put("masking", v.masking());
            arm.put("runs", runs);
            arms.add(arm);
            for (long seed : seeds) {
                Map<String, Object> r = runOne(setup, envConfig, v.apply(base), v, seed, evalEpisodes, backend, out,
                        log);
                runs.add(r);
                log.accept(String.format(java.util.Locale.ROOT, "%-22s seed %d: success %.3f [%.3f, %.3f], "
                                + "illegal actions/episode %.2f", v.name(), seed, r.get("success_rate"),
                        r.get("success_ci95_low"), r.get("success_ci95_high"), r.get("mean_illegal_actions")));
                RunDir.JSON.writeValue(out.resolve(RunReport.ABLATION).toFile(), ablation);
            }
        }
        RunReport.write(out);
        return ablation;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> runOne(ExecutiveSetup setup, ExecutiveConfig envConfig, DqnConfig arm,
                                              Variant v, long seed, int evalEpisodes, Backend backend, Path out,
                                              Consumer<String> log)
            throws IOException {
        String folder = v.name() + "-seed" + seed;
        Path dir = out.resolve(folder);
        if (Files.isRegularFile(dir.resolve("summary.json"))) {
            Map<String, Object> done = RunDir.readJsonObject(dir.resolve("summary.json"));
            done.put("run_dir", folder);
            return done;
        }
        if (Files.exists(dir)) {
            // an arm interrupted earlier (Ctrl-C): its folder is kept under another name and the arm trained
            // again from the start, which gives the run an uninterrupted one would have (same seed, same episodes)
            Path aside = out.resolve(folder + ".interrupted");
            for (int i = 2; Files.exists(aside); i++) aside = out.resolve(folder + ".interrupted-" + i);
            Files.move(dir, aside);
            log.accept(folder + ": an unfinished run of an earlier ablation is kept as " + aside.getFileName()
                    + "; training this arm again from the start");
        }
        DqnConfig cfg = ConfigOverrides.apply(arm, Map.of("seed", seed));
        RunDir run = RunDir.create(dir);
        run.writeJson("config.json", ConfigOverrides.toMap(cfg));
        double penalty = ILLEGAL_PENALTY_OF * envConfig.llmCallCost();
        DqnTrainer trainer = new DqnTrainer(cfg, v.masking()
                ? () -> setup.env(envConfig, setup.train())
                : () -> new IllegalActionNoOp<>(setup.env(envConfig, setup.train()), envConfig.maxSteps(), penalty,
                envConfig.failureReward(), envConfig.stepLimitTerminates()), backend, run, null);
        Map<String, Object> trained = trainer.train();
        List<ExecutiveEpisode> episodes = ExecutiveEvaluation.heldOutEpisodes(setup.test(), seed, evalEpisodes);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("variant", v.name());
        summary.put("seed", seed);
        summary.put("steps", trained.get("steps"));
        summary.put("wall_seconds", trained.get("wall_seconds"));
        if (v.masking()) {
            summary.putAll(ExecutiveEvaluation.evaluate(setup.env(envConfig, setup.test()), episodes,
                    (env, obs, mask) -> trainer.agent().greedy(obs, mask)).toMap());
            summary.put("mean_illegal_actions", 0.0);
        } else {
            summary.putAll(evaluateUnmasked(setup.env(envConfig, setup.test()), envConfig, penalty, episodes,
                    obs -> trainer.agent().greedy(obs, null)));
        }
        run.writeJson("summary.json", summary);
        summary.put("run_dir", folder);
        return summary;
    }

    /**
     * Evaluates a policy that ignores the mask through {@link IllegalActionNoOp}: success, Wilson interval, mean
     * steps, LLM calls and test runs (of the legal actions), template share (an episode with an illegal action
     * follows no template) and mean illegal actions per episode.
     *
     * @param env       the Executive env on the evaluation tasks
     * @param envConfig its settings (step limit, failure reward)
     * @param penalty   reward of an illegal action
     * @param episodes  the held-out episodes
     * @param policy    observation to action, any of the five
     * @return the figures under summary.json keys
     */
    public static Map<String, Object> evaluateUnmasked(ExecutiveEnv env, ExecutiveConfig envConfig, double penalty,
                                                       List<ExecutiveEpisode> episodes,
                                                       java.util.function.ToIntFunction<float[]> policy) {
        Objects.requireNonNull(policy, "policy");
        IllegalActionNoOp<float[]> w = new IllegalActionNoOp<>(env, envConfig.maxSteps(), penalty,
                envConfig.failureReward(), envConfig.stepLimitTerminates());
        int successes = 0, named = 0;
        long steps = 0, llmCalls = 0, testRuns = 0, illegal = 0;
        for (ExecutiveEpisode episode : episodes) {
            float[] obs = w.track(env.reset(episode)).observation();
            Map<String, Object> lastLegal = Map.of();
            StepResult<float[]> r;
            do {
                r = w.step(policy.applyAsInt(obs));
                obs = r.observation();
                steps++;
                if (!r.info().containsKey(IllegalActionNoOp.ILLEGAL_ACTION)) lastLegal = r.info();
            } while (!r.done());
            successes += Boolean.TRUE.equals(r.info().get("success")) ? 1 : 0;
            llmCalls += lastLegal.get("llm_calls") instanceof Integer n ? n : 0;
            testRuns += lastLegal.get("test_runs") instanceof Integer n ? n : 0;
            illegal += w.illegalActions();
            boolean clean = w.illegalActions() == 0 && lastLegal.get("trace") instanceof String t
                    && !ExecutiveEvaluation.template(t).equals(ExecutiveEvaluation.OTHER);
            named += clean ? 1 : 0;
        }
        int n = episodes.size();
        double[] ci = ExecutiveEvaluation.wilson(successes, n);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success_rate", (double) successes / n);
        m.put("success_ci95_low", ci[0]);
        m.put("success_ci95_high", ci[1]);
        m.put("episodes", n);
        m.put("mean_steps", (double) steps / n);
        m.put("mean_llm_calls", (double) llmCalls / n);
        m.put("mean_test_runs", (double) testRuns / n);
        m.put("llm_calls_per_success", successes == 0 ? null : (double) llmCalls / successes);
        m.put("template_share", (double) named / n);
        m.put("mean_illegal_actions", (double) illegal / n);
        return m;
    }
}
