package dev.rlcode.examples.cli;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.dqn.DqnTrainer;
import dev.rlcode.agents.executive.ExecutiveTraining;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.envs.code.model.CodeModelException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code rlcode train executive}: trains the masked DQN Executive on the training tasks and ends summary.json with
 * the held-out evaluation and the random, script and oracle baselines on the same episodes.
 */
@Command(name = "executive", mixinStandardHelpOptions = true,
        description = {"Train the code experiment's Executive (masked Double DQN) and evaluate it on held-out tasks.",
                "Writes DIR/config.json (DQN keys), executive.json (tasks, model, split, rewards), metrics.jsonl, "
                        + "checkpoints/, sandbox-cache/, fault-catalogs/ and summary.json."})
final class TrainExecutiveCommand implements Callable<Integer> {

    @ParentCommand
    TrainCommand train;

    @Spec
    CommandSpec spec;

    @Mixin
    ExecutiveWorldOptions worldOptions;

    @Option(names = "--model", paramLabel = "synthetic|openai", defaultValue = "synthetic",
            description = "code model (default: synthetic; openai needs --openai-url and --openai-model, and reads "
                    + "an API key, if any, from the environment variable OPENAI_API_KEY)")
    String model;

    @Option(names = "--openai-url", paramLabel = "URL", description = "OpenAI-compatible server root including /v1")
    String openAiUrl;

    @Option(names = "--openai-model", paramLabel = "NAME", description = "model name for --model openai")
    String openAiModel;

    @Option(names = "--openai-temperature", paramLabel = "T",
            description = "sampling temperature of --model openai, 0 to 2 (default: 0.2)")
    Double openAiTemperature;

    @Option(names = "--openai-max-tokens", paramLabel = "N",
            description = "max_tokens of each answer of --model openai (default: 1024)")
    Integer openAiMaxTokens;

    @Option(names = "--openai-timeout", paramLabel = "SECONDS", description = "time one whole answer of --model "
            + "openai may take before it is asked again (default: 120; a large model on a CPU may need more)")
    Integer openAiTimeout;

    @Option(names = "--llm-cache", paramLabel = "DIR", description = "folder that records every answer of --model "
            + "openai, one stream per episode seed, so a rerun or eval-code replays them without asking the "
            + "server (default: RUN/llm-cache; give one folder to several runs to share it)")
    Path llmCache;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seed of the run (default: 1)")
    long seed;

    @Option(names = "--steps", paramLabel = "N", description = "env steps to train for (default: the preset's 4000)")
    Long steps;

    @Option(names = "--eval-episodes", paramLabel = "N", defaultValue = "300",
            description = "held-out evaluation episodes (default: 300)")
    int evalEpisodes;

    @Option(names = "--candidates", paramLabel = "K", defaultValue = "1",
            description = "train K DQNs that differ only in their seed and keep the one with the highest success on "
                    + "validation episodes of the training tasks (fresh seeds; the held-out tasks play no part); "
                    + "candidate 0 has --seed (default: 1, the plain run)")
    int candidates;

