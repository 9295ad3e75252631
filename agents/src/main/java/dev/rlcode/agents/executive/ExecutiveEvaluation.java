package dev.rlcode.agents.executive;

import dev.rlcode.agents.dqn.EpisodeSeeds;
import dev.rlcode.agents.eval.Evaluation;
import dev.rlcode.agents.eval.PairedComparison;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.envs.code.ExecutiveEnv;
import dev.rlcode.envs.code.ExecutiveEpisode;
import dev.rlcode.envs.code.task.CodeTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a policy on a fixed list of {@link ExecutiveEpisode}s (same task and model seed for every policy) and
 * computes the figures of an {@link ExecutiveReport}.
 */
public final class ExecutiveEvaluation {

    /** Template key of an episode that follows none of the named templates. */
    public static final String OTHER = "other";
    /** The named templates, in the order of summary.json. */
    public static final List<String> TEMPLATES = List.of("generate-test-stop", "generate-test-debug-test-stop",
            "generate-test-debug-test-search-debug-test-stop");
    private static final double Z95 = 1.959963984540054;

    private ExecutiveEvaluation() {
    }

    /**
     * {@return the held-out episodes: episode i works on {@code testTasks[i mod size]} with reset seed
     * {@code EpisodeSeeds.finalEval(runSeed, n)[i]}, a seed family training never uses}
     *
     * @throws IllegalArgumentException if there are no test tasks or {@code n < 1}
     */
    public static List<ExecutiveEpisode> heldOutEpisodes(List<CodeTask> testTasks, long runSeed, int n) {
        return heldOutEpisodes(testTasks, runSeed, 0, n);
    }

    /**
     * {@return like {@link #heldOutEpisodes(List, long, int)}, starting at index {@code offset} of the seed family
     * (a later evaluation skips the seeds an earlier one used)}
     *
     * @throws IllegalArgumentException if there are no tasks, {@code offset < 0} or {@code n < 1}
     */
    public static List<ExecutiveEpisode> heldOutEpisodes(List<CodeTask> tasks, long runSeed, int offset, int n) {
        if (tasks.isEmpty() || n < 1 || offset < 0) {
            throw new IllegalArgumentException("held-out episodes: expected tasks, offset >= 0 and n >= 1, actual "
                    + tasks.size() + " tasks, offset=" + offset + ", n=" + n);
        }
        return cycle(tasks, EpisodeSeeds.finalEval(runSeed, offset + n), offset);
    }

    /** {@return one episode per seed from index {@code from} on, episode i on {@code tasks[i mod size]}} */
    private static List<ExecutiveEpisode> cycle(List<CodeTask> tasks, long[] seeds, int from) {
        List<ExecutiveEpisode> out = new ArrayList<>(seeds.length - from);
        for (int i = from; i < seeds.length; i++) {
            out.add(ExecutiveEpisode.of(tasks.get(i % tasks.size()), seeds[i]));
        }
        return out;
    }

    /**
     * {@return the validation episodes of model selection: episode i works on {@code trainTasks[i mod size]} with
     * reset seed {@code EpisodeSeeds.periodicEval(runSeed, n)[i]}: training tasks, on a seed family that neither
     * training episodes nor the final evaluation (held-out, or {@code eval-code --split train}) use}
     *
     * @throws IllegalArgumentException if there are no tasks or {@code n < 1}
     */
    public static List<ExecutiveEpisode> validationEpisodes(List<CodeTask> trainTasks, long runSeed, int n) {
        if (trainTasks.isEmpty() || n < 1) {
            throw new IllegalArgumentException("validation episodes: expected tasks and n >= 1, actual "
                    + trainTasks.size() + " tasks, n=" + n);
        }
        return cycle(trainTasks, EpisodeSeeds.periodicEval(runSeed, n), 0);
    }

    /**
     * Runs one episode per entry.
     *
     * @param env      the env (its tasks are ignored: each episode names its task)
     * @param episodes the episodes
     * @param policy   the policy
     * @return the figures
     * @throws IllegalStateException if the policy picks a masked-out action
     */
    public static ExecutiveReport evaluate(ExecutiveEnv env, List<ExecutiveEpisode> episodes, ExecutivePolicy policy) {
        return evaluate(env, episodes, policy, () -> { });
    }

    /** {@return as {@link #evaluate(ExecutiveEnv, List, ExecutivePolicy)}, calling {@code onEpisode} after each episode} */
    public static ExecutiveReport evaluate(ExecutiveEnv env, List<ExecutiveEpisode> episodes, ExecutivePolicy policy,
                                           Runnable onEpisode) {
        Map<String, Integer> templates = new LinkedHashMap<>();
        TEMPLATES.forEach(t -> templates.put(t, 0));
        templates.put(OTHER, 0);
        Map<String, Integer> others = new LinkedHashMap<>();
        Map<String, Integer> failed = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> byTier = new java.util.TreeMap<>(
                java.util.Comparator.comparingInt(k -> dev.rlcode.envs.code.task.Tier.valueOf(k).ordinal()));
        int successes = 0;
        long steps = 0, llmCalls = 0, testRuns = 0, searches = 0, searchHits = 0;
        List<PairedComparison.Outcome> outcomes = new ArrayList<>(episodes.size());
        for (ExecutiveEpisode episode : episodes) {
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
            searches += (Integer) r.info().get("searches");
            searchHits += (Integer) r.info().get("search_hits");
            String trace = (String) r.info().get("trace");
            templates.merge(template(trace), 1, Integer::sum);
            byTier.computeIfAbsent(episode.task().tier().name(), k -> {
                Map<String, Integer> zero = new LinkedHashMap<>();
                TEMPLATES.forEach(t -> zero.put(t, 0));
                zero.put(OTHER, 0);
                return zero;
            }).merge(template(trace), 1, Integer::sum);
            if (template(trace).equals(OTHER)) {
                others.merge(trace, 1, Integer::sum);
            }
            if (!success) {
                failed.merge(episode.task().id() + ": " + trace, 1, Integer::sum);
            }
            onEpisode.run();
        }
        int n = episodes.size();
        double[] ci = wilson(successes, n);
        return new ExecutiveReport(n, successes, n == 0 ? 0 : (double) successes / n, ci[0], ci[1],
                (double) steps / n, (double) llmCalls / n, (double) testRuns / n,
                successes == 0 ? Double.NaN : (double) llmCalls / successes, (double) searches / n,
                searches == 0 ? Double.NaN : (double) searchHits / searches, templates, top(others, 5),
                top(failed, 5), byTier, outcomes);
    }

    private static Map<String, Integer> top(Map<String, Integer> counts, int k) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(k).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** {@return the template key of an action trace such as {@code "generate-test-stop"}: itself if named, else "other"} */
    public static String template(String trace) {
        return TEMPLATES.contains(trace) ? trace : OTHER;
    }

    /**
     * {@return the Wilson score 95% interval {low, high} of a proportion {@code k / n}; {0, 1} when n = 0}
     *
     * @throws IllegalArgumentException if not {@code 0 <= k <= n}
     */
    public static double[] wilson(int k, int n) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("wilson: expected 0 <= k <= n, actual k=" + k + ", n=" + n);
        }
        if (n == 0) {
            return new double[] {0, 1};
        }
        double p = (double) k / n, z2 = Z95 * Z95;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
