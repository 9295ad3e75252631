package dev.rlcode.agents.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvalProgressTest {

    @Test
    void oneLinePerTenthOfAllEpisodesWithEachPolicysCount() {
        List<String> lines = new ArrayList<>();
        EvalProgress p = new EvalProgress(List.of("dqn", "random"), 10, lines::add);
        for (int i = 0; i < 10; i++) {
            p.episodeDone(1); // random first: 10 of 20 episodes
        }
        assertEquals(5, lines.size());
        assertEquals("held-out evaluation 50% (dqn 0/10, random 10/10)", lines.get(4));
        for (int i = 0; i < 10; i++) {
            p.episodeDone(0);
        }
        assertEquals(10, lines.size());
        assertEquals("held-out evaluation 100% (dqn 10/10, random 10/10)", lines.get(9));
    }

    @Test
    void aNullSinkCountsSilently() {
        EvalProgress p = new EvalProgress(List.of("dqn"), 3, null);
        for (int i = 0; i < 3; i++) {
            p.episodeDone(0);
        }
    }
}
