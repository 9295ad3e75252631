package dev.rlcode.examples.cli;

import dev.rlcode.agents.dqn.DqnAgent;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.dqn.EpisodeSeeds;
import dev.rlcode.agents.eval.Evaluation;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.checkpoint.Checkpoint;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.envs.EnvSpec;
import dev.rlcode.core.space.Box;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rlcode eval --run DIR}: evaluates the policy a run selected on episodes it has never seen. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a run's policy greedily and write eval.json in the run folder (summary.json is not "
                + "changed).",
                "The policy is the one the run selected (its best periodic-evaluation network if eval_policy is "
                        + "best, else the final one), from the newest checkpoint. The episodes are fresh "
                        + "final-evaluation episodes: their seeds follow those of the run's own final evaluation, "
                        + "so they were used neither in training nor in summary.json."})
final class EvalCommand implements Callable<Integer> {

    @ParentCommand
    RlCode app;

    @Spec
    CommandSpec spec;

    @Option(names = "--run", paramLabel = "DIR", required = true, description = "the run folder")
    Path runDir;

    @Option(names = "--episodes", paramLabel = "N",
            description = "episodes to evaluate (default: the run's evalEpisodes, or 10 if that is 0)")
    Integer episodes;

    @Mixin
    BackendOption backend;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (episodes != null && (episodes < 1 || episodes > RunFolder.MAX_EVAL_EPISODES)) {
            throw new CliException("--episodes: expected 1 to " + RunFolder.MAX_EVAL_EPISODES + ", actual " + episodes);
        }
        RunDir run = RunFolder.open(runDir);
        DqnConfig cfg = RunFolder.config(run);
        EnvSpec env = Envs.spec(cfg.envId(), run.dir().resolve("config.json") + ": envId");
        Checkpoint ckpt = RunFolder.newestCheckpoint(run).orElseThrow(() -> new CliException("run " + run.dir()
                + ": expected a checkpoint in " + run.checkpoints() + ", actual none (train or resume the run first)"));
        int n = episodes != null ? episodes : cfg.evalEpisodes() > 0 ? cfg.evalEpisodes() : 10;
        if ((long) cfg.evalEpisodes() + n > Integer.MAX_VALUE - 8) { // the fresh seeds follow the run's own
            throw new CliException("run " + run.dir() + ": config.json evalEpisodes " + cfg.evalEpisodes() + " leaves no "
                    + "room for " + n + " fresh episodes after it");
        }

        if (!(env.observationSpace() instanceof Box box)) {
            throw new CliException(cfg.envId() + ": expected a Box observation space, actual " + env.observationSpace());
        }
        try (Backend be = backend.create()) {
            DqnAgent agent = new DqnAgent(cfg, be, box.dim(), env.actionSpace().n());
            String parameters = RunFolder.loadEvaluated(agent, ckpt);
            // Fresh seeds: the final-evaluation family after the evalEpisodes seeds summary.json used.
            long[] all = EpisodeSeeds.finalEval(cfg.seed(), cfg.evalEpisodes() + n);
            long[] seeds = Arrays.copyOfRange(all, cfg.evalEpisodes(), all.length);
            double[] returns = Evaluation.returns(agent::greedy, env.factory(), seeds);
            double mean = Evaluation.mean(returns), std = Evaluation.std(returns);

            String policy = parameters.equals("best") ? "best"
                    : ckpt.meta().path("eval_policy").asText("").equals("final") ? "final" : "latest";
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("env", cfg.envId());
            result.put("seed", cfg.seed());
            result.put("policy", policy);
            result.put("checkpoint", run.dir().relativize(ckpt.dir()).toString());
            result.put("checkpoint_step", ckpt.step());
            result.put("eval_episodes", n);
            result.put("eval_seed_offset", cfg.evalEpisodes());
            result.put("eval_mean_return", mean);
            result.put("eval_std_return", std);
            result.put("returns", returns);
            result.put("backend", be.name());
            run.writeJson("eval.json", result);

            if (policy.equals("latest")) {
                out.println("note: checkpoint " + ckpt.dir().getFileName() + " is not the end of training (the run "
                        + "did not finish); evaluating its current network");
            }
            out.println(String.format(Locale.ROOT, "%s, %s policy (step %d): mean return %s %s %s over %d episodes",
                    cfg.envId(), policy, ckpt.step(), Tables.format(mean), Tables.plusMinus(), Tables.format(std), n));
            out.println("wrote " + run.dir().resolve("eval.json"));
            out.flush();
            return RlCode.EXIT_OK;
        }
    }
}
