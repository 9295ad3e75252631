package dev.rlcode.agents.executive;

import dev.rlcode.agents.eval.PairedComparison;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Figures of one policy on a fixed list of Executive episodes.
 *
 * @param episodes           episodes run
 * @param successes          episodes whose code passed the hidden tests at STOP
 * @param successRate        {@code successes / episodes}
 * @param successCi95Low     lower end of the Wilson 95% interval of the success rate
 * @param successCi95High    upper end of the Wilson 95% interval
 * @param meanSteps          mean actions per episode
 * @param meanLlmCalls       mean GENERATE + DEBUG calls per episode
 * @param meanTestRuns       mean TEST runs per episode
 * @param llmCallsPerSuccess all LLM calls divided by the successes (NaN when none succeeded)
 * @param meanSearches       mean SEARCH actions per episode
 * @param searchHitRate      share of SEARCHes whose results held one of the task's own notes (NaN when none
 *                           searched): how often retrieval gave a deep repair what it needs
 * @param templateCounts     episodes per action template (see {@link ExecutiveEvaluation#template(String)})
 * @param otherTraces        the most frequent traces classed {@code other} (at most 5), with their counts
 * @param failedTraces       the most frequent failed episodes (at most 5) as {@code task: trace}, with their counts:
 *                           where a policy loses episodes
 * @param templatesByTier    episodes per action template for each task tier ({@code EASY}, {@code MEDIUM},
 *                           {@code HARD}, {@code NONE} for untiered datasets); tiers without episodes are absent
 * @param outcomes           success and LLM calls episode by episode, in the order played (not in {@link #toMap()})
 */
public record ExecutiveReport(int episodes, int successes, double successRate, double successCi95Low,
                              double successCi95High, double meanSteps, double meanLlmCalls, double meanTestRuns,
                              double llmCallsPerSuccess, double meanSearches, double searchHitRate,
                              Map<String, Integer> templateCounts,
                              Map<String, Integer> otherTraces, Map<String, Integer> failedTraces,
                              Map<String, Map<String, Integer>> templatesByTier,
                              java.util.List<PairedComparison.Outcome> outcomes) {

    /** Copies the template counts. */
    public ExecutiveReport {
        templateCounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(templateCounts));
        otherTraces = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(otherTraces));
        failedTraces = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failedTraces));
        Map<String, Map<String, Integer>> byTier = new LinkedHashMap<>();
        templatesByTier.forEach((tier, counts) -> byTier.put(tier,
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts))));
        templatesByTier = java.util.Collections.unmodifiableMap(byTier);
        outcomes = java.util.List.copyOf(outcomes);
    }

    /** {@return the share of episodes that follow one of the three named templates} */
    public double templateShare() {
        int named = episodes - templateCounts.getOrDefault(ExecutiveEvaluation.OTHER, 0);
        return episodes == 0 ? 0 : (double) named / episodes;
    }

    /** {@return the figures under the snake_case keys of summary.json} */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success_rate", successRate);
        m.put("success_ci95_low", successCi95Low);
        m.put("success_ci95_high", successCi95High);
        m.put("episodes", episodes);
        m.put("mean_steps", meanSteps);
        m.put("mean_llm_calls", meanLlmCalls);
        m.put("mean_test_runs", meanTestRuns);
        m.put("llm_calls_per_success", Double.isNaN(llmCallsPerSuccess) ? null : llmCallsPerSuccess);
        m.put("mean_searches", meanSearches);
        m.put("search_note_hit_rate", Double.isNaN(searchHitRate) ? null : searchHitRate);
        m.put("template_share", templateShare());
        m.put("template_counts", new LinkedHashMap<>(templateCounts));
        m.put("top_other_traces", new LinkedHashMap<>(otherTraces));
        m.put("top_failed_traces", new LinkedHashMap<>(failedTraces));
        m.put("template_counts_by_tier", new LinkedHashMap<>(templatesByTier));
        return m;
    }
}
