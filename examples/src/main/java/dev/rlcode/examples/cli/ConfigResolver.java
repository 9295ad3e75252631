package dev.rlcode.examples.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves the {@link DqnConfig} of {@code rlcode train} in layers, each overriding the one before: the env's
 * preset, a YAML or JSON config file, the {@code --seed}/{@code --steps} flags, then {@code --set key=value}.
 * Every error names its layer (the file or the flag) and the key, and says what is allowed. It also remembers
 * which layer set each key, for the config table.
 */
final class ConfigResolver {

    // anything after the JSON object is an error, not silently dropped (YAML: see oneYamlDocument)
    private static final ObjectMapper YAML = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final String envId;
    private DqnConfig config;
    private final Map<String, String> sources = new LinkedHashMap<>();

    private ConfigResolver(String envId, DqnConfig preset, String presetName) {
        this.envId = envId;
        this.config = preset;
        for (String k : ConfigOverrides.keys()) sources.put(k, presetName);
    }

    /**
     * Starts from the DQN preset of {@code envId} ({@link DqnConfig#presetFor}); an env without a preset starts
     * from the CartPole-v1 preset with its own env id, and with {@code masking} on when the env has action masks
     * (a masked env's step refuses illegal actions, which an unmasked agent would take).
     *
     * @param envId  the env's id
     * @param masked whether the env has action masks
     */
    static ConfigResolver forEnv(String envId, boolean masked) {
        try {
            return new ConfigResolver(envId, DqnConfig.presetFor(envId), "preset");
        } catch (IllegalArgumentException noPreset) {
            DqnConfig base = ConfigOverrides.apply(DqnConfig.cartPole(), Map.of("envId", envId, "masking", masked));
            ConfigResolver r = new ConfigResolver(envId, base, "preset CartPole-v1");
            if (masked) r.sources.put("masking", "the env has action masks");
            return r;
        }
    }

    /** Applies the keys of a {@code .yaml}, {@code .yml} or {@code .json} file holding one mapping of config keys. */
    ConfigResolver file(Path file) {
        return apply("config file " + file, file.getFileName().toString(), read(file));
    }

    /**
     * Applies overrides given on the command line.
     *
     * @param where  how to name the layer in errors, e.g. {@code "--set"}
     * @param source how to name it in the config table
     */
    ConfigResolver flags(String where, String source, Map<String, ?> overrides) {
        return apply(where, source, overrides);
    }

    /** Applies {@code --set key=value} assignments in order; an error names the assignment. */
    ConfigResolver assignments(List<String> assignments) {
        for (String a : assignments) {
            Map<String, Object> parsed;
            try {
                parsed = ConfigOverrides.parseAssignments(List.of(a));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), e);
            }
            apply("--set " + a, "--set", parsed);
        }
        return this;
    }

    private ConfigResolver apply(String where, String source, Map<String, ?> overrides) {
        if (overrides.isEmpty()) return this;
        DqnConfig next;
        try {
            next = ConfigOverrides.apply(config, overrides);
        } catch (IllegalArgumentException e) {
            throw new CliException(where + ": " + e.getMessage(), e);
        }
        if (!next.envId().equals(envId)) {
            throw new CliException(where + ": envId: expected " + envId + " (the env named on the command line) or "
                    + "no envId, actual " + next.envId());
        }
        config = next;
        for (String k : overrides.keySet()) sources.put(k, source);
        return this;
    }

    /** {@return the resolved config} */
    DqnConfig config() {
        return config;
    }

    /** {@return for every key, the layer that set it: "preset", a file name, or a flag} */
    Map<String, String> sources() {
        return sources;
    }

    /**
     * {@return the one non-empty document of a YAML file, or null if it has none} Empty documents (a trailing
     * {@code ---}) are allowed; a second non-empty one is an error rather than silently dropped.
     */
    private static JsonNode oneYamlDocument(Path file) throws IOException {
        JsonNode found = null;
        int documents = 0;
        try (JsonParser p = YAML.getFactory().createParser(file.toFile())) {
            while (true) { // one root value per document (a MappingIterator would unwrap a top-level list instead)
                JsonNode doc = YAML.readTree(p);
                if (doc == null) break;
                if (doc.isNull() || doc.isMissingNode()) continue;
                documents++;
                if (found == null) found = doc;
            }
        }
        if (documents > 1) {
            throw new CliException("config file " + file + ": expected one YAML document, actual " + documents
                    + " (separated by ---): only one mapping of config keys is read");
        }
        return found;
    }

    /**
     * {@return the mapping in a YAML or JSON config file, by extension}
     *
     * @throws CliException naming the file if it is missing, unreadable, not YAML/JSON, or not one mapping
     */
    static Map<String, Object> read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper;
        String format;
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            mapper = YAML;
            format = "YAML";
        } else if (name.endsWith(".json")) {
            mapper = JSON;
            format = "JSON";
        } else {
            throw new CliException("config file " + file + ": expected a .yaml, .yml or .json file, actual '"
                    + file.getFileName() + "'");
        }
        if (!Files.isRegularFile(file)) throw new CliException("config file " + file + ": no such file");
        JsonNode root;
        try {
            root = mapper == YAML ? oneYamlDocument(file) : mapper.readTree(file.toFile());
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            // the YAML parser's message goes on with a snippet of the file and a caret: its first line is the news
            throw new CliException("config file " + file + ": not valid " + format + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("").strip(), e);
        } catch (IOException e) {
            throw new CliException("config file " + file + ": cannot read it (" + e + ")", e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new CliException("config file " + file + ": expected a mapping of config keys (e.g. learningRate: "
                    + "0.001), actual an empty file");
        }
        if (!root.isObject()) {
            throw new CliException("config file " + file + ": expected a mapping of config keys (e.g. learningRate: "
                    + "0.001), actual a " + root.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return mapper.convertValue(root, new TypeReference<LinkedHashMap<String, Object>>() {});
    }
}
