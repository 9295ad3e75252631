package dev.rlcode.bench;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.dqn.DqnTrainer;
import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.core.wrapper.Wrapper;
import dev.rlcode.envs.grid.GridWorld;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DQN training throughput against {@code numEnvs} on an env that waits a fixed time in every step, a stand-in for
 * an LLM call or a sandbox run: the masked GridWorld-v0 with a sleep of {@code --wait-ms} per step, trained with
 * the Executive preset's network and schedule ({@link DqnConfig#executive()}: 64-64 masked Double DQN, a gradient
 * step per env step). Each round runs every {@code numEnvs} once (order rotating by round); the table gives the
 * median env steps/s over the rounds and the median of the per-round ratios to {@code numEnvs = 1}.
 *
 * <p>It measures the trainer's concurrency only: how much of the waiting the lanes overlap while the learner
 * keeps one gradient step per env step. Envs that burn CPU instead (the synthetic code model's sandbox runs on a
 * 2-core machine) gain little or nothing; see the README.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.rlcode.bench.ManyEnvsBench \
 *     [--wait-ms 20] [--steps 1500]
 *     [--rounds 3] [--envs 1,2,4,8]
 * </pre>
 */
public final class ManyEnvsBench {

    private ManyEnvsBench() {}

    /** A wrapper that sleeps {@code waitMs} before every step (virtual-thread friendly). */
    static final class Waiting extends Wrapper<float[], Integer> {
        private final long waitMs;

        Waiting(Env<float[], Integer> env, long waitMs) {
            super(env);
            this.waitMs = waitMs;
        }

        @Override
        public StepResult<float[]> step(Integer action) {
            try {
                Thread.sleep(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("waiting env: interrupted", e);
            }
            return super.step(action);
        }
    }

    /** {@return env steps per second of one training run} */
    static double run(int numEnvs, long waitMs, long steps) throws Exception {
        DqnConfig cfg = ConfigOverrides.apply(DqnConfig.executive(), Map.of("envId", "GridWorld-v0",
                "totalTimesteps", steps, "learningStarts", Math.min(500, steps / 3), "numEnvs", numEnvs,
                "evalEpisodes", 0, "logFrequency", steps));
        Map<String, Object> s = new DqnTrainer(cfg, () -> new Waiting(GridWorld.make(), waitMs),
                CpuBackend.auto(), null, null).train();
        return ((Number) s.get("env_steps_per_second")).doubleValue();
    }

    public static void main(String[] args) throws Exception {
        long waitMs = 20, steps = 1500;
        int rounds = 3;
        int[] envs = {1, 2, 4, 8};
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!List.of("--wait-ms", "--steps", "--rounds", "--envs").contains(option)) {
                throw new IllegalArgumentException("unknown option " + option
                        + " (expected --wait-ms, --steps, --rounds, --envs)");
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException(option + ": expected a value, actual none");
            String value = args[++i];
            try {
                switch (option) {
                    case "--wait-ms" -> waitMs = Long.parseLong(value);
                    case "--steps" -> steps = Long.parseLong(value);
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    default -> envs = Arrays.stream(value.split(",")).mapToInt(e -> Integer.parseInt(e.strip()))
                            .toArray();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": expected a number" + (option.equals("--envs")
                        ? " list (1,2,4)" : "") + ", actual " + value);
            }
        }
        if (waitMs < 0) throw new IllegalArgumentException("--wait-ms: expected >= 0, actual " + waitMs);
        if (steps < 1) throw new IllegalArgumentException("--steps: expected >= 1, actual " + steps);
        if (rounds < 1) throw new IllegalArgumentException("--rounds: expected >= 1, actual " + rounds);
        if (Arrays.stream(envs).anyMatch(e -> e < 1)) {
            throw new IllegalArgumentException("--envs: expected positive counts, actual " + Arrays.toString(envs));
        }
        if (envs.length == 0 || envs[0] != 1) {
            throw new IllegalArgumentException("--envs: expected a list starting with 1 (the baseline), actual "
                    + Arrays.toString(envs));
        }
        MachineInfo.describe().forEach(System.out::println);
        System.out.printf(Locale.ROOT, "GridWorld-v0 + %d ms wait per step, %d steps per run, %d rounds%n",
                waitMs, steps, rounds);
        double[][] rates = new double[envs.length][rounds];
        run(1, 0, Math.min(steps, 1000)); // JIT warm-up, no waiting
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < envs.length; j++) {
                int c = (r + j) % envs.length;
                rates[c][r] = run(envs[c], waitMs, steps);
                System.out.printf(Locale.ROOT, "  round %d numEnvs %d: %.1f env steps/s%n", r + 1, envs[c], rates[c][r]);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("| numEnvs | env steps/s (median [min–max]) | ratio to numEnvs 1 | ideal |");
        lines.add("|---|---|---|---|");
        for (int j = 0; j < envs.length; j++) {
            Interleaved.Stats st = Interleaved.Stats.of(rates[j]);
            Interleaved.Stats ratio = Interleaved.Stats.ratio(rates[j], rates[0]);
            lines.add(String.format(Locale.ROOT, "| %d | %.1f [%.1f–%.1f] | %.2f× | %d× |", envs[j], st.median(),
                    st.min(), st.max(), ratio.median(), envs[j]));
        }
        lines.forEach(System.out::println);
    }
}
