package dev.rlcode.examples.cli;

import dev.rlcode.agents.dqn.DqnAgent;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.executive.ExecutivePolicy;
import dev.rlcode.agents.executive.ExecutiveTraining;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.envs.code.ExecutiveAction;
import dev.rlcode.envs.code.ExecutiveEnv;
import dev.rlcode.envs.code.task.CodeTask;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlcode eval-code}: evaluates the Executive of a {@code train executive} run, and the baselines, on fresh
 * episodes of one split (seeds of the final-evaluation family after those summary.json used; training never uses
 * that family).
 */
@Command(name = "eval-code", mixinStandardHelpOptions = true,
        description = {"Evaluate a trained Executive (rlcode train executive) and the random, script and oracle "
                + "baselines on the same fresh episodes; writes DIR/eval-code.json.",
                "A run of `rlcode train hierarchical` is evaluated the same way on its composites."})
final class EvalCodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--run", paramLabel = "DIR", required = true, description = "the run folder")
    Path runDir;

    @Option(names = "--split", paramLabel = "test|train", defaultValue = "test",
            description = "which tasks to evaluate on (default: test)")
    String split;

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "300", description = "episodes (default: 300)")
    int episodes;

    @Option(names = "--model-set", paramLabel = "KEY=P",
            description = "replace one synthetic-model probability for this evaluation, e.g. pFixShallow=0.5 "
                    + "(repeatable; on top of the run's own --model-set; a sensitivity check: the policy stays the "
                    + "trained one)")
    List<String> modelSet = new ArrayList<>();

    @Option(names = "--env-set", paramLabel = "KEY=VALUE",
            description = "replace one of the Executive env's settings for this evaluation, e.g. "
                    + "searchQuery=prompt+feedback+code (repeatable; on top of the run's executive.json; keys as for "
                    + "train executive; a sensitivity check: the policy stays the trained one)")
    List<String> envSet = new ArrayList<>();

    /** The run folder's own files, which an evaluation must not overwrite. */
    static final java.util.Set<String> RUN_FILES = java.util.Set.of("config.json", "summary.json",
            ExecutiveWorld.SETTINGS_FILE, TrainHierarchicalCommand.SETTINGS_FILE, "eval.json", "demo.json",
            "ablation.json");

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "eval-code.json",
            description = "file name of the result in the run folder (default: ${DEFAULT-VALUE})")
    String output;

    @Mixin
    BackendOption backend;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (!split.equals("test") && !split.equals("train")) {
            throw new CliException("--split: expected test or train, actual " + split);
        }
        if (episodes < 1 || episodes > RunFolder.MAX_EVAL_EPISODES) {
            throw new CliException("--episodes: expected 1 to " + RunFolder.MAX_EVAL_EPISODES + ", actual " + episodes);
        }
        if (output.isBlank() || output.contains("/") || output.contains("\\") || !output.endsWith(".json")) {
            throw new CliException("--output: expected a plain file name ending in .json, actual '" + output + "'");
        }
        if (RUN_FILES.contains(output)) {
            throw new CliException("--output: expected a name the run folder does not use for its own files "
                    + RUN_FILES + ", actual '" + output + "'");
        }
        RunDir run = RunFolder.open(runDir);
        ExecutiveWorld.envConfig(envSet); // a bad key or value fails here, before the run is read
        if (Files.isRegularFile(run.dir().resolve(TrainHierarchicalCommand.SETTINGS_FILE))) {
            if (!envSet.isEmpty() || !modelSet.isEmpty()) {
                throw new CliException("--env-set/--model-set: expected a run of `rlcode train executive`, actual a "
                        + "hierarchical run (" + run.dir() + ")");
            }
            return TrainHierarchicalCommand.evalCode(run, split, episodes, output, backend.choice, stdout);
        }
        if (!Files.isRegularFile(run.dir().resolve(ExecutiveWorld.SETTINGS_FILE))) {
            throw new CliException("run " + run.dir() + ": expected " + ExecutiveWorld.SETTINGS_FILE
                    + " (a run of `rlcode train executive`), actual none");
        }
        RunFolder.Replay saved = RunFolder.Replay.of(run, DqnConfig.executive(), split);
        DqnConfig dqn = saved.dqn();
        int offset = saved.seedOffset();
        Map<String, Double> modelOverrides = ExecutiveWorld.modelOverrides(modelSet);
        try (ExecutiveWorld world = ExecutiveWorld.open(RunFolder.readJson(run, ExecutiveWorld.SETTINGS_FILE),
                run.dir(), stdout, modelOverrides, envSet); Backend be = backend.create()) {
            DqnAgent agent = new DqnAgent(dqn, be, ExecutiveEnv.OBS_DIM, ExecutiveAction.values().length);
            String parameters = saved.load(agent);
            ExecutivePolicy greedy = (env, obs, mask) -> agent.greedy(obs, mask);
            List<CodeTask> tasks = split.equals("test") ? world.setup.test() : world.setup.train();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("split", split);
            result.put("tasks", tasks.size());
            result.put("seed_offset", offset);
            result.put("checkpoint_step", saved.checkpoint().step());
            result.put("parameters", parameters);
            Map<String, Double> effective = new LinkedHashMap<>(
                    ExecutiveWorld.runModelOverrides(RunFolder.readJson(run, ExecutiveWorld.SETTINGS_FILE)));
            effective.putAll(modelOverrides);
            result.put("model_overrides", effective);
            result.put("env_overrides", List.copyOf(envSet));
            result.put("search_query", world.envConfig.searchQuery().text());
            result.putAll(ExecutiveTraining.evaluate(world.setup, world.envConfig, greedy, tasks, dqn.seed(), offset,
                    episodes, line -> {
                        stdout.println(line);
                        stdout.flush();
                    }));
            TrainExecutiveCommand.printFigures(stdout, result);
            TrainingSession.writeWithSandboxFigures(run, output, result, world.sandbox.stats(), stdout);
            stdout.println("wrote " + run.dir().resolve(output));
            stdout.flush();
        }
        return RlCode.EXIT_OK;
    }
}
