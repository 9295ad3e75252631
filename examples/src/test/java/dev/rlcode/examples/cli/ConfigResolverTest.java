package dev.rlcode.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.agents.dqn.DqnConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The config layers of {@code rlcode train ENV}: the preset an env starts from. */
class ConfigResolverTest {

    @Test
    void aPluginEnvWithActionMasksStartsWithMaskingOn() {
        ConfigResolver masked = ConfigResolver.forEnv("my/Mask-v0", true);
        assertTrue(masked.config().masking(), "a masked env's step refuses the illegal actions an unmasked agent takes");
        assertEquals("the env has action masks", masked.sources().get("masking"));
        assertEquals("preset CartPole-v1", masked.sources().get("learningRate"));
        assertEquals("my/Mask-v0", masked.config().envId());
        masked.assignments(List.of("masking=false"));
        assertFalse(masked.config().masking(), "--set still decides");

        ConfigResolver plain = ConfigResolver.forEnv("my/Plain-v0", false);
        assertFalse(plain.config().masking());
        assertEquals("preset CartPole-v1", plain.sources().get("masking"));

        // an env with a preset keeps it
        assertEquals(DqnConfig.gridWorld().masking(), ConfigResolver.forEnv("GridWorld-v0", true).config().masking());
        assertFalse(ConfigResolver.forEnv("CartPole-v1", true).config().masking(), "the preset decides");
    }
}
