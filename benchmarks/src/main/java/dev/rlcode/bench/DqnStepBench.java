package dev.rlcode.bench;

import dev.rlcode.agents.dqn.DqnAgent;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.envs.classic.CartPole;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full DQN gradient step, {@link DqnAgent#update(boolean)}: sample a minibatch, upload it, TD target through
 * the online and target networks, current Q, loss, backward, clipping and Adam, on {@code ScalarKernels} and
 * {@code SimdKernels}.
 *
 * <p>Settings ({@link DqnSettings}): {@code RL4J} (4-64-64-2, batch 64, MSE, no clipping) and {@code CARTPOLE}
 * (the SB3-zoo preset: 4-256-256-3 dueling head, batch 64, Huber, clip 10). Replay holds 10,000 transitions of
 * a random policy on CartPole. Each agent keeps training on that replay across calls (no target updates), as in
 * a training phase.
 */
/* Warm-up is long on purpose: until C2 compiles them, Vector API kernels run hundreds of times slower than scalar
 * code (an MLP step took 30 ms instead of 50 µs in the first second), and on a loaded 2-core box C2 took ~3 s. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class DqnStepBench {

    @Param({"RL4J", "CARTPOLE"})
    public DqnSettings setting;

    private DqnAgent scalarAgent, simdAgent;

    @Setup(Level.Trial)
    public void setup() {
        DqnConfig cfg = setting.config(50_000);
        scalarAgent = new DqnAgent(cfg, CpuBackend.scalar(), 4, 2);
        simdAgent = new DqnAgent(cfg, CpuBackend.simd(), 4, 2);
        fillWithRandomPlay(scalarAgent, 10_000, BenchData.SEED);
        fillWithRandomPlay(simdAgent, 10_000, BenchData.SEED);
    }

    /** Plays {@code steps} CartPole steps with uniformly random actions into the agent's replay. */
    static void fillWithRandomPlay(DqnAgent agent, int steps, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        try (Env<float[], Integer> env = CartPole.make()) {
            float[] obs = env.reset(seed).observation();
            for (int t = 0; t < steps; t++) {
                int a = r.nextInt(2);
                StepResult<float[]> s = env.step(a);
                agent.observe(obs, a, s.reward(), s.observation(), s.terminated(), s.truncated(), null);
                obs = s.done() ? env.reset(seed + t).observation() : s.observation();
            }
        }
    }

    @Benchmark
    public DqnAgent baseline() {
        return simdAgent;
    }

    @Benchmark
    public DqnAgent.UpdateStats scalar() {
        return scalarAgent.update(false);
    }

    @Benchmark
    public DqnAgent.UpdateStats simd() {
        return simdAgent.update(false);
    }
}

/* How to run (from the worktree root):
 *   ./mvnw -q -pl benchmarks -am package -DskipTests
 *   java -jar benchmarks/target/benchmarks.jar DqnStepBench
 *   java -jar benchmarks/target/benchmarks.jar DqnStepBench -p setting=RL4J
 */
