package dev.rlcode.agents.dqn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigOverridesTest {

    @Test
    void appliesTypedAndStringValues() {
        DqnConfig c = ConfigOverrides.apply(DqnConfig.cartPole(), Map.of("learningRate", "1e-3", "hidden", "64, 32",
                "totalTimesteps", "5e4", "doubleQ", false, "batchSize", 128));
        assertEquals(1e-3, c.learningRate());
        assertArrayEquals(new int[] {64, 32}, c.hidden());
        assertEquals(50_000, c.totalTimesteps());
        assertFalse(c.doubleQ());
        assertEquals(128, c.batchSize());
    }

    @Test
    void roundTripsThroughItsMap() {
        DqnConfig c = DqnConfig.cleanRl();
        assertEquals(c, ConfigOverrides.apply(DqnConfig.cartPole(), ConfigOverrides.toMap(c)));
    }

    @Test
    void errorsNameTheKey() {
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> ConfigOverrides.apply(DqnConfig.cartPole(), Map.of("learning_rate", "1")));
        assertTrue(unknown.getMessage().contains("learning_rate") && unknown.getMessage().contains("learningRate"));
        var type = assertThrows(IllegalArgumentException.class,
                () -> ConfigOverrides.apply(DqnConfig.cartPole(), Map.of("batchSize", "many")));
        assertTrue(type.getMessage().startsWith("batchSize: expected an integer"), type.getMessage());
        var range = assertThrows(IllegalArgumentException.class,
                () -> ConfigOverrides.apply(DqnConfig.cartPole(), Map.of("gamma", "1.5")));
        assertTrue(range.getMessage().startsWith("gamma: expected in [0, 1]"), range.getMessage());
        var bool = assertThrows(IllegalArgumentException.class,
                () -> ConfigOverrides.apply(DqnConfig.cartPole(), Map.of("dueling", "yes")));
        assertTrue(bool.getMessage().contains("true or false"), bool.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigOverrides.parseAssignments(List.of("novalue")));
    }
}
