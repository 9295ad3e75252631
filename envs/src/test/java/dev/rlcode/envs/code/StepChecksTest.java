package dev.rlcode.envs.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rlcode.core.space.Discrete;
import org.junit.jupiter.api.Test;

class StepChecksTest {

    private static final Discrete SPACE = new Discrete(5);
    private static final boolean[] MASK = {true, false, false, true, true};

    private static void check(boolean running, Integer action) {
        StepChecks.requireLegal(running, action, SPACE, MASK, i -> ExecutiveAction.of(i).name());
    }

    @Test
    void aLegalActionPasses() {
        check(true, 3);
    }

    @Test
    void aMaskedActionIsRejectedNamingTheLegalOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> check(true, 1));
        assertEquals("action: expected a legal action [GENERATE, SEARCH, STOP], actual TEST (masked out)",
                e.getMessage());
    }

    @Test
    void nullAndOutOfRangeActionsAreRejected() {
        assertEquals("action: expected an element of " + SPACE + ", actual null",
                assertThrows(IllegalArgumentException.class, () -> check(true, null)).getMessage());
        assertEquals("action: expected an element of " + SPACE + ", actual 5",
                assertThrows(IllegalArgumentException.class, () -> check(true, 5)).getMessage());
    }

    @Test
    void aStepOutsideAnEpisodeIsAnIllegalState() {
        assertThrows(IllegalStateException.class, () -> check(false, 0));
    }
}
