package dev.rlcode.examples;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.dqn.DqnTrainer;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.envs.classic.CartPole;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Double DQN (van Hasselt et al. 2016, https://arxiv.org/abs/1509.06461) with a dueling head (Wang et al. 2016,
 * https://arxiv.org/abs/1511.06581) on CartPole-v1, with the tuned preset {@link DqnConfig#cartPole()}: the same
 * job as {@code ./rlcode train CartPole-v1}, in one file.
 *
 * <p>{@link DqnTrainer} runs the loop: ε-greedy acting, replay, a training phase every {@code trainFrequency}
 * steps, target updates, a periodic evaluation every {@code evalFrequency} steps that keeps the best network, and
 * a final evaluation on episodes never used in training. It writes the run folder: config.json, metrics.jsonl,
 * checkpoints/ and summary.json.
 *
 * {@snippet lang=shell :
 * ./mvnw -q -DskipTests package
 * java --add-modules jdk.incubator.vector -cp examples/target/rlcode.jar dev.rlcode.examples.DoubleDuelingDqnCartPole \
 *     --seed=3 --out=runs/dd-cartpole-3
 * }
 */
public final class DoubleDuelingDqnCartPole {

    private DoubleDuelingDqnCartPole() {}

    public static void main(String[] args) throws IOException {
        // Config: the CartPole preset, then --key=value overrides.
        Map<String, String> flags = parseFlags(args);
        String out = flags.remove("out");
        DqnConfig cfg;
        try {
            cfg = ConfigOverrides.apply(DqnConfig.cartPole(), flags);
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return;
        }
        if (!cfg.envId().equals("CartPole-v1")) usage("envId: expected CartPole-v1, actual " + cfg.envId());
        Path dir = out != null ? Path.of(out) : Path.of("runs", "DoubleDuelingDqnCartPole-seed" + cfg.seed() + "-"
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

        // Progress: one line per logFrequency steps, and the periodic evaluations.
        DqnTrainer.Listener log = new DqnTrainer.Listener() {
            @Override
            public void onProgress(DqnTrainer.Progress p) {
                System.out.printf(Locale.ROOT, "global_step=%d, episodes=%d, last_return=%.1f, epsilon=%.3f, SPS=%.0f%n",
                        p.step(), p.episodes(), p.lastReturn(), p.epsilon(), p.stepsPerSecond());
            }

            @Override
            public void onMessage(String line) {
                System.out.println(line);
            }
        };

        try (Backend backend = CpuBackend.auto()) {
            DqnTrainer trainer = new DqnTrainer(cfg, CartPole::make, backend, run, log);
            Map<String, Object> summary = new LinkedHashMap<>(trainer.train());
            System.out.printf(Locale.ROOT, "eval (%s policy): mean return %.1f +/- %.1f over %d episodes; %.0f s; "
                            + "run folder %s%n", summary.get("eval_policy"), (Double) summary.get("eval_mean_return"),
                    (Double) summary.get("eval_std_return"), (Integer) summary.get("eval_episodes"),
                    (Double) summary.get("wall_seconds"), dir);
        }
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
        System.err.println("usage: DoubleDuelingDqnCartPole [--key=value]... [--out=DIR]   keys and defaults:");
        ConfigOverrides.toMap(DqnConfig.cartPole()).forEach((k, v) -> System.err.println("  --" + k + "=" + v));
        System.exit(error == null ? 0 : 2);
    }
}