    @Option(names = "--validation-episodes", paramLabel = "N", defaultValue = "300",
            description = "validation episodes per candidate with --candidates K > 1 (default: 300)")
    int validationEpisodes;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "run folder to create")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one DQN config key (repeatable)")
    List<String> set = new ArrayList<>();

    @Option(names = "--train-env-set", paramLabel = "KEY=VALUE", description = ExecutiveWorld.TRAIN_ENV_SET_HELP)
    List<String> trainEnvSet = new ArrayList<>();

    @Mixin
    BackendOption backend;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        DqnConfig dqn = TrainingSession.codeAgentConfig(DqnConfig.executive(), seed, steps, set, evalEpisodes);
        if (candidates < 1 || validationEpisodes < 1) {
            throw new CliException("--candidates/--validation-episodes: expected >= 1, actual " + candidates + " and "
                    + validationEpisodes);
        }
        if (candidates > 1 && dqn.evalFrequency() > 0) {
            throw new CliException("--candidates " + candidates + " --set evalFrequency=" + dqn.evalFrequency() + ": "
                    + ExecutiveTraining.CANDIDATES_WITH_PERIODIC_EVAL);
        }
        Map<String, Object> settings = worldOptions.settings(model, openAiUrl, openAiModel);
        ExecutiveWorld.putOpenAiSettings(settings, openAiTemperature, openAiMaxTokens, openAiTimeout);
        if (llmCache != null) {
            if (!model.equals("openai")) {
                throw new CliException("--llm-cache: expected --model openai (it records a real model's answers), "
                        + "actual --model " + model);
            }
            if (Files.exists(llmCache) && !Files.isDirectory(llmCache)) {
                throw new CliException("--llm-cache " + llmCache + ": expected a folder, actual a file");
            }
            settings.put(ExecutiveWorld.LLM_CACHE_KEY, llmCache.toAbsolutePath().toString());
        }
        if (!trainEnvSet.isEmpty()) { // a bad assignment fails here, before any write
            ExecutiveWorld.envConfig(ExecutiveWorld.envConfigOf(settings), trainEnvSet, "--train-env-set");
            settings.put(ExecutiveWorld.TRAIN_ENV_SET, List.copyOf(trainEnvSet));
        }
        settings.put(EVAL_EPISODES_KEY, evalEpisodes); // for `rlcode resume`
        settings.put(CANDIDATES_KEY, candidates);
        settings.put(VALIDATION_EPISODES_KEY, validationEpisodes);
        Path firstCreated = TrainingSession.firstMissing(out);
        RunDir run = TrainingSession.newRunFolder(out);
        stdout.println("rlcode train executive -> " + out);
        stdout.flush();
        try (Backend be = TrainingSession.openOrDiscard(run, firstCreated, backend::create);
             ExecutiveWorld world = TrainingSession.openOrDiscard(run, firstCreated, () -> {
                 run.writeJson("config.json", ConfigOverrides.toMap(dqn));
                 run.writeJson(ExecutiveWorld.SETTINGS_FILE, settings);
                 return ExecutiveWorld.open(settings, run.dir(), stdout);
             })) {
            stdout.println("tasks: " + world.setup.train().size() + " train, " + world.setup.test().size() + " test");
            stdout.flush();
            ProgressReporter progress = new ProgressReporter(stdout, train.app.terminal);
            PrintWriter stderr = spec.commandLine().getErr();
            try {
                if (candidates == 1) { // Ctrl-C stops it at a step; `rlcode resume` continues from a checkpoint
                    return trainAndFinish(world, ExecutiveTraining.trainer(world.setup, world.trainEnvConfig, dqn, be,
                            run, progress).world(ExecutiveWorld.pin(settings)), dqn, evalEpisodes, run, progress, stdout,
                            stderr);
                }
                return candidatesAndFinish(world, dqn, be, evalEpisodes, candidates, validationEpisodes, run,
                        progress, false, stdout, stderr);
            } catch (RuntimeException | IOException e) { // concurrent work may wrap it in either
                CodeModelException cause = RlCode.causeOf(e, CodeModelException.class);
                if (cause == null) throw e;
                Path answers = llmCache != null ? llmCache.toAbsolutePath()
                        : run.dir().toAbsolutePath().resolve("llm-cache");
                boolean resumable = candidates > 1 || RunFolder.newestCheckpointDir(run).isPresent();
                throw new CliException("the code model failed: " + cause.getMessage() + ". The run folder " + out
                        + " keeps what was written, and " + answers + " holds every answer so far: "
                        + (resumable ? "continue with `rlcode resume " + out + "` once the server is back, or " : "")
                        + "rerun with --llm-cache " + answers + " and a new --out to replay them without asking the "
                        + "server", e);
            }
        }
    }

    /** Trains under a stop hook (Ctrl-C: exit 130, resumable), then evaluates and writes the summary and report. */
    private static int trainAndFinish(ExecutiveWorld world, DqnTrainer trainer, DqnConfig dqn, int evalEpisodes,
                                      RunDir run, ProgressReporter progress, PrintWriter out, PrintWriter err)
            throws IOException {
        Map<String, Object> trained = TrainingSession.trainStoppably(trainer, run, progress, err);
        if (trained == null) return RlCode.EXIT_INTERRUPTED;
        ExecutiveTraining.Result r = ExecutiveTraining.finish(world.setup, world.envConfig, dqn, trainer, trained,
                evalEpisodes, run, progress);
        printFigures(out, r.summary());
        TrainingSession.writeResults(run, r.summary(), world.sandbox.stats(), out, err);
        return RlCode.EXIT_OK;
    }

    /**
     * Trains the candidates of {@code --candidates K}, each under a stop hook (Ctrl-C: exit 130, resumable), or,
     * with {@code resume}, continues them; then evaluates the chosen one and writes the summary and report.
     */
    private static int candidatesAndFinish(ExecutiveWorld world, DqnConfig dqn, Backend be, int evalEpisodes,
                                           int candidates, int validationEpisodes, RunDir run,
                                           ProgressReporter progress, boolean resume, PrintWriter out,
                                           PrintWriter err) throws IOException {
        ExecutiveTraining.Result r = ExecutiveTraining.candidates(world.setup, world.trainEnvConfig, world.envConfig,
                dqn, be, evalEpisodes, candidates, validationEpisodes, run, progress, resume,
                (trainer, dir) -> TrainingSession.trainStoppably(trainer, dir, run, progress, err));
        if (r == null) return RlCode.EXIT_INTERRUPTED;
        printFigures(out, r.summary());
        TrainingSession.writeResults(run, r.summary(), world.sandbox.stats(), out, err);
        return RlCode.EXIT_OK;
    }

    /** executive.json's key for --eval-episodes, which `rlcode resume` needs to finish the run. */
    static final String EVAL_EPISODES_KEY = "eval_episodes";

    /** executive.json's keys for --candidates and --validation-episodes, which `rlcode resume` needs. */
    static final String CANDIDATES_KEY = "candidates";
    static final String VALIDATION_EPISODES_KEY = "validation_episodes";

    /**
     * {@code rlcode resume DIR} for an interrupted run of {@code train executive} (one candidate): rebuilds its
     * tasks, model and sandbox from executive.json, continues training from the newest checkpoint exactly as the
     * uninterrupted run would have gone, then evaluates and writes summary.json and the report as the run would have.
     */
    static int resume(RunDir run, DqnConfig dqn, BackendChoice backendChoice, boolean terminal, PrintWriter out,
                      PrintWriter err) throws IOException {
        Map<String, Object> settings = RunFolder.readJson(run, ExecutiveWorld.SETTINGS_FILE);
        String file = ExecutiveWorld.SETTINGS_FILE;
        int evalEpisodes = RunFolder.countSetting(run, file, settings, EVAL_EPISODES_KEY, 300);
        int candidates = RunFolder.countSetting(run, file, settings, CANDIDATES_KEY, 1);
        boolean hasCandidates = Files.isDirectory(run.dir().resolve("candidates"));
        if (hasCandidates && candidates == 1) {
            throw new CliException("run " + run.dir() + ": a run of --candidates K made before resume could continue "
                    + "one (its " + ExecutiveWorld.SETTINGS_FILE + " lacks '" + CANDIDATES_KEY + "'); rerun it with a "
                    + "new --out");
        }
        if (candidates > 1) {
            if (!settings.containsKey(VALIDATION_EPISODES_KEY)) {
                throw new CliException("run " + run.dir() + ": " + file + " field " + VALIDATION_EPISODES_KEY
                        + ": expected a whole number >= 1, actual none");
            }
            int validationEpisodes = RunFolder.countSetting(run, file, settings, VALIDATION_EPISODES_KEY, 0);
            try (ExecutiveWorld world = ExecutiveWorld.open(settings, run.dir(), out);
                 Backend be = backendChoice.create()) {
                out.println("rlcode resume " + run.dir() + ": the Executive's " + candidates + " candidates");
                out.flush();
                try {
                    return candidatesAndFinish(world, dqn, be, evalEpisodes, candidates, validationEpisodes, run,
                            new ProgressReporter(out, terminal), true, out, err);
                } catch (IllegalArgumentException e) {
                    throw new CliException("run " + run.dir() + ": cannot continue its candidates (" + e.getMessage()
                            + ")", e);
                }
            }
        }
        try (ExecutiveWorld world = ExecutiveWorld.open(settings, run.dir(), out);
             Backend be = backendChoice.create()) {
            ProgressReporter progress = new ProgressReporter(out, terminal);
            DqnTrainer trainer;
            try {
                trainer = ExecutiveTraining.resume(world.setup, world.trainEnvConfig, be, run, progress,
                        ExecutiveWorld.pin(settings));
            } catch (IllegalArgumentException e) {
                throw new CliException("run " + run.dir() + ": cannot restore the newest checkpoint (" + e.getMessage()
                        + "); nothing was changed", e);
            }
            out.println("rlcode resume " + run.dir() + ": the Executive, step " + trainer.step() + " of "
                    + dqn.totalTimesteps());
            out.flush();
            return trainAndFinish(world, trainer, dqn, evalEpisodes, run, progress, out, err);
        }
    }

    /** Prints the success rate, template share and LLM calls of the policy and each baseline. */
    @SuppressWarnings("unchecked")
    static void printFigures(PrintWriter out, Map<String, Object> summary) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("dqn", summary));
        ((Map<String, Object>) summary.get("baselines")).forEach((k, v) -> rows.add(row(k, (Map<String, Object>) v)));
        out.print(Tables.table(rows, "policy", "success", "ci95", "templates", "llm calls", "llm/solved", "tests",
                "note hits"));
        out.print(Tables.pairedTable(summary));
        if (summary.get("top_failed_traces") instanceof Map<?, ?> failed && !failed.isEmpty()) {
            out.println("dqn's most frequent failures (task: actions):");
            failed.forEach((trace, n) -> out.println("  " + n + "x " + trace));
        }
    }

    private static String[] row(String name, Map<String, Object> m) {
        Object perSuccess = m.get("llm_calls_per_success");
        Object hits = m.get("search_note_hit_rate");
        return new String[] {name, String.format(Locale.ROOT, "%.3f", (Double) m.get("success_rate")),
                String.format(Locale.ROOT, "[%.3f, %.3f]", (Double) m.get("success_ci95_low"),
                        (Double) m.get("success_ci95_high")),
                String.format(Locale.ROOT, "%.3f", (Double) m.get("template_share")),
                String.format(Locale.ROOT, "%.3f", (Double) m.get("mean_llm_calls")),
                perSuccess == null ? "-" : String.format(Locale.ROOT, "%.3f", (Double) perSuccess),
                String.format(Locale.ROOT, "%.3f", (Double) m.get("mean_test_runs")),
                hits == null ? "-" : String.format(Locale.ROOT, "%.3f", (Double) hits)};
    }
}
