package dev.rlcode.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.envs.code.model.SyntheticModelConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The synthetic model a run's executive.json describes, read back by eval-code and the Hierarchical level. */
class ExecutiveWorldTest {

    @Test
    void runWithoutOverridesGetsTheDefaults() {
        // run folders written before model_overrides existed have no such key
        assertEquals(SyntheticModelConfig.defaults(0), ExecutiveWorld.modelConfig(Map.of("model", "synthetic")));
    }

    @Test
    void recordedOverridesReplaceExactlyTheirComponents() {
        Map<String, Object> settings = Map.of("model_overrides", Map.of("pFixShallow", 1, "pBreakOnRepair", 0.0));
        SyntheticModelConfig c = ExecutiveWorld.modelConfig(settings);
        SyntheticModelConfig d = SyntheticModelConfig.defaults(0);
        assertEquals(1.0, c.pFixShallow());
        assertEquals(0.0, c.pBreakOnRepair());
        assertEquals(d.pFixDeepWithNote(), c.pFixDeepWithNote());
        assertEquals(d.pCorrectHard(), c.pCorrectHard());
    }

    @Test
    void commandLineAssignmentsAreParsedInOrderAndValidatedEagerly() {
        Map<String, Double> o = ExecutiveWorld.modelOverrides(List.of("pFixShallow=0.2", " pFixShallow = 0.9"));
        assertEquals(Map.of("pFixShallow", 0.9), o, "a later assignment wins");
        for (String bad : List.of("pFix=0.5", "pFixShallow=1.5", "pFixShallow=-0.1", "pFixShallow", "=0.5",
                "pFixShallow=x", "baseLatencyMillis=3")) {
            CliException e = assertThrows(CliException.class, () -> ExecutiveWorld.modelOverrides(List.of(bad)), bad);
            assertTrue(e.getMessage().contains("--model-set"), bad + ": " + e.getMessage());
        }
    }

    @Test
    void searchSettingsAreReadBackAndOlderFoldersGetTheV1Ones() {
        // key in executive.json, ExecutiveConfig key, a non-default value, a malformed one
        String[][] cases = {{"search_query", "searchQuery", "prompt+feedback+code", "code only"},
                {"search_after", "searchAfter", "failed-debug", "debug"},
                {"mask_regenerate", "maskRegenerate", "true", "yes"},
                {"search_miss_rate", "searchMissRate", "0.2", "often"},
                {"search_new_notes", "searchNewNotes", "true", "1"}};
        for (String[] c : cases) {
            dev.rlcode.envs.code.ExecutiveConfig config = dev.rlcode.envs.code.ExecutiveConfig.defaults()
                    .with(c[1], c[2]);
            Map<String, Object> settings = new java.util.HashMap<>(ExecutiveWorld.settings("bundled", "synthetic",
                    null, null, 16, null, 0.3, config, Map.of()));
            assertEquals(c[2], String.valueOf(settings.get(c[0])));
            assertEquals(config, ExecutiveWorld.envConfigOf(settings));
            settings.remove(c[0]);
            assertEquals(dev.rlcode.envs.code.ExecutiveConfig.defaults(), ExecutiveWorld.envConfigOf(settings), c[0]);
            settings.put(c[0], c[3]);
            CliException e = assertThrows(CliException.class, () -> ExecutiveWorld.envConfigOf(settings));
            // a boolean and a number are checked on reading, the enums by ExecutiveConfig
            String named = c[1].equals("searchQuery") || c[1].equals("searchAfter") ? c[1] : c[0];
            assertTrue(e.getMessage().contains("executive.json") && e.getMessage().contains(named), e.getMessage());
        }
    }

