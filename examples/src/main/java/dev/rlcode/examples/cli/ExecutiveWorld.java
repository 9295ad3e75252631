package dev.rlcode.examples.cli;

import dev.rlcode.agents.executive.ExecutiveSetup;
import dev.rlcode.envs.code.ExecutiveConfig;
import dev.rlcode.envs.code.model.CachingCodeModel;
import dev.rlcode.envs.code.model.OpenAiCompatibleCodeModel;
import dev.rlcode.envs.code.model.OpenAiConfig;
import dev.rlcode.envs.code.model.SyntheticModelConfig;
import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.sandbox.SandboxConfig;
import dev.rlcode.envs.code.task.BundledSuite;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.HumanEvalXLoader;
import dev.rlcode.envs.code.task.KnowledgeNote;
import dev.rlcode.envs.code.task.TaskFormatException;
import dev.rlcode.envs.code.task.TaskSplit;
import dev.rlcode.envs.code.task.TaskSuite;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The sandbox, tasks and code model of an Executive run, rebuilt identically from the settings a run folder keeps
 * in {@code executive.json} (so {@code rlcode eval-code} sees the same split and the same model as training).
 */
final class ExecutiveWorld implements AutoCloseable {

    /** Help of {@code --env-set} (train executive, ablation). */
    static final String ENV_SET_HELP = "replace one of the Executive env's settings (ExecutiveConfig: maxSteps, "
            + "llmCallCost, testCost, searchCost, successReward, failureReward, notesPerSearch, searchQuery "
            + "(prompt+feedback|prompt+feedback+code|fused), searchAfter (failed-test|failed-debug), maskRegenerate "
            + "(true|false), searchMissRate (a probability), searchNewNotes (true|false), stepLimitTerminates "
            + "(true|false)), repeatable; recorded in "
            + "executive.json";

    /** Help of {@code --train-env-set} (train executive). */
    static final String TRAIN_ENV_SET_HELP = "like --env-set, for the training episodes only (the held-out "
            + "evaluation and eval-code keep the run's settings), e.g. searchMissRate=0.2 to train on simulated "
            + "retrieval misses; repeatable; recorded in executive.json as train_env_set";

    /** Key of executive.json holding the {@code --train-env-set} assignments. */
    static final String TRAIN_ENV_SET = "train_env_set";

    static final String SETTINGS_FILE = "executive.json";
    static final String SPLIT_SALT = "executive";
    /** executive.json key of the split rule; absent in run folders from before 2026-12-07: {@link #SPLIT_BY_ID}. */
    static final String SPLIT_KEY = "split";
    /** Split rule: every task by its id ({@link TaskSplit#byId}). */
    static final String SPLIT_BY_ID = "by-id";
    /**
     * Split rule of the bundled suite: around its composites' split ({@link TaskSplit#tasksAround} of
     * {@link TaskSplit#compositesByGroup} with the Hierarchical level's salt and this run's test fraction), so that
     * the frozen Executive never trained on a part of a held-out composite.
     */
    static final String SPLIT_AROUND_COMPOSITES = "around-composites";
    /** The run-folder subfolder where {@code --model openai} records every LLM answer ({@link CachingCodeModel}). */
    static final String LLM_CACHE = "llm-cache";
    /** executive.json key of a shared LLM answer folder ({@code --llm-cache}); absent: {@link #LLM_CACHE}. */
    static final String LLM_CACHE_KEY = "llm_cache";
    /** executive.json key: false when {@code --judge-catalogs} judged every fault catalogue in the sandbox. */
    static final String PRECOMPUTED_CATALOGS_KEY = "precomputed_catalogs";

    final Sandbox sandbox;
    final ExecutiveSetup setup;
    /** The env's settings: the held-out evaluation's, and training's unless {@code train_env_set} changes them. */
    final ExecutiveConfig envConfig;
    /** The settings of the training episodes: {@link #envConfig} with the run's {@code train_env_set} applied. */
    final ExecutiveConfig trainEnvConfig;

    private ExecutiveWorld(Sandbox sandbox, ExecutiveSetup setup, ExecutiveConfig envConfig,
                           ExecutiveConfig trainEnvConfig) {
        this.sandbox = sandbox;
        this.setup = setup;
        this.envConfig = envConfig;
        this.trainEnvConfig = trainEnvConfig;
    }

