package dev.rlcode.examples;

import dev.rlcode.agents.dqn.EpisodeSeeds;
import dev.rlcode.agents.eval.Evaluation;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.Buffer;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.core.nn.Mlp;
import dev.rlcode.core.optim.Adam;
import dev.rlcode.core.rng.Rng;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.envs.EnvRegistry;
import dev.rlcode.envs.EnvSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A new agent on the framework's parts: REINFORCE (Williams 1992, https://doi.org/10.1007/BF00992696), the
 * Monte-Carlo policy gradient, on CartPole-v1. It is not DQN, so it uses no DQN class: it takes the env from
 * {@link EnvRegistry}, the policy network from {@link Mlp}, the optimizer from {@link Adam}, the kernels from a
 * {@link Backend}, seeds from {@link Rng} and {@link EpisodeSeeds}, the run folder from {@link RunDir} and the final
 * evaluation from {@link Evaluation}. Copy it as the start of another agent.
 *
 * <p>The loop: play one episode with actions sampled from the softmax of the network's logits; compute the
 * discounted return-to-go G_t of every step and normalise them over the episode (a baseline that cuts the
 * variance); then one gradient step on L = −(1/T) Σ_t G_t · log π(a_t | s_t). The gradient of L with respect to the
 * logits of step t is (π(·|s_t) − onehot(a_t)) · G_t / T, computed here on the host and handed to
 * {@link Mlp#backward}. The evaluation plays the most probable action. {@code --envId} takes any registered env
 * without action masks, but nothing else was tried with these defaults: on Acrobot-v1 (seed 1) the policy never
 * reaches the goal in 600 episodes (−500; not investigated).
 *
 * <p>{@code --key=value} sets one of the keys {@code --help} lists; {@code --out=DIR} names the run folder
 * (default {@code runs/ReinforceCartPole-seed<N>-<time>}):
 * {@snippet lang=shell :
 * ./mvnw -q -DskipTests package
 * java --add-modules jdk.incubator.vector -cp examples/target/rlcode.jar dev.rlcode.examples.ReinforceCartPole \
 *     --episodes=800 --seed=2
 * }
 */
public final class ReinforceCartPole {

    private ReinforceCartPole() {}

    /** The settings, with their defaults ({@code --help} prints them). */
    record Config(String envId, long seed, int episodes, double learningRate, double gamma, int[] hidden,
                  int evalEpisodes) {

        static Config defaults() {
            return new Config("CartPole-v1", 1, 600, 0.01, 0.99, new int[] {64}, 20);
        }

        Config with(String key, String value) {
            try {
                return switch (key) {
                    case "envId" -> new Config(value, seed, episodes, learningRate, gamma, hidden, evalEpisodes);
                    case "seed" -> new Config(envId, Long.parseLong(value), episodes, learningRate, gamma, hidden,
                            evalEpisodes);
                    case "episodes" -> new Config(envId, seed, positive(key, Integer.parseInt(value)), learningRate,
                            gamma, hidden, evalEpisodes);
                    case "learningRate" -> new Config(envId, seed, episodes, positive(key, Double.parseDouble(value)),
                            gamma, hidden, evalEpisodes);
                    case "gamma" -> {
                        double g = Double.parseDouble(value);
                        if (!(g >= 0 && g <= 1)) {
                            throw new IllegalArgumentException("gamma: expected 0..1, actual " + g);
                        }
                        yield new Config(envId, seed, episodes, learningRate, g, hidden, evalEpisodes);
                    }
                    case "hidden" -> new Config(envId, seed, episodes, learningRate, gamma, sizes(value), evalEpisodes);
                    case "evalEpisodes" -> new Config(envId, seed, episodes, learningRate, gamma, hidden,
                            positive(key, Integer.parseInt(value)));
                    default -> throw new IllegalArgumentException("unknown key: " + key + " (expected one of "
                            + String.join(", ", defaults().toMap().keySet()) + ")");
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": expected a number, actual '" + value + "'", e);
            }
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("envId", envId);
            m.put("seed", seed);
            m.put("episodes", episodes);
            m.put("learningRate", learningRate);
            m.put("gamma", gamma);
            m.put("hidden", java.util.Arrays.stream(hidden).boxed().toList());
            m.put("evalEpisodes", evalEpisodes);
            return m;
        }

        private static <N extends Number> N positive(String key, N n) {
            if (!(n.doubleValue() > 0)) throw new IllegalArgumentException(key + ": expected > 0, actual " + n);
            return n;
        }

        private static int[] sizes(String value) {
            String[] parts = value.replaceAll("[\\[\\] ]", "").split(",");
            int[] out = new int[parts.length];
            for (int i = 0; i < parts.length; i++) out[i] = positive("hidden", Integer.parseInt(parts[i]));
            return out;
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> flags = parseFlags(args);
        String out = flags.remove("out");
        Config cfg = Config.defaults();
        try {
            for (Map.Entry<String, String> f : flags.entrySet()) cfg = cfg.with(f.getKey(), f.getValue());
            if (EnvRegistry.spec(cfg.envId()).masked()) {
                throw new IllegalArgumentException("envId: expected an env without action masks (this loop samples "
                        + "from every action), actual " + cfg.envId());
            }
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return;
        }
        Path dir = out != null ? Path.of(out) : Path.of("runs", "ReinforceCartPole-seed" + cfg.seed() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunDir run;
        try {
            run = RunDir.create(dir); // refuses a non-empty folder or a path below a file
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return;
        }
        Map<String, Object> summary = train(cfg, run);
        System.out.printf("eval: mean return %.1f +/- %.1f over %d episodes (%.0f s, run folder %s)%n",
                (double) summary.get("eval_mean_return"), (double) summary.get("eval_std_return"),
                (int) summary.get("eval_episodes"), (double) summary.get("wall_seconds"), dir);
    }

    /** Trains and evaluates; writes config.json, metrics.jsonl and summary.json to the run folder. */
    static Map<String, Object> train(Config cfg, RunDir run) throws IOException {
        run.writeJson("config.json", cfg.toMap());
        EnvSpec spec = EnvRegistry.spec(cfg.envId());
        int obsDim = ((Box) spec.observationSpace()).dim(), numActions = ((Discrete) spec.actionSpace()).n();
        int maxSteps = spec.maxEpisodeSteps();
        int[] sizes = new int[cfg.hidden().length + 2];
        sizes[0] = obsDim;
        System.arraycopy(cfg.hidden(), 0, sizes, 1, cfg.hidden().length);
        sizes[sizes.length - 1] = numActions;

        // scalar kernels: the same seed gives the same run on every machine
        try (Backend backend = CpuBackend.scalar();
             Env<float[], Integer> env = spec.make();
             RunDir.MetricsWriter metrics = run.metrics()) {
            Mlp policy = new Mlp(backend, sizes, maxSteps, Rng.of(cfg.seed(), Rng.Stream.INIT));
            Adam adam = new Adam(backend, policy.numParams(), (float) cfg.learningRate(), 0f);
            Rng sampling = Rng.of(cfg.seed(), Rng.Stream.EXPLORATION);
            Buffer oneObs = backend.allocF32(obsDim);
            Buffer batchObs = backend.allocF32(maxSteps * obsDim);
            Buffer gradLogits = backend.allocF32(maxSteps * numActions);
            float[] logits = new float[maxSteps * numActions];
            long t0 = System.nanoTime(), steps = 0;

            for (int episode = 0; episode < cfg.episodes(); episode++) {
                // ALGO LOGIC: play one episode, sampling a ~ softmax(logits(s))
                List<float[]> states = new ArrayList<>();
                List<Integer> actions = new ArrayList<>();
                List<Double> rewards = new ArrayList<>();
                float[] obs = env.reset(EpisodeSeeds.train(cfg.seed(), episode)).observation();
                StepResult<float[]> r;
                do {
                    backend.upload(obs, 0, oneObs, 0, obsDim);
                    backend.download(policy.forward(oneObs, 1), 0, logits, 0, numActions);
                    int a = sample(softmax(logits, 0, numActions), sampling);
                    r = env.step(a);
                    states.add(obs);
                    actions.add(a);
                    rewards.add(r.reward());
                    obs = r.observation();
                } while (!r.done());
                int t = states.size();
                steps += t;

                // ALGO LOGIC: normalised returns-to-go, then one step on L = -(1/T) sum G_t log pi(a_t|s_t)
                double[] g = new double[t];
                double running = 0;
                for (int i = t - 1; i >= 0; i--) g[i] = running = rewards.get(i) + cfg.gamma() * running;
                double mean = Evaluation.mean(g), std = Evaluation.std(g);
                for (int i = 0; i < t; i++) {
                    backend.upload(states.get(i), 0, batchObs, i * obsDim, obsDim);
                }
                backend.download(policy.forward(batchObs, t), 0, logits, 0, t * numActions);
                double[] advantages = new double[t];
                for (int i = 0; i < t; i++) advantages[i] = (g[i] - mean) / (std + 1e-8);
                float[] grad = logitGradient(logits, actions.stream().mapToInt(Integer::intValue).toArray(),
                        advantages, t, numActions);
                backend.upload(grad, 0, gradLogits, 0, grad.length);
                policy.backward(gradLogits, t);
                adam.step(policy.params(), policy.grads());

                // TRY NOT TO MODIFY: log the episode
                double episodeReturn = rewards.stream().mapToDouble(Double::doubleValue).sum();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("type", "episode");
                row.put("step", steps);
                row.put("episode", episode + 1);
                row.put("return", episodeReturn);
                row.put("length", t);
                metrics.write(row);
                if ((episode + 1) % 50 == 0) {
                    System.out.printf("episode=%d, global_step=%d, episodic_return=%.1f%n", episode + 1, steps,
                            episodeReturn);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;

            // Evaluation: the most probable action, on episodes never used in training.
            float[] evalLogits = new float[numActions];
            Evaluation.Policy greedy = (o, mask) -> {
                backend.upload(o, 0, oneObs, 0, obsDim);
                backend.download(policy.forward(oneObs, 1), 0, evalLogits, 0, numActions);
                int best = 0;
                for (int a = 1; a < numActions; a++) if (evalLogits[a] > evalLogits[best]) best = a;
                return best;
            };
            double[] returns = Evaluation.returns(greedy, spec::make,
                    EpisodeSeeds.finalEval(cfg.seed(), cfg.evalEpisodes()));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("env", cfg.envId());
            summary.put("seed", cfg.seed());
            summary.put("episodes", cfg.episodes());
            summary.put("steps", steps);
            summary.put("eval_episodes", returns.length);
            summary.put("eval_mean_return", Evaluation.mean(returns));
            summary.put("eval_std_return", Evaluation.std(returns));
            summary.put("wall_seconds", seconds);
            run.writeJson("summary.json", summary);
            return summary;
        }
    }

    /**
     * {@return dL/dlogits for L = −(1/T) Σ_t A_t · log softmax(logits_t)[a_t]: (softmax(logits_t) − onehot(a_t))
     * · A_t / T, row t of {@code n} values per step}
     */
    static float[] logitGradient(float[] logits, int[] actions, double[] advantages, int t, int n) {
        float[] grad = new float[t * n];
        for (int i = 0; i < t; i++) {
            double[] p = softmax(logits, i * n, n);
            for (int a = 0; a < n; a++) {
                grad[i * n + a] = (float) ((p[a] - (a == actions[i] ? 1 : 0)) * advantages[i] / t);
            }
        }
        return grad;
    }

    /** {@return L = −(1/T) Σ_t A_t · log softmax(logits_t)[a_t], the loss whose gradient {@link #logitGradient} is} */
    static double loss(float[] logits, int[] actions, double[] advantages, int t, int n) {
        double sum = 0;
        for (int i = 0; i < t; i++) sum -= advantages[i] * Math.log(softmax(logits, i * n, n)[actions[i]]);
        return sum / t;
    }

    /**
     * {@return the softmax of {@code n} logits from {@code off}, computed stably in double with {@link StrictMath}
     * (the same bits on every machine, so a seed gives the same run everywhere)}
     */
    static double[] softmax(float[] logits, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < n; a++) max = Math.max(max, logits[off + a]);
        double[] p = new double[n];
        double sum = 0;
        for (int a = 0; a < n; a++) sum += p[a] = StrictMath.exp(logits[off + a] - max);
        for (int a = 0; a < n; a++) p[a] /= sum;
        return p;
    }

    private static int sample(double[] p, Rng rng) {
        double u = rng.nextDouble(), c = 0;
        for (int a = 0; a < p.length - 1; a++) {
            c += p[a];
            if (u < c) return a;
        }
        return p.length - 1;
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
        System.err.println("usage: ReinforceCartPole [--key=value]... [--out=DIR]   keys and defaults:");
        Config.defaults().toMap().forEach((k, v) -> System.err.println("  --" + k + "=" + v));
        System.exit(error == null ? 0 : 2);
    }
}
