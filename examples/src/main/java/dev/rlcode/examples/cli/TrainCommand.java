package dev.rlcode.examples.cli;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.dqn.DqnTrainer;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.envs.EnvSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rlcode train ENV}: resolves the config, creates the run folder and trains. */
@Command(name = "train", mixinStandardHelpOptions = true, subcommands = {TrainExecutiveCommand.class, TrainHierarchicalCommand.class},
        description = {"Train a DQN agent on ENV and write a run folder: config.json, metrics.jsonl, checkpoints/, "
                + "summary.json.",
                "The config is the env's preset, then --config FILE, then --seed/--steps, then each --set, later "
                        + "ones winning. The run folder is created only once the config is valid."},
        footerHeading = "%nStopping:%n",
        footer = {"  Ctrl-C stops training after the current step: a shutdown hook asks the",
                "  trainer to stop, and no summary is written. Continue from the last",
                "  checkpoint with `rlcode resume DIR`. Checkpoints are taken every",
                "  checkpointFrequency steps (at the next episode end; the presets take",
                "  5,000-50,000), and only at the end with 0. Exit code 130."})
final class TrainCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @ParentCommand
    RlCode app;

    @Spec
    CommandSpec spec;

    // Optional for picocli so that `train executive` (a subcommand) parses; call() requires it otherwise.
    @Parameters(index = "0", arity = "0..1", paramLabel = "ENV",
            description = "environment id, e.g. CartPole-v1 (see `rlcode envs`), or the subcommand executive")
    String env;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML (.yaml/.yml) or JSON (.json) file: a mapping of config keys to values")
    Path configFile;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the run (config key seed)")
    Long seed;

    @Option(names = "--steps", paramLabel = "N", description = "env steps to train for (config key totalTimesteps)")
    Long steps;

    @Option(names = "--out", paramLabel = "DIR",
            description = "run folder to create; must not exist or be empty (default: runs/ENV-seedN-yyyyMMdd-HHmmss)")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override one config key, e.g. --set learningRate=1e-3 --set hidden=64,64 (repeatable)")
    List<String> set = new ArrayList<>();

    @Mixin
    BackendOption backend;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (env == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Missing required parameter: 'ENV' (an environment id, or the subcommand executive)");
        }
        EnvSpec envSpec = Envs.spec(env, "ENV");

        ConfigResolver resolver = ConfigResolver.forEnv(env, envSpec.masked());
        if (configFile != null) resolver.file(configFile);
        if (seed != null) resolver.flags("--seed", "--seed", Map.of("seed", seed));
        if (steps != null) resolver.flags("--steps", "--steps", Map.of("totalTimesteps", steps));
        resolver.assignments(set);
        DqnConfig cfg = resolver.config();

        Path dir = out != null ? out
                : Path.of("runs", env.replaceAll("[/:]", "_") + "-seed" + cfg.seed() + "-"
                        + LocalDateTime.now().format(STAMP)); // a namespaced id (ns/Name-v0) stays one folder
        Backend be = backend.create();
        try (be) {
            NewFolder folder = NewFolder.create(dir);
            ProgressReporter progress = new ProgressReporter(stdout, app.terminal);
            DqnTrainer trainer;
            try {
                trainer = new DqnTrainer(cfg, envSpec.factory(), be, folder.run(), progress);
            } catch (RuntimeException e) {
                folder.removeIfUnused();
                if (e instanceof IllegalArgumentException) throw new CliException(e.getMessage(), e);
                throw e;
            }
            folder.run().writeJson("config.json", ConfigOverrides.toMap(cfg));

            stdout.println("rlcode train " + env + " -> " + dir);
            stdout.println("backend: " + be.name());
            stdout.print(configTable(cfg, resolver.sources()));
            stdout.flush();
            return TrainingSession.run(trainer, folder.run(), progress, stdout, stderr);
        }
    }

    /** {@return the resolved config as a table: key, value, and where the value came from} */
    static String configTable(DqnConfig cfg, Map<String, String> sources) {
        List<String[]> rows = new ArrayList<>();
        ConfigOverrides.toMap(cfg).forEach((k, v) -> rows.add(new String[] {k, Tables.format(v),
                sources.getOrDefault(k, "")}));
        return Tables.table(rows, "param", "value", "from");
    }

    /** A run folder this command creates, which it removes again if training cannot start. */
    private record NewFolder(RunDir run, Path dir, Path firstCreated) {

        static NewFolder create(Path dir) throws IOException {
            Path abs = dir.toAbsolutePath().normalize();
            Path firstCreated = TrainingSession.firstMissing(abs);
            try {
                return new NewFolder(RunDir.create(dir), abs, firstCreated);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), e);
            }
        }

        /** Deletes the (still empty) folders that {@link #create} made; never anything that was there before. */
        void removeIfUnused() throws IOException {
            Files.deleteIfExists(dir.resolve("checkpoints"));
            if (firstCreated == null) return;
            for (Path p = dir; p != null && p.startsWith(firstCreated); p = p.getParent()) Files.deleteIfExists(p);
        }
    }
}
