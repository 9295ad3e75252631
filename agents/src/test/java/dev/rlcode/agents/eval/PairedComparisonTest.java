package dev.rlcode.agents.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.agents.eval.PairedComparison.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {

    private static Outcome ok(int calls) {
        return new Outcome(true, calls);
    }

    private static Outcome fail(int calls) {
        return new Outcome(false, calls);
    }

    @Test
    void countsPairsAndAveragesCallsOnlyOverEpisodesBothSolved() {
        List<Outcome> agent = List.of(ok(2), ok(4), ok(9), fail(5), fail(1));
        List<Outcome> base = List.of(ok(3), ok(3), fail(2), ok(2), fail(7));
        Map<String, Object> m = PairedComparison.compare(agent, base);
        assertEquals(2, m.get("both_succeeded"));
        assertEquals(1, m.get("only_agent"));
        assertEquals(1, m.get("only_baseline"));
        assertEquals(1, m.get("neither"));
        // episodes 0 and 1 only: the agent's 9-call solve of a task the baseline failed does not count against it
        assertEquals(3.0, (Double) m.get("agent_llm_calls_on_both"), 1e-12);
        assertEquals(3.0, (Double) m.get("baseline_llm_calls_on_both"), 1e-12);
        assertEquals(1.0, (Double) m.get("mcnemar_p"), 1e-12);
    }

    @Test
    void noEpisodeSolvedByBothLeavesTheCallFiguresEmpty() {
        Map<String, Object> m = PairedComparison.compare(List.of(ok(1), fail(1)), List.of(fail(1), fail(1)));
        assertNull(m.get("agent_llm_calls_on_both"));
        assertNull(m.get("baseline_llm_calls_on_both"));
    }

    @Test
    void mcnemarExactMatchesTheBinomialTails() {
        assertEquals(1.0, PairedComparison.mcnemarExactP(0, 0), 0);
        assertEquals(2.0 / 32, PairedComparison.mcnemarExactP(5, 0), 1e-15); // 2 * 0.5^5
        assertEquals(2.0 / 32, PairedComparison.mcnemarExactP(0, 5), 1e-15);
        assertEquals(10.0 / 16, PairedComparison.mcnemarExactP(3, 1), 1e-15); // 2 * (1 + 4) / 16
        assertEquals(1.0, PairedComparison.mcnemarExactP(4, 4), 0); // capped
        // 2 * sum_{i<=10} C(40, i) / 2^40, summed exactly in longs
        long sum = 0, c = 1;
        for (int i = 0; i <= 10; i++) {
            sum += c;
            c = c * (40 - i) / (i + 1);
        }
        assertEquals(2.0 * sum / Math.pow(2, 40), PairedComparison.mcnemarExactP(30, 10), 1e-13);
        // large counts stay finite and symmetric
        double p = PairedComparison.mcnemarExactP(5_000_000, 5_001_000);
        assertTrue(p > 0.7 && p <= 1.0, "p=" + p);
        assertEquals(p, PairedComparison.mcnemarExactP(5_001_000, 5_000_000), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.mcnemarExactP(-1, 2));
    }

    @Test
    void differentEpisodeCountsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.compare(List.of(ok(1)), List.of(ok(1), ok(1))));
    }

    @Test
    void everyBaselineOfAComparisonIsPairedWithTheTrainedPolicy() {
        // four "policies" whose outcomes are fixed: the trained one solves episodes 0-2, random none, script 1-3,
        // oracle all four
        List<List<Outcome>> outcomes = List.of(
                List.of(ok(2), ok(2), ok(2), fail(3)),
                List.of(fail(9), fail(9), fail(9), fail(9)),
                List.of(fail(4), ok(4), ok(4), ok(4)),
                List.of(ok(1), ok(1), ok(1), ok(1)));
        List<Integer> policies = List.of(0, 1, 2, 3);
        List<String> progress = new ArrayList<>();
        Map<String, Object> out = BaselineComparison.run("test", policies, 4, progress::add, (p, onEpisode) -> {
            outcomes.get(p).forEach(o -> onEpisode.run());
            return new BaselineComparison.Evaluated(Map.of("name", "policy" + p), outcomes.get(p));
        });
        assertEquals("policy0", out.get("name"));
        assertTrue(!out.containsKey("paired"), "the trained policy is not paired with itself");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> baselines = (Map<String, Map<String, Object>>) out.get("baselines");
        @SuppressWarnings("unchecked")
        Map<String, Object> script = (Map<String, Object>) baselines.get("script").get("paired");
        assertEquals("policy2", baselines.get("script").get("name"));
        assertEquals(2, script.get("both_succeeded"));
        assertEquals(1, script.get("only_agent"));
        assertEquals(1, script.get("only_baseline"));
        assertEquals(0, script.get("neither"));
        assertEquals(2.0, (Double) script.get("agent_llm_calls_on_both"), 0);
        assertEquals(4.0, (Double) script.get("baseline_llm_calls_on_both"), 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> random = (Map<String, Object>) baselines.get("random").get("paired");
        assertEquals(3, random.get("only_agent"));
        assertEquals(1, random.get("neither"));
        @SuppressWarnings("unchecked")
        Map<String, Object> oracle = (Map<String, Object>) baselines.get("oracle").get("paired");
        assertEquals(1, oracle.get("only_baseline"));
        assertEquals(3, oracle.get("both_succeeded"));
    }
}
