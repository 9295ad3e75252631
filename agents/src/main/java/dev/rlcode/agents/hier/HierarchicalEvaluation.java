package dev.rlcode.agents.hier;

import dev.rlcode.agents.dqn.EpisodeSeeds;
import dev.rlcode.agents.eval.BaselineComparison;
import dev.rlcode.agents.eval.Evaluation;
import dev.rlcode.agents.eval.PairedComparison;
import dev.rlcode.agents.executive.ExecutiveEvaluation;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.envs.code.HierarchicalEnv;
import dev.rlcode.envs.code.HierarchicalEpisode;
import dev.rlcode.envs.code.task.CompositeTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a policy on a fixed list of {@link HierarchicalEpisode}s (same composite and model seed for every policy) and
 * computes the held-out figures: success rate with its Wilson 95% interval, mean high-level steps, LLM calls, test
 * runs and Executive steps, and the most frequent action traces.
 */
public final class HierarchicalEvaluation {

    private HierarchicalEvaluation() {
    }

    /**
     * {@return the held-out episodes: episode i works on {@code composites[i mod size]} with reset seed
     * {@code EpisodeSeeds.finalEval(runSeed, offset + n)[offset + i]}, a seed family training never uses}
     *
     * @throws IllegalArgumentException if there are no composites, {@code offset < 0} or {@code n < 1}
     */
    public static List<HierarchicalEpisode> heldOutEpisodes(List<CompositeTask> composites, long runSeed, int offset,
                                                            int n) {
        if (composites.isEmpty() || n < 1 || offset < 0) {
            throw new IllegalArgumentException("held-out episodes: expected composites, offset >= 0 and n >= 1, actual "
                    + composites.size() + " composites, offset=" + offset + ", n=" + n);
        }
        long[] seeds = EpisodeSeeds.finalEval(runSeed, offset + n);
        List<HierarchicalEpisode> out = new ArrayList<>(n);
        for (int i = offset; i < offset + n; i++) {
            out.add(new HierarchicalEpisode(composites.get(i % composites.size()), seeds[i]));
        }
        return out;
    }

    /**
     * Runs one episode per entry.
     *
     * @param env      the env (its composites are ignored: each episode names its composite)
     * @param episodes the episodes
     * @param policy   the policy
     * @return {@code success_rate}, {@code success_ci95_low}, {@code success_ci95_high}, {@code episodes},
     *         {@code successes}, {@code mean_steps}, {@code mean_llm_calls}, {@code mean_test_runs},
     *         {@code mean_executive_steps}, {@code top_traces} (the five most frequent, with counts)
     * @throws IllegalStateException if the policy picks a masked-out action
     */
    public static Map<String, Object> evaluate(HierarchicalEnv env, List<HierarchicalEpisode> episodes,
                                               HierarchicalPolicy policy) {
        return evaluate(env, episodes, policy, () -> { });
    }

    /** {@return as {@link #evaluate(HierarchicalEnv, List, HierarchicalPolicy)}, calling {@code onEpisode} after each
     * episode} */
    public static Map<String, Object> evaluate(HierarchicalEnv env, List<HierarchicalEpisode> episodes,
                                               HierarchicalPolicy policy, Runnable onEpisode) {
        return played(env, episodes, policy, onEpisode).figures();
    }

    private static BaselineComparison.Evaluated played(HierarchicalEnv env, List<HierarchicalEpisode> episodes,
                                                      HierarchicalPolicy policy, Runnable onEpisode) {
        List<PairedComparison.Outcome> outcomes = new ArrayList<>(episodes.size());
        int successes = 0;
        long steps = 0, llmCalls = 0, testRuns = 0, executiveSteps = 0;
        Map<String, Integer> traces = new LinkedHashMap<>();
        for (HierarchicalEpisode episode : episodes) {
            policy.beginEpisode(episode.seed());
            Evaluation.Played played = Evaluation.playMasked(env, env.reset(episode).observation(),
                    (obs, mask) -> policy.act(env, obs, mask));
            StepResult<float[]> r = played.last();
            steps += played.steps();
            boolean success = Boolean.TRUE.equals(r.info().get("success"));
            successes += success ? 1 : 0;
            int calls = (Integer) r.info().get("llm_calls");
            llmCalls += calls;
            outcomes.add(new PairedComparison.Outcome(success, calls));
            testRuns += (Integer) r.info().get("test_runs");
            executiveSteps += (Integer) r.info().get("executive_steps");
            traces.merge((String) r.info().get("trace"), 1, Integer::sum);
            onEpisode.run();
        }
        int n = episodes.size();
        double[] ci = ExecutiveEvaluation.wilson(successes, n);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success_rate", n == 0 ? 0.0 : (double) successes / n);
        out.put("success_ci95_low", ci[0]);
        out.put("success_ci95_high", ci[1]);
        out.put("episodes", n);
        out.put("successes", successes);
        out.put("mean_steps", n == 0 ? 0.0 : (double) steps / n);
        out.put("mean_llm_calls", n == 0 ? 0.0 : (double) llmCalls / n);
        out.put("mean_test_runs", n == 0 ? 0.0 : (double) testRuns / n);
        out.put("mean_executive_steps", n == 0 ? 0.0 : (double) executiveSteps / n);
        Map<String, Integer> top = new LinkedHashMap<>();
        traces.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(5).forEach(e -> top.put(e.getKey(), e.getValue()));
        out.put("top_traces", top);
        return new BaselineComparison.Evaluated(out, outcomes);
    }

    /**
     * {@return the figures of {@code policy} followed by {@code baselines}: the same figures of the random, script and
     * oracle baselines on the same episodes}; the four run at once, each on its own env from {@code envs} (the same
     * episodes, so the same figures as one after another)
     *
     * @param progress receives a progress line at every tenth of the episodes, or null
     */
    public static Map<String, Object> withBaselines(java.util.function.Supplier<HierarchicalEnv> envs,
                                                    List<HierarchicalEpisode> episodes, HierarchicalPolicy policy,
                                                    java.util.function.Consumer<String> progress) {
        List<HierarchicalPolicy> policies = List.of(policy, HierarchicalBaselines.random(),
                HierarchicalBaselines.script(), HierarchicalBaselines.oracle());
        return BaselineComparison.run("hierarchical-eval", policies, episodes.size(), progress,
                (p, onEpisode) -> played(envs.get(), episodes, p, onEpisode));
    }
}
