package dev.rlcode.examples.cli;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.dqn.DqnAgent;
import dev.rlcode.agents.dqn.DqnTrainer;
import dev.rlcode.agents.hier.FrozenExecutive;
import dev.rlcode.agents.hier.HierarchicalPolicy;
import dev.rlcode.envs.code.HierarchicalAction;
import dev.rlcode.envs.code.HierarchicalEnv;
import dev.rlcode.envs.code.task.CompositeTask;
import dev.rlcode.agents.hier.HierarchicalSetup;
import dev.rlcode.agents.hier.HierarchicalTraining;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.envs.code.ExecutiveConfig;
import dev.rlcode.envs.code.HierarchicalConfig;
import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.sandbox.SandboxConfig;
import dev.rlcode.envs.code.task.BundledSuite;
import dev.rlcode.envs.code.task.TaskSplit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code rlcode train hierarchical}: trains the high level of the hierarchy (masked DQN over PLAN, EXECUTE_NEXT,
 * INTEGRATE, EVALUATE, REPLAN, STOP) on the training composites, with the Executive of a finished
 * {@code train executive} run frozen below it, and ends summary.json with the held-out evaluation and the random,
 * script and oracle baselines on the same episodes.
 */
@Command(name = "hierarchical", mixinStandardHelpOptions = true,
        description = {"Train the hierarchical level (masked DQN) on the bundled composites with a frozen Executive, "
                + "and evaluate it on held-out composites.",
                "Writes DIR/config.json (DQN keys), hierarchical.json (executive run, model, split, rewards), "
                        + "metrics.jsonl, checkpoints/, sandbox-cache/, fault-catalogs/ and summary.json."})
final class TrainHierarchicalCommand implements Callable<Integer> {

    /** The settings file of a hierarchical run. */
    static final String SETTINGS_FILE = "hierarchical.json";
    /** Keys of {@value #SETTINGS_FILE} that pin the frozen Executive (checkpoint step, parameters' SHA-256). */
    static final String EXECUTIVE_STEP_KEY = "executive_checkpoint_step";
    static final String EXECUTIVE_DIGEST_KEY = "executive_parameters_sha256";
    static final String SPLIT_SALT = "hierarchical";
    /** Split rule: composites that share a subtask stay on one side ({@link TaskSplit#compositesByGroup}). */
    static final String SPLIT_BY_GROUP = "by-group";

    @ParentCommand
    TrainCommand train;

    @Spec
    CommandSpec spec;

    @Option(names = "--executive", paramLabel = "RUN_DIR", required = true,
            description = "a finished `rlcode train executive` run (its checkpoint, model settings and catalogues)")
    Path executive;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seed of the run (default: 1)")
    long seed;

    @Option(names = "--steps", paramLabel = "N", description = "high-level env steps to train for (default: 4000)")
    Long steps;

