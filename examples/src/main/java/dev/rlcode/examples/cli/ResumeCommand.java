package dev.rlcode.examples.cli;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.hier.HierarchicalTraining;
import dev.rlcode.agents.dqn.DqnTrainer;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.checkpoint.Checkpoint;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.envs.EnvSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rlcode resume DIR}: continues an interrupted run from its newest checkpoint to totalTimesteps. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue an unfinished run of `rlcode train ENV`, `train executive` or `train hierarchical` "
                + "from its newest checkpoint to its totalTimesteps, with the config in its config.json (a code "
                + "agent's run also rebuilds its tasks, model and sandbox from executive.json or hierarchical.json, "
                + "and then evaluates as the run would have).",
                "Training continues exactly as the uninterrupted run would have. metrics.jsonl is cut back to the "
                        + "checkpoint's step (the old file is kept as metrics.jsonl.bak). A run without a checkpoint "
                        + "starts again from step 0."},
        footerHeading = "%nStopping:%n",
        footer = {"  Ctrl-C stops training after the current step, as in `rlcode train`;",
                "  exit code 130."})
final class ResumeCommand implements Callable<Integer> {

    @ParentCommand
    RlCode app;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the run folder")
    Path runDir;

    @Mixin
    BackendOption backend;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        RunDir run = RunFolder.open(runDir);
        boolean hierarchical = Files.exists(run.dir().resolve(TrainHierarchicalCommand.SETTINGS_FILE));
        boolean executive = !hierarchical && Files.exists(run.dir().resolve(ExecutiveWorld.SETTINGS_FILE));
        if (!hierarchical && !executive) { // a code agent's run without its settings file cannot be rebuilt
            Object envId = RunFolder.readJson(run, "config.json").get("envId");
            String missing = "Executive-v0".equals(envId) ? ExecutiveWorld.SETTINGS_FILE
                    : HierarchicalTraining.ENV_ID.equals(envId) ? TrainHierarchicalCommand.SETTINGS_FILE : null;
            if (missing != null) {
                throw new CliException("run " + run.dir() + ": a run of " + envId + " needs its " + missing
                        + " (its tasks, code model and split), which is missing; nothing was changed");
            }
        }
        DqnConfig cfg = hierarchical ? RunFolder.config(run, HierarchicalTraining.preset())
                : executive ? RunFolder.config(run, DqnConfig.executive()) : RunFolder.config(run);
        Optional<Checkpoint> newest = RunFolder.newestCheckpoint(run);
        // A code agent's run is finished once its summary holds the held-out evaluation: the trainer's own summary,
        // written when training ends, stays alone when the evaluation fails (an LLM endpoint that went down), and
        // resume then restores the final checkpoint and runs that evaluation.
        boolean finished = Files.exists(run.dir().resolve("summary.json"))
                && (!(executive || hierarchical)
                        || RunFolder.readJson(run, "summary.json").containsKey("success_rate"));
        if (finished && newest.map(c -> c.step() >= cfg.totalTimesteps()).orElse(false)) {
            throw new CliException("run " + run.dir() + ": expected an unfinished run, actual a finished one "
                    + "(summary.json exists and its checkpoint is at totalTimesteps " + cfg.totalTimesteps() + ")");
        }
        if (newest.isPresent() && newest.get().step() > cfg.totalTimesteps()) {
            throw new CliException(run.dir().resolve("config.json") + ": totalTimesteps " + cfg.totalTimesteps()
                    + " is below the newest checkpoint's step " + newest.get().step() + " (" + newest.get().dir()
                    + "); nothing was changed");
        }
        if (executive) {
            return TrainExecutiveCommand.resume(run, cfg, backend.choice, app.terminal, out,
                    spec.commandLine().getErr());
        }
        if (hierarchical) {
            return TrainHierarchicalCommand.resume(run, cfg, backend.choice, app.terminal, out,
                    spec.commandLine().getErr());
        }
        EnvSpec env = Envs.spec(cfg.envId(), run.dir().resolve("config.json") + ": envId");
        try (Backend be = backend.create()) {
            ProgressReporter progress = new ProgressReporter(out, app.terminal);
            DqnTrainer trainer;
            try {
                trainer = DqnTrainer.resume(run, env.factory(), be, progress);
            } catch (IllegalArgumentException | NullPointerException e) {
                // IAE: a checkpoint of another kind or shape; NPE: a manifest whose meta lacks a field
                throw new CliException("run " + run.dir() + ": cannot restore the newest checkpoint"
                        + newest.map(c -> " " + c.dir()).orElse("") + " (" + e.getMessage() + "); nothing was changed", e);
            }
            out.println("rlcode resume " + run.dir() + ": " + cfg.envId() + ", step " + trainer.step() + " of "
                    + cfg.totalTimesteps());
            out.println("backend: " + be.name());
            out.print(Tables.keyValues(ConfigOverrides.toMap(cfg), "param", "value"));
            out.flush();
            return TrainingSession.run(trainer, run, progress, out, spec.commandLine().getErr());
        }
    }
}