    @Test
    void trainEnvSetChangesOnlyTheTrainingSettings() {
        dev.rlcode.envs.code.ExecutiveConfig env = dev.rlcode.envs.code.ExecutiveConfig.defaults()
                .with("searchAfter", "failed-debug");
        assertEquals(env, ExecutiveWorld.trainEnvConfig(Map.of(), env),
                "folders without the key train as they evaluate");
        dev.rlcode.envs.code.ExecutiveConfig train = ExecutiveWorld.trainEnvConfig(
                Map.of("train_env_set", List.of("searchMissRate=0.2", "maxSteps=14")), env);
        assertEquals(env.with("searchMissRate", "0.2").withMaxSteps(14), train,
                "applied in order on the run's settings");
        for (Object bad : List.of("searchMissRate=0.2", List.of(3), List.of("searchMissRate=2"), List.of("nope=1"))) {
            CliException e = assertThrows(CliException.class,
                    () -> ExecutiveWorld.trainEnvConfig(Map.of("train_env_set", bad), env), String.valueOf(bad));
            assertTrue(e.getMessage().contains("executive.json") && e.getMessage().contains("train_env_set"),
                    e.getMessage());
        }
    }

    @Test
    void malformedRecordedOverridesNameTheFileAndKey() {
        for (Object bad : List.of("pFixShallow=1", Map.of("pFixShallow", "high"), Map.of("nope", 0.5))) {
            CliException e = assertThrows(CliException.class,
                    () -> ExecutiveWorld.modelConfig(Map.of("model_overrides", bad)), String.valueOf(bad));
            assertTrue(e.getMessage().contains("executive.json") && e.getMessage().contains("model_overrides"),
                    e.getMessage());
        }
    }

    @Test
    void precomputedCataloguesAreOnUnlessJudgeCatalogsTurnsThemOff() {
        ExecutiveWorldOptions o = new ExecutiveWorldOptions();
        o.tasks = "bundled";
        o.maxMutants = 16;
        o.testFraction = 0.3;
        o.profile = "default";
        assertEquals(true, o.settings("synthetic", null, null).get("precomputed_catalogs"));
        assertTrue(ExecutiveWorld.precomputedCatalogs(o.settings("synthetic", null, null)));
        o.judgeCatalogs = true;
        assertEquals(false, o.settings("synthetic", null, null).get("precomputed_catalogs"));
        assertFalse(ExecutiveWorld.precomputedCatalogs(o.settings("synthetic", null, null)));
        assertTrue(ExecutiveWorld.precomputedCatalogs(Map.of()), "folders written before the key existed");
        CliException e = assertThrows(CliException.class,
                () -> ExecutiveWorld.precomputedCatalogs(Map.of("precomputed_catalogs", "no")));
        assertTrue(e.getMessage().contains("executive.json") && e.getMessage().contains("precomputed_catalogs"),
                e.getMessage());
    }

    @Test
    void aRelativeTaskPathIsRecordedAbsoluteAndBadFlagsAreNamedBeforeTheSandboxStarts() {
        dev.rlcode.envs.code.ExecutiveConfig env = dev.rlcode.envs.code.ExecutiveConfig.defaults();
        Map<String, Object> s = ExecutiveWorld.settings("data/tasks.jsonl", "synthetic", null, null, 16, null, 0.3,
                env, Map.of());
        assertEquals(java.nio.file.Path.of("data/tasks.jsonl").toAbsolutePath().normalize().toString(), s.get("tasks"),
                "eval-code from another working directory must find the same file");
        assertEquals("bundled", ExecutiveWorld.settings("bundled", "synthetic", null, null, 16, null, 0.3, env,
                Map.of()).get("tasks"));
        for (var bad : List.<Runnable>of(
                () -> ExecutiveWorld.settings("bundled", "synthetic", null, null, 16, null, 1.0, env, Map.of()),
                () -> ExecutiveWorld.settings("bundled", "synthetic", null, null, 16, null, Double.NaN, env, Map.of()),
                () -> ExecutiveWorld.settings("bundled", "synthetic", null, null, 0, null, 0.3, env, Map.of()),
                () -> ExecutiveWorld.settings("bundled", "openai", "ftp://x/v1", "m", 16, null, 0.3, env, Map.of()),
                () -> ExecutiveWorld.settings("bundled", "synthetic", null, null, 16,
                        java.nio.file.Path.of("pom.xml"), 0.3, env, Map.of()))) {
            CliException e = assertThrows(CliException.class, bad::run);
            assertTrue(e.getMessage().startsWith("--test-fraction") || e.getMessage().startsWith("--max-mutants")
                    || e.getMessage().startsWith("--openai-url") || e.getMessage().startsWith("--catalog-cache"),
                    e.getMessage());
        }
    }

