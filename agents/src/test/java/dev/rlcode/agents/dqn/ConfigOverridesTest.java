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

    /** Numbers as a JSON/YAML config file gives them: a BigInteger or double beyond the range is refused, not wrapped. */
    @Test
    void integersOutsideTheirRangeAreRefusedNotWrapped() throws Exception {
        Map<String, Object> parsed = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                "{\"batchSize\": 18446744073709551648, \"totalTimesteps\": 1e30, \"seed\": 99999999999999999999}",
                Map.class);
        for (String key : List.of("batchSize", "totalTimesteps", "seed")) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> ConfigOverrides.apply(DqnConfig.cartPole(), Map.of(key, parsed.get(key))), key);
            assertTrue(e.getMessage().startsWith(key + ": expected"), e.getMessage());
        }
        // in range they still convert, whatever their Java type
        DqnConfig c = ConfigOverrides.apply(DqnConfig.cartPole(), Map.of("batchSize", new java.math.BigInteger("64"),
                "totalTimesteps", 5e4, "seed", Long.MAX_VALUE));
        assertEquals(64, c.batchSize());
        assertEquals(50_000, c.totalTimesteps());
        assertEquals(Long.MAX_VALUE, c.seed());
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
