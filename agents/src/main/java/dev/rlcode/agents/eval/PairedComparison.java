package dev.rlcode.agents.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trained policy against one baseline, episode by episode: both played the same held-out episodes (same task,
 * same model seed), so their outcomes pair up. Unpaired figures hide two things this shows:
 * <ul>
 *   <li>whether a difference in success is more than episode noise: the counts of episodes only one of the two solved
 *   and McNemar's exact test on them (two-sided binomial test of those discordant pairs against 1/2);</li>
 *   <li>the LLM calls each spends on the episodes <em>both</em> solved. LLM calls per solved task mixes cost with
 *   success: a policy that also solves the hard episodes, which take more calls, looks costlier per solve even when it
 *   is cheaper on every episode the other one solves too.</li>
 * </ul>
 */
public final class PairedComparison {

    /** What one policy did on one episode. @param success solved at STOP @param llmCalls LLM calls it made */
    public record Outcome(boolean success, int llmCalls) {
    }

    private PairedComparison() {
    }

    /**
     * {@return {@code both_succeeded}, {@code only_agent}, {@code only_baseline}, {@code neither},
     * {@code mcnemar_p} (exact, two-sided; 1 when no episode is discordant), {@code agent_llm_calls_on_both} and
     * {@code baseline_llm_calls_on_both} (mean LLM calls per episode over the episodes both solved; null when none)}
     *
     * @param agent    the trained policy's outcomes, episode by episode
     * @param baseline the baseline's outcomes on the same episodes, in the same order
     * @throws IllegalArgumentException if the lists differ in length
     */
    public static Map<String, Object> compare(List<Outcome> agent, List<Outcome> baseline) {
        if (agent.size() != baseline.size()) {
            throw new IllegalArgumentException("paired comparison: expected the same episodes, actual " + agent.size()
                    + " outcomes of the agent and " + baseline.size() + " of the baseline");
        }
        int both = 0, onlyAgent = 0, onlyBaseline = 0;
        long agentCalls = 0, baselineCalls = 0;
        for (int i = 0; i < agent.size(); i++) {
            Outcome a = agent.get(i), b = baseline.get(i);
            if (a.success() && b.success()) {
                both++;
                agentCalls += a.llmCalls();
                baselineCalls += b.llmCalls();
            } else if (a.success()) {
                onlyAgent++;
            } else if (b.success()) {
                onlyBaseline++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("both_succeeded", both);
        m.put("only_agent", onlyAgent);
        m.put("only_baseline", onlyBaseline);
        m.put("neither", agent.size() - both - onlyAgent - onlyBaseline);
        m.put("mcnemar_p", mcnemarExactP(onlyAgent, onlyBaseline));
        m.put("agent_llm_calls_on_both", both == 0 ? null : (double) agentCalls / both);
        m.put("baseline_llm_calls_on_both", both == 0 ? null : (double) baselineCalls / both);
        return m;
    }

    /**
     * {@return the two-sided exact McNemar p-value of {@code b} and {@code c} discordant pairs: twice the smaller tail
     * of Binomial(b + c, 1/2), capped at 1; 1 when b + c = 0}
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public static double mcnemarExactP(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("mcnemar: expected counts >= 0, actual " + b + ", " + c);
        }
        int n = b + c, k = Math.min(b, c);
        if (n == 0) {
            return 1.0;
        }
        // P(X <= k) for X ~ Binomial(n, 1/2), each term from the last in log space (n may be large)
        double logTerm = -n * Math.log(2), tail = 0;
        for (int i = 0; i <= k; i++) {
            tail += Math.exp(logTerm);
            logTerm += Math.log(n - i) - Math.log(i + 1.0);
        }
        return Math.min(1.0, 2 * tail);
    }
}