    @Test
    void theRealModelsSamplingAndTimeoutAreRecordedAndReadBack() {
        Map<String, Object> s = new java.util.LinkedHashMap<>(Map.of("model", "openai",
                "openai_url", "http://127.0.0.1:11434/v1", "openai_model", "qwen"));
        // a folder written before these settings existed plays the defaults
        dev.rlcode.envs.code.model.OpenAiConfig d = ExecutiveWorld.openAiConfig(s);
        assertEquals(0.2, d.temperature());
        assertEquals(1024, d.maxTokens());
        assertEquals(java.time.Duration.ofSeconds(120), d.requestTimeout());

        ExecutiveWorld.putOpenAiSettings(s, 0.0, 2048, 900);
        assertEquals(0.0, s.get(ExecutiveWorld.OPENAI_TEMPERATURE));
        dev.rlcode.envs.code.model.OpenAiConfig c = ExecutiveWorld.openAiConfig(s);
        assertEquals(0.0, c.temperature());
        assertEquals(2048, c.maxTokens());
        assertEquals(java.time.Duration.ofSeconds(900), c.requestTimeout());
        assertEquals("qwen", c.model());

        Map<String, Object> partly = new java.util.LinkedHashMap<>(Map.of("model", "openai",
                "openai_url", "http://127.0.0.1:11434/v1", "openai_model", "qwen"));
        ExecutiveWorld.putOpenAiSettings(partly, null, null, 600);
        assertEquals(Map.of(ExecutiveWorld.OPENAI_TEMPERATURE, 0.2, ExecutiveWorld.OPENAI_MAX_TOKENS, 1024,
                ExecutiveWorld.OPENAI_TIMEOUT, 600), Map.of(
                ExecutiveWorld.OPENAI_TEMPERATURE, partly.get(ExecutiveWorld.OPENAI_TEMPERATURE),
                ExecutiveWorld.OPENAI_MAX_TOKENS, partly.get(ExecutiveWorld.OPENAI_MAX_TOKENS),
                ExecutiveWorld.OPENAI_TIMEOUT, partly.get(ExecutiveWorld.OPENAI_TIMEOUT)),
                "the folder records the defaults it ran with");

        Map<String, Object> synthetic = new java.util.LinkedHashMap<>(Map.of("model", "synthetic"));
        ExecutiveWorld.putOpenAiSettings(synthetic, null, null, null);
        assertFalse(synthetic.containsKey(ExecutiveWorld.OPENAI_TEMPERATURE), "nothing recorded for synthetic");
        CliException wrongModel = assertThrows(CliException.class,
                () -> ExecutiveWorld.putOpenAiSettings(synthetic, null, 512, null));
        assertTrue(wrongModel.getMessage().startsWith("--openai-max-tokens: expected --model openai"),
                wrongModel.getMessage());
        for (Object[] bad : new Object[][]{{2.5, null, null, "--openai-temperature"},
                {Double.NaN, null, null, "--openai-temperature"}, {null, 0, null, "--openai-max-tokens"},
                {null, null, 0, "--openai-timeout"}, {null, null, 86_401, "--openai-timeout"}}) {
            CliException e = assertThrows(CliException.class, () -> ExecutiveWorld.putOpenAiSettings(
                    new java.util.LinkedHashMap<>(s), (Double) bad[0], (Integer) bad[1], (Integer) bad[2]));
            assertTrue(e.getMessage().startsWith((String) bad[3]), e.getMessage());
        }
        for (Object[] bad : new Object[][]{{ExecutiveWorld.OPENAI_TEMPERATURE, "hot"},
                {ExecutiveWorld.OPENAI_TEMPERATURE, 3}, {ExecutiveWorld.OPENAI_MAX_TOKENS, 1.5},
                {ExecutiveWorld.OPENAI_MAX_TOKENS, -1}, {ExecutiveWorld.OPENAI_TIMEOUT, 0}}) {
            Map<String, Object> file = new java.util.LinkedHashMap<>(s);
            file.put((String) bad[0], bad[1]);
            CliException e = assertThrows(CliException.class, () -> ExecutiveWorld.openAiConfig(file));
            assertTrue(e.getMessage().startsWith("executive.json") && e.getMessage().contains((String) bad[0]),
                    e.getMessage());
        }
    }
}