    /**
     * {@return the env's default settings with each {@code --env-set KEY=VALUE} applied in order}
     *
     * @throws CliException naming the assignment, for a missing '=', an unknown key or a bad value
     */
    static ExecutiveConfig envConfig(List<String> assignments) {
        return envConfig(ExecutiveConfig.defaults(), assignments);
    }

    /** {@return {@code base} with {@code --env-set} assignments applied in order} @throws CliException as above */
    static ExecutiveConfig envConfig(ExecutiveConfig base, List<String> assignments) {
        return envConfig(base, assignments, "--env-set");
    }

    /** As {@link #envConfig(ExecutiveConfig, List)}, naming {@code flag} in errors. */
    static ExecutiveConfig envConfig(ExecutiveConfig base, List<String> assignments, String flag) {
        ExecutiveConfig c = base;
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new CliException(flag + " " + a + ": expected KEY=VALUE with a key among "
                        + ExecutiveConfig.KEYS);
            }
            try {
                c = c.with(a.substring(0, eq).trim(), a.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new CliException(flag + " " + e.getMessage(), e);
            }
        }
        return c;
    }

    /**
     * {@return the training episodes' settings of a run: {@code env} with the run's {@code train_env_set}
     * assignments applied (none when the key is absent)}
     *
     * @throws CliException if {@code train_env_set} is not a list of strings, or names a bad assignment
     */
    static ExecutiveConfig trainEnvConfig(Map<String, Object> s, ExecutiveConfig env) {
        Object o = s.get(TRAIN_ENV_SET);
        if (o == null) {
            return env;
        }
        if (!(o instanceof List<?> list) || list.stream().anyMatch(x -> !(x instanceof String))) {
            throw new CliException(SETTINGS_FILE + ": expected a list of KEY=VALUE strings for " + TRAIN_ENV_SET
                    + ", actual " + o);
        }
        return envConfig(env, list.stream().map(String.class::cast).toList(), SETTINGS_FILE + " " + TRAIN_ENV_SET);
    }

    /**
     * {@return each {@code --model-set KEY=P} as a synthetic-model override, in order (a later key wins)}
     *
     * @throws CliException naming the assignment, for a missing '=', a value that is not a number, a key that is not
     *                      one of {@link SyntheticModelConfig}'s probabilities or a value outside [0, 1]
     */
    static Map<String, Double> modelOverrides(List<String> assignments) {
        Map<String, Double> overrides = new LinkedHashMap<>();
        for (String kv : assignments) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new CliException("--model-set: expected KEY=P, actual '" + kv + "'");
            }
            try {
                overrides.put(kv.substring(0, eq).trim(), Double.parseDouble(kv.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                throw new CliException("--model-set " + kv.substring(0, eq) + ": expected a number, actual '"
                        + kv.substring(eq + 1) + "'", e);
            }
        }
        withOverrides(SyntheticModelConfig.defaults(0), overrides); // validates keys and ranges now
        return overrides;
    }

    /**
     * {@return the settings map written to executive.json}
     *
     * @param modelOverrides synthetic-model probabilities that replace the defaults for the whole run (training,
     *                       evaluation, and every later {@code eval-code}); empty for the defaults
     * @throws CliException if overrides are given for a model other than the synthetic one
     */
    /** @throws CliException unless {@code f} is a share strictly between 0 and 1 (both splits get tasks) */
    static void checkTestFraction(double f) {
        if (!(f > 0 && f < 1)) {
            throw new CliException("--test-fraction: expected a share between 0 and 1 (exclusive), actual " + f);
        }
    }

    static Map<String, Object> settings(String tasks, String model, String openAiUrl, String openAiModel,
                                        int maxMutants, Path catalogCache, double testFraction,
                                        ExecutiveConfig env, Map<String, Double> modelOverrides) {
        if (!modelOverrides.isEmpty() && !model.equals("synthetic")) {
            throw new CliException("--model-set: expected --model synthetic (it sets the synthetic model's "
                    + "probabilities), actual --model " + model);
        }
        checkTestFraction(testFraction);
        if (maxMutants < 1) throw new CliException("--max-mutants: expected >= 1, actual " + maxMutants);
        if (catalogCache != null && Files.exists(catalogCache) && !Files.isDirectory(catalogCache)) {
            throw new CliException("--catalog-cache " + catalogCache + ": expected a folder, actual a file");
        }
        if (openAiUrl != null && !openAiUrl.matches("(?i)https?://\\S+")) {
            throw new CliException("--openai-url: expected an http or https URL, actual '" + openAiUrl + "'");
        }
        if (openAiUrl != null) {
            try { // the flag's own problem, named as such (not later as executive.json's)
                OpenAiConfig.of(openAiUrl, openAiModel == null || openAiModel.isBlank() ? "model" : openAiModel);
            } catch (IllegalArgumentException e) {
                throw new CliException("--openai-url: " + e.getMessage(), e);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        // an absolute path, so eval-code and train hierarchical find the same tasks from any working directory
        m.put("tasks", tasks.equals("bundled") ? tasks : Path.of(tasks).toAbsolutePath().normalize().toString());
        m.put("model", model);
        m.put("model_overrides", new LinkedHashMap<>(modelOverrides));
        m.put("openai_url", openAiUrl);
        m.put("openai_model", openAiModel);
        m.put("max_mutants", maxMutants);
        m.put("catalog_cache", catalogCache == null ? null : catalogCache.toAbsolutePath().toString());
        m.put("test_fraction", testFraction);
        m.put("split_salt", SPLIT_SALT);
        // the bundled suite's tasks are split around its composites (see taskSplit); other task sources by id
        m.put(SPLIT_KEY, tasks.equals("bundled") ? SPLIT_AROUND_COMPOSITES : SPLIT_BY_ID);
        m.put("max_steps", env.maxSteps());
        m.put("llm_call_cost", env.llmCallCost());
        m.put("test_cost", env.testCost());
        m.put("search_cost", env.searchCost());
        m.put("success_reward", env.successReward());
        m.put("failure_reward", env.failureReward());
        m.put("notes_per_search", env.notesPerSearch());
        m.put("search_query", env.searchQuery().text());
        m.put("search_after", env.searchAfter().text());
        m.put("mask_regenerate", env.maskRegenerate());
        m.put("search_miss_rate", env.searchMissRate());
        m.put("search_new_notes", env.searchNewNotes());
        m.put("step_limit_terminates", env.stepLimitTerminates());
        return m;
    }

    /** executive.json key of {@code --openai-temperature} (absent, as in older run folders: the default). */
    static final String OPENAI_TEMPERATURE = "openai_temperature";
    /** executive.json key of {@code --openai-max-tokens}. */
    static final String OPENAI_MAX_TOKENS = "openai_max_tokens";
    /** executive.json key of {@code --openai-timeout}, in seconds. */
    static final String OPENAI_TIMEOUT = "openai_timeout_s";
    /** The longest {@code --openai-timeout} (a day): beyond it a stalled server would hold a run for good. */
    static final int MAX_OPENAI_TIMEOUT_S = 86_400;

    /**
     * Records the real model's sampling and timeout settings in {@code s} (executive.json), the defaults of
     * {@link OpenAiConfig#of} for those not given, so the run folder says what ran.
     *
     * @param temperature {@code --openai-temperature}, or null
     * @param maxTokens   {@code --openai-max-tokens}, or null
     * @param timeoutS    {@code --openai-timeout} in seconds, or null
     * @throws CliException naming the option for a value out of range, or any of them without {@code --model openai}
     */
    static void putOpenAiSettings(Map<String, Object> s, Double temperature, Integer maxTokens, Integer timeoutS) {
        if (!"openai".equals(s.get("model"))) {
            String given = temperature != null ? "--openai-temperature" : maxTokens != null ? "--openai-max-tokens"
                    : timeoutS != null ? "--openai-timeout" : null;
            if (given != null) {
                throw new CliException(given + ": expected --model openai (it sets the real model's requests), "
                        + "actual --model " + s.get("model"));
            }
            return;
        }
        if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
            throw new CliException("--openai-temperature: expected a number in [0, 2], actual " + temperature);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new CliException("--openai-max-tokens: expected >= 1, actual " + maxTokens);
        }
        if (timeoutS != null && (timeoutS < 1 || timeoutS > MAX_OPENAI_TIMEOUT_S)) {
            throw new CliException("--openai-timeout: expected seconds in [1, " + MAX_OPENAI_TIMEOUT_S + "], actual "
                    + timeoutS);
        }
        s.put(OPENAI_TEMPERATURE, temperature != null ? temperature : OpenAiConfig.DEFAULT_TEMPERATURE);
        s.put(OPENAI_MAX_TOKENS, maxTokens != null ? maxTokens : OpenAiConfig.DEFAULT_MAX_TOKENS);
        s.put(OPENAI_TIMEOUT, timeoutS != null ? timeoutS : (int) OpenAiConfig.DEFAULT_REQUEST_TIMEOUT.toSeconds());
    }

    /**
     * {@return the real model's settings in executive.json (seed 0): its URL and model, and the temperature,
     * {@code max_tokens} and timeout where recorded (else the defaults of {@link OpenAiConfig#of})}
     *
     * @throws CliException naming the key of a missing or bad value
     */
    static OpenAiConfig openAiConfig(Map<String, Object> s) {
        Object url = s.get("openai_url"), model = s.get("openai_model");
        if (url == null || model == null) {
            throw new CliException("--model openai: expected --openai-url and --openai-model");
        }
        OpenAiConfig c;
        try {
            c = OpenAiConfig.of(url.toString(), model.toString());
        } catch (IllegalArgumentException e) {
            throw new CliException(SETTINGS_FILE + ": openai_url: " + e.getMessage(), e);
        }
        double temperature = s.containsKey(OPENAI_TEMPERATURE) ? num(s, OPENAI_TEMPERATURE).doubleValue()
                : c.temperature();
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new CliException(SETTINGS_FILE + ": expected a number in [0, 2] for " + OPENAI_TEMPERATURE
                    + ", actual " + temperature);
        }
        int maxTokens = c.maxTokens();
        if (s.containsKey(OPENAI_MAX_TOKENS)) {
            Number n = num(s, OPENAI_MAX_TOKENS);
            if (n.doubleValue() != n.intValue() || n.intValue() < 1) {
                throw new CliException(SETTINGS_FILE + ": expected a whole number >= 1 for " + OPENAI_MAX_TOKENS
                        + ", actual " + n);
            }
            maxTokens = n.intValue();
        }
        java.time.Duration timeout = c.requestTimeout();
        if (s.containsKey(OPENAI_TIMEOUT)) {
            Number n = num(s, OPENAI_TIMEOUT);
            if (n.doubleValue() != n.intValue() || n.intValue() < 1 || n.intValue() > MAX_OPENAI_TIMEOUT_S) {
                throw new CliException(SETTINGS_FILE + ": expected whole seconds in [1, " + MAX_OPENAI_TIMEOUT_S
                        + "] for " + OPENAI_TIMEOUT + ", actual " + n);
            }
            timeout = java.time.Duration.ofSeconds(n.intValue());
        }
        return c.withSampling(temperature, maxTokens).withRequestTimeout(timeout);
    }

    /**
     * {@return whether the settings take the bundled suite's precomputed fault catalogues where they match (key
     * {@value #PRECOMPUTED_CATALOGS_KEY}; true when absent, as in run folders written before it existed)}
     *
     * @throws CliException if the key holds anything but a boolean
     */
    static boolean precomputedCatalogs(Map<String, Object> s) {
        Object v = s.get(PRECOMPUTED_CATALOGS_KEY);
        if (v == null) {
            return true;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new CliException(SETTINGS_FILE + ": expected true or false for " + PRECOMPUTED_CATALOGS_KEY
                + ", actual " + v);
    }

    /**
     * Starts the sandbox (results cached in {@code runDir/sandbox-cache}, fault catalogues in the settings'
     * {@code catalog_cache} or else {@code runDir/fault-catalogs}) and builds the setup.
     *
     * @throws CliException for an unknown task source or model, or missing OpenAI settings
     */
    static ExecutiveWorld open(Map<String, Object> s, Path runDir, PrintWriter log) {
        return open(s, runDir, log, Map.of());
    }

    /**
     * As {@link #open(Map, Path, PrintWriter)}, with some of the synthetic model's probabilities replaced on top of
     * the run's own {@code model_overrides} (a sensitivity check of a trained policy; the fault catalogues and the
     * split are unchanged).
     *
     * @param modelOverrides {@link SyntheticModelConfig} component name to value, e.g. {@code pFixShallow -> 0.5}
     * @throws CliException also for an unknown or non-probability component, or a value outside [0, 1]
     */
    static ExecutiveWorld open(Map<String, Object> s, Path runDir, PrintWriter log, Map<String, Double> modelOverrides) {
        return open(s, runDir, log, modelOverrides, List.of());
    }

    /**
     * As {@link #open(Map, Path, PrintWriter, Map)}, with some of the env's settings replaced on top of the run's
     * own (eval-code's {@code --env-set}: e.g. another search query for a trained policy).
     *
     * @param envSet {@code KEY=VALUE} assignments of {@link ExecutiveConfig#KEYS}
     * @throws CliException also naming a bad assignment
     */
    /**
     * {@return executive.json {@code settings} pinned to the run's checkpoints: a resume with other tasks, split,
     * rewards or model is refused; only where the caches live, how long to wait for a server and the final
     * evaluation's size may change}
     */
    static dev.rlcode.agents.dqn.DqnTrainer.World pin(Map<String, Object> settings) {
        return new dev.rlcode.agents.dqn.DqnTrainer.World(SETTINGS_FILE, settings, java.util.Set.of("catalog_cache",
                LLM_CACHE_KEY, OPENAI_TIMEOUT, TrainExecutiveCommand.EVAL_EPISODES_KEY));
    }

    /** The tasks and notes of a run's task source. */
    record Source(List<CodeTask> tasks, List<KnowledgeNote> notes) {}

    /**
     * {@return the tasks and notes executive.json {@code s} names: bundled, a task-suite folder or a HumanEval-X file}
     *
     * @throws CliException for a source that does not exist or cannot be read
     */
    static Source source(Map<String, Object> s) {
        String source = String.valueOf(s.get("tasks"));
        if (source.equals("bundled")) return new Source(BundledSuite.tasks(), new ArrayList<>(BundledSuite.notes()));
        Path p = Path.of(source);
        try {
            if (Files.isDirectory(p)) {
                TaskSuite suite = TaskSuite.load(p);
                return new Source(suite.tasks(), suite.notes());
            } else if (Files.isRegularFile(p)) {
                return new Source(HumanEvalXLoader.load(p), new ArrayList<>(BundledSuite.notes()));
            }
            throw new CliException("tasks (--tasks, or executive.json's \"tasks\"): expected bundled, a "
                    + "task-suite folder or a HumanEval-X JSONL file, actual " + source + " (no such file)");
        } catch (TaskFormatException | java.io.UncheckedIOException e) {
            throw new CliException("tasks " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@return the split of the tasks that executive.json {@code s} records: by id, or, for the bundled suite since
     * 2026-12-07, around the composites' split}
     *
     * @throws CliException for a split rule this version does not know
     */
    static Function<List<CodeTask>, TaskSplit<CodeTask>> taskSplit(Map<String, Object> s) {
        double testFraction = num(s, "test_fraction").doubleValue();
        String salt = String.valueOf(s.get("split_salt"));
        String rule = s.get(SPLIT_KEY) == null ? SPLIT_BY_ID : String.valueOf(s.get(SPLIT_KEY));
        return switch (rule) {
            case SPLIT_BY_ID -> tasks -> TaskSplit.byId(tasks, testFraction, salt);
            case SPLIT_AROUND_COMPOSITES -> tasks -> TaskSplit.tasksAround(tasks, TaskSplit.compositesByGroup(
                    BundledSuite.composites(), testFraction, TrainHierarchicalCommand.SPLIT_SALT), testFraction, salt);
            default -> throw new CliException(SETTINGS_FILE + ": expected split " + SPLIT_BY_ID + " or "
                    + SPLIT_AROUND_COMPOSITES + ", actual " + rule);
        };
    }

    static ExecutiveWorld open(Map<String, Object> s, Path runDir, PrintWriter log, Map<String, Double> modelOverrides,
                               List<String> envSet) {
        SyntheticModelConfig modelConfig = withOverrides(modelConfig(s), modelOverrides);
        ExecutiveConfig env = envConfig(envConfigOf(s), envSet);
        ExecutiveConfig trainEnv = trainEnvConfig(s, env);
        Source source = source(s);
        List<CodeTask> tasks = source.tasks();
        List<KnowledgeNote> notes = source.notes();
        Function<List<CodeTask>, TaskSplit<CodeTask>> split = taskSplit(s);
        Sandbox sandbox = Sandbox.create(SandboxConfig.defaults().withCache(true, runDir.resolve("sandbox-cache")));
        try {
            ExecutiveSetup setup = switch (String.valueOf(s.get("model"))) {
                case "synthetic" -> ExecutiveSetup.synthetic(tasks, notes, sandbox, modelConfig,
                        num(s, "max_mutants").intValue(), s.get("catalog_cache") == null ? runDir.resolve("fault-catalogs")
                                : Path.of(s.get("catalog_cache").toString()), precomputedCatalogs(s), split,
                        line -> {
                            log.println(line);
                            log.flush();
                        });
                case "openai" -> {
                    OpenAiConfig base = openAiConfig(s);
                    // every answer is recorded in the run folder, one stream per episode seed: a rerun, a resume or
                    // an eval-code of the same episodes replays them instead of asking the server again, and the
                    // policies compared on one seed see the same answers to the same requests
                    Path llmCache = s.get(LLM_CACHE_KEY) == null ? runDir.resolve(LLM_CACHE)
                            : Path.of(s.get(LLM_CACHE_KEY).toString());
                    String namespace = base.baseUrl() + "|" + base.model() + "|temperature=" + base.temperature()
                            + "|max_tokens=" + base.maxTokens() + "|prompts="
                            + OpenAiCompatibleCodeModel.promptsFingerprint();
                    yield ExecutiveSetup.withModel(tasks, notes, sandbox, seed -> new CachingCodeModel(
                            new OpenAiCompatibleCodeModel(base.withSeed(seed)),
                            llmCache, namespace + "|seed=" + seed), split);
                }
                default -> throw new CliException("model (--model, or executive.json's \"model\"): expected synthetic "
                        + "or openai, actual " + s.get("model"));
            };
            if (!setup.leftOut().isEmpty()) {
                log.println("warning: " + setup.leftOut().size() + " task(s) left out, since the sandbox does not pass "
                        + "their reference solution (recorded in summary.json's left_out_tasks): "
                        + String.join("; ", setup.leftOut()));
                log.flush();
            }
            return new ExecutiveWorld(sandbox, setup, env, trainEnv);
        } catch (RuntimeException e) {
            sandbox.close();
            if (e instanceof IllegalArgumentException) {
                throw new CliException(e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * {@return {@code base} with the named probability components replaced}
     *
     * @throws CliException for a name that is not a probability component ({@code p...} or {@code shallowWeight})
     *                      or a value outside [0, 1]
     */
    static SyntheticModelConfig withOverrides(SyntheticModelConfig base, Map<String, Double> overrides) {
        return withOverrides(base, overrides, "--model-set");
    }

    /** As {@link #withOverrides(SyntheticModelConfig, Map)}, naming {@code source} in errors. */
    static SyntheticModelConfig withOverrides(SyntheticModelConfig base, Map<String, Double> overrides, String source) {
        if (overrides.isEmpty()) {
            return base;
        }
        java.lang.reflect.RecordComponent[] comps = SyntheticModelConfig.class.getRecordComponents();
        List<String> probabilities = new ArrayList<>();
        for (java.lang.reflect.RecordComponent c : comps) {
            if (c.getType() == double.class && (c.getName().startsWith("p") || c.getName().equals("shallowWeight"))) {
                probabilities.add(c.getName());
            }
        }
        for (Map.Entry<String, Double> e : overrides.entrySet()) {
            if (!probabilities.contains(e.getKey())) {
                throw new CliException(source + ": expected one of " + probabilities + ", actual " + e.getKey());
            }
            if (!(e.getValue() >= 0 && e.getValue() <= 1)) {
                throw new CliException(source + " " + e.getKey() + ": expected a probability in [0, 1], actual "
                        + e.getValue());
            }
        }
        try {
            Object[] args = new Object[comps.length];
            Class<?>[] types = new Class<?>[comps.length];
            for (int i = 0; i < comps.length; i++) {
                types[i] = comps[i].getType();
                Double v = overrides.get(comps[i].getName());
                args[i] = v != null ? v : comps[i].getAccessor().invoke(base);
            }
            return SyntheticModelConfig.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SyntheticModelConfig: cannot copy with overrides", e);
        }
    }

    /**
     * {@return the env settings recorded in a run's executive.json} A folder written before {@code search_query}
     * existed gets {@code prompt+feedback}, the only query there was; one written before {@code search_after}
     * existed gets {@code failed-test}, the only mask there was, one without {@code mask_regenerate} gets false and
     * one without {@code search_miss_rate} gets 0 and one without {@code search_new_notes} or
     * {@code step_limit_terminates} gets false.
     *
     * @throws CliException naming the key that is missing or malformed
     */
    static ExecutiveConfig envConfigOf(Map<String, Object> s) {
        Object q = s.get("search_query");
        Object after = s.get("search_after");
        Object regenerate = s.getOrDefault("mask_regenerate", false);
        Object miss = s.getOrDefault("search_miss_rate", 0.0);
        Object fresh = s.getOrDefault("search_new_notes", false);
        Object limitTerminates = s.getOrDefault("step_limit_terminates", false);
        try {
            return new ExecutiveConfig(num(s, "max_steps").intValue(), num(s, "llm_call_cost").doubleValue(),
                    num(s, "test_cost").doubleValue(), num(s, "search_cost").doubleValue(),
                    num(s, "success_reward").doubleValue(), num(s, "failure_reward").doubleValue(),
                    num(s, "notes_per_search").intValue(), q == null ? ExecutiveConfig.SearchQuery.PROMPT_FEEDBACK
                    : ExecutiveConfig.SearchQuery.of(q.toString()), after == null
                    ? ExecutiveConfig.SearchAfter.FAILED_TEST : ExecutiveConfig.SearchAfter.of(after.toString()),
                    regenerate instanceof Boolean b ? b : badBoolean("mask_regenerate", regenerate),
                    miss instanceof Number n ? n.doubleValue() : num(s, "search_miss_rate").doubleValue(),
                    fresh instanceof Boolean b ? b : badBoolean("search_new_notes", fresh),
                    limitTerminates instanceof Boolean b ? b : badBoolean("step_limit_terminates", limitTerminates));
        } catch (IllegalArgumentException e) {
            throw new CliException(SETTINGS_FILE + ": " + e.getMessage(), e);
        }
    }

    private static boolean badBoolean(String key, Object value) {
        throw new IllegalArgumentException(key + ": expected true or false, actual " + value);
    }

    /**
     * {@return the synthetic model's config of a run (seed 0; each episode reseeds it): the defaults with the run's
     * {@code model_overrides}} The Hierarchical level uses it too, so it runs in the world its Executive learned in.
     *
     * @param s the run's executive.json
     * @throws CliException if {@code model_overrides} is malformed or names a bad key or value
     */
    static SyntheticModelConfig modelConfig(Map<String, Object> s) {
        return withOverrides(SyntheticModelConfig.defaults(0), runModelOverrides(s),
                SETTINGS_FILE + " model_overrides");
    }

    /**
     * {@return the run's {@code model_overrides} (empty when absent: folders written before the key existed)}
     *
     * @throws CliException if the key holds anything but an object of numbers
     */
    static Map<String, Double> runModelOverrides(Map<String, Object> s) {
        Object o = s.get("model_overrides");
        if (o == null) {
            return Map.of();
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw new CliException(SETTINGS_FILE + ": expected an object for model_overrides, actual " + o);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof Number n)) {
                throw new CliException(SETTINGS_FILE + ": expected a number for model_overrides." + e.getKey()
                        + ", actual " + e.getValue());
            }
            out.put(String.valueOf(e.getKey()), n.doubleValue());
        }
        return out;
    }

    private static Number num(Map<String, Object> s, String key) {
        if (!(s.get(key) instanceof Number n)) {
            throw new CliException(SETTINGS_FILE + ": expected a number for " + key + ", actual " + s.get(key));
        }
        return n;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
