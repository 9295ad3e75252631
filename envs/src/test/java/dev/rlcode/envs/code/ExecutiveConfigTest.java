package dev.rlcode.envs.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutiveConfigTest {

    @Test
    void withReplacesExactlyOneComponent() {
        ExecutiveConfig d = ExecutiveConfig.defaults();
        ExecutiveConfig c = d.with("llmCallCost", "-0.2");
        assertEquals(-0.2, c.llmCallCost());
        assertEquals(new ExecutiveConfig(d.maxSteps(), -0.2, d.testCost(), d.searchCost(), d.successReward(),
                d.failureReward(), d.notesPerSearch()), c);
        assertEquals(20, d.with("maxSteps", " 20 ").maxSteps());
        assertEquals(5, d.with("notesPerSearch", "5").notesPerSearch());
        for (String key : ExecutiveConfig.KEYS) {
            String value = key.equals("maxSteps") || key.equals("notesPerSearch") ? "7"
                    : key.equals("searchQuery") ? "prompt+feedback+code"
                    : key.equals("searchAfter") ? "failed-debug"
                    : key.equals("maskRegenerate") || key.equals("searchNewNotes")
                            || key.equals("stepLimitTerminates") ? "true" : "0.5";
            ExecutiveConfig e = d.with(key, value);
            assertTrue(!e.equals(d), key + " changed nothing");
        }
    }

    @Test
    void badKeysAndValuesAreNamed() {
        ExecutiveConfig d = ExecutiveConfig.defaults();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with("llmCost", "1")).getMessage()
                .contains("llmCost=1: expected a key among"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with("maxSteps", "1.5")).getMessage()
                .contains("maxSteps=1.5: expected an integer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with("testCost", "abc")).getMessage()
                .contains("testCost=abc: expected a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with("maxSteps", "1")).getMessage()
                .contains("maxSteps=1: maxSteps: expected >= 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with("successReward", "NaN")).getMessage()
                .contains("successReward=NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with("searchQuery", "code")).getMessage()
                .contains("searchQuery=code: searchQuery: expected prompt+feedback or prompt+feedback+code or fused"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with("searchAfter", "debug")).getMessage()
                .contains("searchAfter=debug: searchAfter: expected failed-test or failed-debug, actual debug"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with("maskRegenerate", "yes")).getMessage()
                .contains("maskRegenerate=yes: expected true or false"));
        for (String rate : List.of("-0.1", "1.5", "NaN")) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with("searchMissRate", rate)).getMessage()
                    .contains("searchMissRate=" + rate + ": searchMissRate: expected a probability in [0, 1]"), rate);
        }
        assertEquals(0.0, d.searchMissRate());
        assertEquals(0.25, d.with("searchMissRate", "0.25").withMaxSteps(20).searchMissRate());
        assertEquals(false, d.maskRegenerate());
        assertEquals(true, d.with("maskRegenerate", "true").withMaxSteps(20).maskRegenerate());
        assertEquals(false, d.stepLimitTerminates());
        assertEquals(true, d.with("stepLimitTerminates", "true").withMaxSteps(20).stepLimitTerminates());
    }

    @Test
    void searchQueryDefaultsToTheV1QueryAndParsesItsNames() {
        assertEquals(ExecutiveConfig.SearchQuery.PROMPT_FEEDBACK, ExecutiveConfig.defaults().searchQuery());
        for (ExecutiveConfig.SearchQuery q : ExecutiveConfig.SearchQuery.values()) {
            assertEquals(q, ExecutiveConfig.defaults().with("searchQuery", q.text()).searchQuery());
        }
    }

    @Test
    void searchAfterDefaultsToAnyFailedTestAndParsesItsNames() {
        assertEquals(ExecutiveConfig.SearchAfter.FAILED_TEST, ExecutiveConfig.defaults().searchAfter());
        for (ExecutiveConfig.SearchAfter a : ExecutiveConfig.SearchAfter.values()) {
            ExecutiveConfig c = ExecutiveConfig.defaults().with("searchAfter", a.text());
            assertEquals(a, c.searchAfter());
            assertEquals(a, c.withMaxSteps(20).searchAfter(), "withMaxSteps keeps it");
        }
    }
}
