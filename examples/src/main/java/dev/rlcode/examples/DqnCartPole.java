package dev.rlcode.examples;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnAgent;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.dqn.EpisodeSeeds;
import dev.rlcode.agents.eval.Evaluation;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.core.optim.LinearSchedule;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.envs.EnvRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * DQN on CartPole-v1 with the hyperparameters of CleanRL's {@code dqn.py}, and its training loop written out
 * here, top to bottom (Mnih et al. 2015, https://doi.org/10.1038/nature14236). {@code --envId=Acrobot-v1} or
 * {@code --envId=MountainCar-v0} runs the same loop on another registered env.
 *
 * <p>One file, meant to be read and copied. The loop is CleanRL's: act ε-greedily, step, store the transition,
 * and after {@code learningStarts} steps train every {@code trainFrequency} steps and copy the online network to
 * the target every {@code targetNetworkFrequency} steps. It keeps no periodic evaluation or checkpoints: for those
 * use {@code DqnTrainer}, as {@link DoubleDuelingDqnCartPole} does.
 *
 * <p>Run it with {@code --key=value} for any {@link DqnConfig} key this loop uses ({@code numEnvs},
 * {@code evalFrequency} and {@code checkpointFrequency} stay at 1, 0 and 0; progress is printed every
 * {@code logFrequency} steps), and {@code --out=DIR} for the run folder
 * (default {@code runs/DqnCartPole-seed<N>-<time>}):
 * {@snippet lang=shell :
 * ./mvnw -q -DskipTests package
 * java --add-modules jdk.incubator.vector -cp examples/target/rlcode.jar dev.rlcode.examples.DqnCartPole \
 *     --totalTimesteps=100000 --seed=2
 * }
 */
public final class DqnCartPole {

    private DqnCartPole() {}

    public static void main(String[] args) throws IOException {
        // Config: CleanRL's dqn.py defaults, then --key=value overrides.
        Map<String, String> flags = parseFlags(args);
        String out = flags.remove("out");
        DqnConfig cfg;
        try {
            cfg = ConfigOverrides.apply(defaults(), flags);
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return;
        }
        if (cfg.masking()) usage("masking: expected false, actual true (this loop passes no action masks; see "
                + "MaskedDqnGridWorld)");
        // what this loop leaves out is refused rather than recorded in config.json and ignored
        if (cfg.numEnvs() != 1) usage("numEnvs: expected 1, actual " + cfg.numEnvs() + " (this loop steps one env; "
                + "DqnTrainer steps several)");
        if (cfg.evalFrequency() != 0 || cfg.checkpointFrequency() != 0) {
            usage("evalFrequency/checkpointFrequency: expected 0, actual " + cfg.evalFrequency() + "/"
                    + cfg.checkpointFrequency() + " (this loop keeps no periodic evaluation or checkpoints; "
                    + "DqnTrainer does, as in DoubleDuelingDqnCartPole)");
        }
        Supplier<Env<float[], Integer>> makeEnv = () -> EnvRegistry.make(cfg.envId());
        try (Env<float[], Integer> probe = makeEnv.get()) { // a bad env is refused before any folder exists
            probe.reset(0);
            if (!(probe.observationSpace() instanceof Box) || !(probe.actionSpace() instanceof Discrete d)
                    || d.start() != 0) {
                usage("envId: expected an env with Box observations and Discrete actions from 0, actual "
                        + probe.observationSpace() + " and " + probe.actionSpace());
            } else if (Evaluation.maskOf(probe) != null) {
                usage("envId: expected an env without action masks, actual " + cfg.envId() + " has them (this "
                        + "loop would take illegal actions; see MaskedDqnGridWorld)");
            }
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
        }
        Path dir = out != null ? Path.of(out) : Path.of("runs", "DqnCartPole-seed" + cfg.seed() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunDir run;
        try {
            run = RunDir.create(dir); // refuses a non-empty folder or a path below a file
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return;
        }
        run.writeJson("config.json", ConfigOverrides.toMap(cfg));
        System.out.println("|param|value|\n|-|-|");
        ConfigOverrides.toMap(cfg).forEach((k, v) -> System.out.println("|" + k + "|" + v + "|"));

        try (Env<float[], Integer> env = makeEnv.get();
             Backend backend = CpuBackend.auto();
             RunDir.MetricsWriter metrics = run.metrics()) {
            int obsDim = ((Box) env.observationSpace()).dim(), numActions = ((Discrete) env.actionSpace()).n();
            DqnAgent agent = new DqnAgent(cfg, backend, obsDim, numActions);
            LinearSchedule epsilon = LinearSchedule.ofFraction(cfg.startE(), cfg.endE(), cfg.explorationFraction(),
                    cfg.totalTimesteps());
            long t0 = System.nanoTime();

            // TRY NOT TO MODIFY: start the game; episode e is reset with its own seed, so runs are reproducible
            long episode = 0;
            float[] obs = env.reset(EpisodeSeeds.train(cfg.seed(), episode)).observation();
            double episodeReturn = 0, lastReturn = Double.NaN;
            for (long globalStep = 1; globalStep <= cfg.totalTimesteps(); globalStep++) {
                // ALGO LOGIC: ε-greedy action; ε decays linearly over explorationFraction of the run
                double eps = epsilon.value(globalStep - 1);
                int action = agent.act(obs, null, eps);

                // TRY NOT TO MODIFY: execute the game and store the transition (bootstrapping uses terminated only)
                StepResult<float[]> r = env.step(action);
                agent.observe(obs, action, r.reward(), r.observation(), r.terminated(), r.truncated(), null);
                agent.setStep(globalStep); // anneals prioritized replay's β, when prioritized=true
                episodeReturn += r.reward();
                if (r.done()) {
                    episode++;
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("type", "episode");
                    row.put("step", globalStep);
                    row.put("episode", episode);
                    row.put("return", episodeReturn);
                    row.put("epsilon", eps);
                    metrics.write(row);
                    lastReturn = episodeReturn;
                    episodeReturn = 0;
                    obs = env.reset(EpisodeSeeds.train(cfg.seed(), episode)).observation();
                } else {
                    obs = r.observation();
                }
                if (globalStep % cfg.logFrequency() == 0) {
                    System.out.printf("global_step=%d, episode=%d, last episodic_return=%.1f, epsilon=%.3f%n",
                            globalStep, episode, lastReturn, eps);
                }

                // ALGO LOGIC: training. One gradient step on a replay minibatch: y = r + γ(1−d)·max_a' Q_target(s',a')
                if (globalStep > cfg.learningStarts()) {
                    if (globalStep % cfg.trainFrequency() == 0) {
                        for (int g = 0; g < cfg.gradientSteps(); g++) agent.update(false);
                    }
                    // update the target network: θ' ← τθ + (1−τ)θ'
                    if (globalStep % cfg.targetNetworkFrequency() == 0) agent.updateTarget();
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;

            // Evaluation: the greedy policy on episodes never used in training.
            double[] returns = Evaluation.returns(agent::greedy, makeEnv,
                    EpisodeSeeds.finalEval(cfg.seed(), cfg.evalEpisodes()));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("env", cfg.envId());
            summary.put("seed", cfg.seed());
            summary.put("steps", cfg.totalTimesteps());
            summary.put("episodes", episode);
            summary.put("eval_episodes", returns.length);
            summary.put("eval_mean_return", returns.length == 0 ? null : Evaluation.mean(returns));
            summary.put("eval_std_return", returns.length == 0 ? null : Evaluation.std(returns));
            summary.put("wall_seconds", seconds);
            summary.put("env_steps_per_second", cfg.totalTimesteps() / seconds);
            run.writeJson("summary.json", summary);
            System.out.printf("eval: mean return %.1f +/- %.1f over %d episodes (%.0f s, run folder %s)%n",
                    Evaluation.mean(returns), Evaluation.std(returns), returns.length, seconds, dir);
        }
    }

    /** CleanRL's dqn.py settings ({@link DqnConfig#cleanRl()}) without the checkpoints this loop does not keep. */
    private static DqnConfig defaults() {
        return ConfigOverrides.apply(DqnConfig.cleanRl(), Map.of("checkpointFrequency", 0));
    }

    /** Parses {@code --key=value} arguments; {@code --help} prints the keys and their defaults. */
    private static Map<String, String> parseFlags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) usage(null);
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 3) usage("expected --key=value, actual '" + a + "'");
            flags.put(a.substring(2, eq), a.substring(eq + 1));
        }
        return flags;
    }

    private static void usage(String error) {
        if (error != null) System.err.println("error: " + error);
        System.err.println("usage: DqnCartPole [--key=value]... [--out=DIR]   keys and defaults:");
        ConfigOverrides.toMap(defaults()).forEach((k, v) -> System.err.println("  --" + k + "=" + v));
        System.exit(error == null ? 0 : 2);
    }
}