    @Option(names = "--eval-episodes", paramLabel = "N", defaultValue = "300",
            description = "held-out evaluation episodes (default: 300)")
    int evalEpisodes;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.3",
            description = "share of composite groups held out (composites sharing a subtask stay together; default: "
                    + "0.3; at most the Executive run's --test-fraction, whose split kept those composites' parts "
                    + "out of its training)")
    double testFraction;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "run folder to create")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one DQN config key (repeatable)")
    List<String> set = new ArrayList<>();

    @Mixin
    BackendOption backend;

    /**
     * Refuses an Executive that trained on a part of a held-out composite: the Hierarchical level's held-out figures
     * would then rest on tasks its frozen Executive learned on. An Executive trained on the bundled suite with this
     * version, with the same {@code --test-fraction}, never does (its split keeps those parts out of training).
     *
     * @param exec       the Executive run's executive.json
     * @param composites the composites' split this run would use
     * @throws CliException naming the tasks
     */
    static void requireExecutiveHeldOut(Map<String, Object> exec, TaskSplit<CompositeTask> composites) {
        Set<String> trained = new TreeSet<>();
        ExecutiveWorld.taskSplit(exec).apply(ExecutiveWorld.source(exec).tasks()).train()
                .forEach(t -> trained.add(t.id()));
        Set<String> overlap = new TreeSet<>();
        composites.test().forEach(c -> c.subtasks().forEach(t -> {
            if (trained.contains(t.id())) overlap.add(t.id());
        }));
        if (!overlap.isEmpty() && ExecutiveWorld.SPLIT_AROUND_COMPOSITES.equals(exec.get(ExecutiveWorld.SPLIT_KEY))
                && exec.get("test_fraction") instanceof Number f) {
            // the Executive's own split kept out the parts of the composites it would hold out: a larger
            // --test-fraction here holds out more, some of whose parts it trained on
            throw new CliException("--test-fraction: the Executive's split kept out of training the parts of the "
                    + "composites held out at --test-fraction " + f + ", this run holds out more (" + overlap.size()
                    + " of their parts are its training tasks: " + String.join(", ", overlap) + "); use "
                    + "--test-fraction " + f + " (or lower) here, or train the Executive with this one");
        }
        if (!overlap.isEmpty()) {
            throw new CliException("--executive: the Executive trained on " + overlap.size() + " task"
                    + (overlap.size() == 1 ? "" : "s") + " that " + (overlap.size() == 1 ? "is a part" : "are parts")
                    + " of held-out composites (" + String.join(", ", overlap) + "), so the held-out evaluation "
                    + "would not be held out. Train the Executive again on the bundled suite with this version and "
                    + "the same --test-fraction (its split keeps the held-out composites' parts out of training; runs "
                    + "from before 2026-12-07 split the tasks by id alone)");
        }
    }

    /**
     * {@return hierarchical.json {@code settings} pinned to the run's checkpoints: a resume with other composites,
     * split, Executive or rewards is refused; the Executive run's folder may move (its checkpoint is pinned by
     * digest) and the final evaluation's size may change}
     */
    static DqnTrainer.World pin(Map<String, Object> settings) {
        return new DqnTrainer.World(SETTINGS_FILE, settings, Set.of("executive_run",
                TrainExecutiveCommand.EVAL_EPISODES_KEY));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        DqnConfig dqn = TrainingSession.codeAgentConfig(HierarchicalTraining.preset(), seed, steps, set, evalEpisodes);
        ExecutiveWorld.checkTestFraction(testFraction);
        RunDir execRun = RunFolder.open(executive);
        if (!Files.isRegularFile(execRun.dir().resolve(ExecutiveWorld.SETTINGS_FILE))) {
            throw new CliException("--executive " + executive + ": expected " + ExecutiveWorld.SETTINGS_FILE
                    + " (a run of `rlcode train executive`), actual none");
        }
        Map<String, Object> exec = RunFolder.readJson(execRun, ExecutiveWorld.SETTINGS_FILE);
        if (!"synthetic".equals(exec.get("model"))) {
            throw new CliException("--executive: expected a run with --model synthetic (the hierarchical level needs "
                    + "plans that name the composites' subtasks), actual model " + exec.get("model"));
        }
        if (!Files.isRegularFile(execRun.dir().resolve("summary.json"))
                || !RunFolder.readJson(execRun, "summary.json").containsKey("success_rate")) { // as resume judges it
            throw new CliException("--executive " + executive + ": expected a finished run (summary.json), actual "
                    + "none: the run was interrupted, is still training or its held-out evaluation failed (`rlcode "
                    + "resume " + executive + "` finishes it)");
        }
        if (execRun.inUse()) {
            throw new CliException("--executive " + executive + ": the run is being written by another rlcode process "
                    + "(a resume); wait for it to end, then run the command again");
        }
        // The Executive is pinned to the checkpoint trained with: a later `resume` of the Executive run adds newer
        // checkpoints, which this run's resume and eval-code must not pick up instead.
        FrozenExecutive.Pin pin;
        try {
            pin = FrozenExecutive.newest(execRun.dir());
        } catch (IllegalArgumentException e) {
            throw new CliException("--executive " + executive + ": " + e.getMessage(), e);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("executive_run", execRun.dir().toAbsolutePath().toString());
        settings.put(EXECUTIVE_STEP_KEY, pin.step());
        settings.put(EXECUTIVE_DIGEST_KEY, pin.parametersSha256());
        settings.put("composites", "bundled");
        settings.put("model", "synthetic");
        settings.put("max_mutants", exec.get("max_mutants"));
        settings.put("test_fraction", testFraction);
        settings.put("split_salt", SPLIT_SALT);
        settings.put(ExecutiveWorld.SPLIT_KEY, SPLIT_BY_GROUP); // absent in older folders: by id
        requireExecutiveHeldOut(exec, TaskSplit.compositesByGroup(BundledSuite.composites(), testFraction, SPLIT_SALT));
        HierarchicalConfig env = HierarchicalConfig.of(executiveConfig(exec));
        settings.put("max_steps", env.maxSteps());
        settings.put("executive_settings", exec);
        settings.put(TrainExecutiveCommand.EVAL_EPISODES_KEY, evalEpisodes); // for `rlcode resume`
        Path firstCreated = TrainingSession.firstMissing(out);
        RunDir run = TrainingSession.newRunFolder(out);
        stdout.println("rlcode train hierarchical -> " + out + " (executive " + execRun.dir() + ")");
        stdout.flush();
        try (World world = TrainingSession.openOrDiscard(run, firstCreated, () -> {
            run.writeJson("config.json", ConfigOverrides.toMap(dqn));
            run.writeJson(SETTINGS_FILE, settings);
            return World.open(settings, run.dir(), backend.choice, stdout);
        })) {
            stdout.println("composites: " + world.setup.train().size() + " train, " + world.setup.test().size()
                    + " test; executive checkpoint step " + world.executive.step() + " (" + world.executive.parameters()
                    + " parameters)");
            stdout.flush();
            ProgressReporter progress = new ProgressReporter(stdout, train.app.terminal);
            DqnTrainer trainer = HierarchicalTraining.trainer(world.setup, world.envConfig, dqn, world.backend, run,
                    progress).world(pin(settings));
            return trainAndFinish(world, trainer, dqn, evalEpisodes, run, progress, stdout,
                    spec.commandLine().getErr());
        }
    }

    /** Trains under a stop hook (Ctrl-C: exit 130, resumable), then evaluates and writes the summary and report. */
    private static int trainAndFinish(World world, DqnTrainer trainer, DqnConfig dqn, int evalEpisodes, RunDir run,
                                      ProgressReporter progress, PrintWriter out, PrintWriter err) throws IOException {
        Map<String, Object> trained = TrainingSession.trainStoppably(trainer, run, progress, err);
        if (trained == null) return RlCode.EXIT_INTERRUPTED;
        HierarchicalTraining.Result r = HierarchicalTraining.finish(world.setup, world.envConfig, dqn, trainer, trained,
                evalEpisodes, run, progress);
        printFigures(out, r.summary());
        TrainingSession.writeResults(run, r.summary(), world.sandbox.stats(), out, err);
        return RlCode.EXIT_OK;
    }

    /**
     * {@code rlcode resume DIR} for an interrupted run of {@code train hierarchical}: rebuilds its composites, frozen
     * Executive and sandbox from hierarchical.json and continues from the newest checkpoint exactly as the
     * uninterrupted run would have gone, then evaluates as the run would have.
     */
    static int resume(RunDir run, DqnConfig dqn, BackendChoice backendChoice, boolean terminal, PrintWriter out,
                      PrintWriter err) throws IOException {
        Map<String, Object> settings = RunFolder.readJson(run, SETTINGS_FILE);
        int evalEpisodes = RunFolder.countSetting(run, SETTINGS_FILE, settings, TrainExecutiveCommand.EVAL_EPISODES_KEY,
                300);
        try (World world = World.open(settings, run.dir(), backendChoice, out)) {
            ProgressReporter progress = new ProgressReporter(out, terminal);
            DqnTrainer trainer;
            try {
                trainer = HierarchicalTraining.resume(world.setup, world.envConfig, world.backend, run, progress,
                        pin(settings));
            } catch (IllegalArgumentException e) {
                throw new CliException("run " + run.dir() + ": cannot restore the newest checkpoint (" + e.getMessage()
                        + "); nothing was changed", e);
            }
            out.println("rlcode resume " + run.dir() + ": the Hierarchical level, step " + trainer.step() + " of "
                    + dqn.totalTimesteps());
            out.flush();
            return trainAndFinish(world, trainer, dqn, evalEpisodes, run, progress, out, err);
        }
    }

    /**
     * {@code rlcode eval-code --run DIR} for a hierarchical run: the greedy high-level policy of the newest checkpoint
     * (the parameters its summary evaluated) and the baselines on fresh episodes of one split, seeds of the
     * final-evaluation family after those summary.json used; writes DIR/{@code output}.
     */
    static int evalCode(RunDir run, String split, int episodes, String output, BackendChoice backendChoice,
                        PrintWriter stdout) throws IOException {
        RunFolder.Replay saved = RunFolder.Replay.of(run, HierarchicalTraining.preset(), split);
        DqnConfig dqn = saved.dqn();
        int offset = saved.seedOffset();
        try (World world = World.open(RunFolder.readJson(run, SETTINGS_FILE), run.dir(), backendChoice, stdout)) {
            DqnAgent agent = new DqnAgent(dqn, world.backend, HierarchicalEnv.OBS_DIM,
                    HierarchicalAction.values().length);
            String parameters = saved.load(agent);
            HierarchicalPolicy greedy = (env, obs, mask) -> agent.greedy(obs, mask);
            List<CompositeTask> composites = split.equals("test") ? world.setup.test() : world.setup.train();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("split", split);
            result.put("composites", composites.stream().map(CompositeTask::id).toList());
            result.put("seed_offset", offset);
            result.put("checkpoint_step", saved.checkpoint().step());
            result.put("parameters", parameters);
            result.put(EXECUTIVE_STEP_KEY, world.executive.step());
            result.putAll(HierarchicalTraining.evaluate(world.setup, world.envConfig, greedy, composites, dqn.seed(),
                    offset, episodes, line -> {
                        stdout.println(line);
                        stdout.flush();
                    }));
            printFigures(stdout, result);
            TrainingSession.writeWithSandboxFigures(run, output, result, world.sandbox.stats(), stdout);
            stdout.println("wrote " + run.dir().resolve(output));
            stdout.flush();
        }
        return RlCode.EXIT_OK;
    }

    /** {@return the Executive's env settings from its executive.json} */
    static ExecutiveConfig executiveConfig(Map<String, Object> s) {
        return ExecutiveWorld.envConfigOf(s);
    }

    private static Number num(Map<String, Object> s, String key) {
        if (!(s.get(key) instanceof Number n)) {
            throw new CliException(SETTINGS_FILE + ": expected a number for " + key + ", actual "
                    + s.get(key));
        }
        return n;
    }

    /** The sandbox, frozen Executive and composites of a hierarchical run, rebuilt from hierarchical.json. */
    static final class World implements AutoCloseable {
        final Sandbox sandbox;
        final Backend backend;
        final FrozenExecutive executive;
        final HierarchicalSetup setup;
        final HierarchicalConfig envConfig;

        private World(Sandbox sandbox, Backend backend, FrozenExecutive executive, HierarchicalSetup setup,
                      HierarchicalConfig envConfig) {
            this.sandbox = sandbox;
            this.backend = backend;
            this.executive = executive;
            this.setup = setup;
            this.envConfig = envConfig;
        }

        /**
         * Loads the frozen Executive, copies the Executive run's fault catalogues into {@code runDir/fault-catalogs}
         * (unless it used a shared cache, which is then used as is) and its sandbox results into
         * {@code runDir/sandbox-cache}, starts the sandbox (cache there) and builds the setup.
         */
        @SuppressWarnings("unchecked")
        static World open(Map<String, Object> s, Path runDir, BackendChoice backendChoice, PrintWriter log)
                throws IOException {
            if (!(s.get("executive_settings") instanceof Map<?, ?>)) {
                throw new CliException(SETTINGS_FILE + ": expected an object for executive_settings (the Executive "
                        + "run's executive.json), actual " + s.get("executive_settings"));
            }
            Map<String, Object> exec = (Map<String, Object>) s.get("executive_settings");
            Path execDir = Path.of(String.valueOf(s.get("executive_run")));
            Path catalogs;
            if (exec.get("catalog_cache") != null) {
                catalogs = Path.of(exec.get("catalog_cache").toString());
            } else {
                catalogs = runDir.resolve("fault-catalogs");
                copyMissing(execDir.resolve("fault-catalogs"), catalogs);
            }
            // sandbox results are a pure function of (code, tests): the Executive run's cache saves cold runs
            copyMissing(execDir.resolve("sandbox-cache"), runDir.resolve("sandbox-cache"));
            HierarchicalConfig env;
            try {
                env = new HierarchicalConfig(num(s, "max_steps").intValue(),
                        executiveConfig(exec).llmCallCost(), executiveConfig(exec).testCost(),
                        executiveConfig(exec).searchCost(), executiveConfig(exec).successReward(),
                        executiveConfig(exec).failureReward(), executiveConfig(exec));
            } catch (IllegalArgumentException e) {
                throw new CliException(runDir.resolve(SETTINGS_FILE) + ": " + e.getMessage(), e);
            }
            Backend be = backendChoice.create();
            Sandbox sandbox = Sandbox.create(SandboxConfig.defaults().withCache(true, runDir.resolve("sandbox-cache")));
            try {
                FrozenExecutive executive;
                if (s.get(EXECUTIVE_STEP_KEY) != null) {
                    executive = FrozenExecutive.load(execDir, new FrozenExecutive.Pin(num(s, EXECUTIVE_STEP_KEY)
                            .longValue(), String.valueOf(s.get(EXECUTIVE_DIGEST_KEY))), be);
                } else { // a run from before the pin: the Executive run's newest checkpoint, as it was then
                    executive = FrozenExecutive.load(execDir, be);
                    log.println("note: " + SETTINGS_FILE + " pins no Executive checkpoint (an older run): using the "
                            + "newest, step " + executive.step());
                }
                HierarchicalSetup setup = HierarchicalSetup.synthetic(BundledSuite.composites(), BundledSuite.notes(),
                        sandbox, ExecutiveWorld.modelConfig(exec), num(s, "max_mutants").intValue(), catalogs,
                        ExecutiveWorld.precomputedCatalogs(exec),
                        compositeSplit(s), executive,
                        line -> {
                            log.println(line);
                            log.flush();
                        });
                return new World(sandbox, be, executive, setup, env);
            } catch (RuntimeException | IOException e) {
                sandbox.close();
                be.close();
                if (e instanceof IllegalArgumentException) {
                    throw new CliException(e.getMessage(), e);
                }
                throw e;
            }
        }

        /**
         * {@return the composites' split hierarchical.json {@code s} records: by group, or by id in a run folder
         * from before 2026-12-07}
         */
        static Function<List<CompositeTask>, TaskSplit<CompositeTask>> compositeSplit(Map<String, Object> s) {
            double testFraction = num(s, "test_fraction").doubleValue();
            String salt = String.valueOf(s.get("split_salt"));
            Object rule = s.get(ExecutiveWorld.SPLIT_KEY);
            if (rule == null) return c -> TaskSplit.byId(c, CompositeTask::id, testFraction, salt);
            if (!SPLIT_BY_GROUP.equals(rule)) {
                throw new CliException(SETTINGS_FILE + ": expected split " + SPLIT_BY_GROUP + " (or none, in an "
                        + "older run), actual " + rule);
            }
            return c -> TaskSplit.compositesByGroup(c, testFraction, salt);
        }

        private static void copyMissing(Path from, Path to) throws IOException {
            Files.createDirectories(to);
            if (!Files.isDirectory(from)) {
                return;
            }
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path target = to.resolve(f.getFileName().toString());
                    if (!Files.exists(target)) {
                        Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }

        @Override
        public void close() {
            sandbox.close();
            backend.close();
        }
    }

    /** Prints the success rate, its interval, steps, LLM calls and test runs of the policy and each baseline. */
    @SuppressWarnings("unchecked")
    static void printFigures(PrintWriter out, Map<String, Object> summary) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("dqn", summary));
        ((Map<String, Object>) summary.get("baselines")).forEach((k, v) -> rows.add(row(k, (Map<String, Object>) v)));
        out.print(Tables.table(rows, "policy", "success", "ci95", "steps", "llm calls", "test runs"));
        out.print(Tables.pairedTable(summary));
        out.flush();
    }

    private static String[] row(String name, Map<String, Object> m) {
        return new String[] {name, String.format(Locale.ROOT, "%.3f", (Double) m.get("success_rate")),
                String.format(Locale.ROOT, "[%.3f, %.3f]", (Double) m.get("success_ci95_low"),
                        (Double) m.get("success_ci95_high")),
                String.format(Locale.ROOT, "%.2f", (Double) m.get("mean_steps")),
                String.format(Locale.ROOT, "%.2f", (Double) m.get("mean_llm_calls")),
                String.format(Locale.ROOT, "%.2f", (Double) m.get("mean_test_runs"))};
    }
}
