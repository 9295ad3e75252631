package dev.rlcode.bench;

import dev.rlcode.core.buffer.Batch;
import dev.rlcode.core.buffer.PrioritizedReplayBuffer;
import dev.rlcode.core.buffer.Replay;
import dev.rlcode.core.buffer.ReplayBuffer;
import dev.rlcode.core.buffer.ReplaySpec;
import dev.rlcode.core.rng.Rng;
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
 * Minibatch sampling from a full replay buffer of CartPole-shaped transitions (4 floats, 2 actions, 1-step):
 * uniform {@link ReplayBuffer} and proportional {@link PrioritizedReplayBuffer} (sum-tree, stratified), alone and
 * followed by the priority update a DQN step makes.
 *
 * <p>The prioritized buffer starts with random priorities in (0, 1] so its tree is not flat. {@code
 * sampleAndUpdate} writes new priorities every call, so the tree drifts over a run (as in training); the uniform
 * buffer's update only validates its arguments.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ReplayBench {

    @Param({"uniform", "prioritized"})
    public String kind;

    @Param({"64", "256"})
    public int batchSize;

    @Param({"100000"})
    public int capacity;

    private Replay replay;
    private Batch batch;
    private Rng rng;
    private float[] tdErrors;

    @Setup(Level.Trial)
    public void setup() {
        ReplaySpec spec = ReplaySpec.of(capacity, 4, 2, 0.99);
        replay = switch (kind) {
            case "uniform" -> new ReplayBuffer(spec);
            case "prioritized" -> new PrioritizedReplayBuffer(spec, 0.6, 0.4, 1_000_000);
            default -> throw new IllegalArgumentException("kind: expected uniform or prioritized, actual " + kind);
        };
        fill(replay, capacity, BenchData.SEED);
        batch = Batch.allocate(batchSize, spec);
        rng = Rng.of(BenchData.SEED, Rng.Stream.REPLAY);
        tdErrors = BenchData.uniform(batchSize, BenchData.SEED + 3);
        if (replay instanceof PrioritizedReplayBuffer) { // random priorities over the whole buffer
            SplittableRandom r = new SplittableRandom(BenchData.SEED + 4);
            int[] idx = new int[1024];
            float[] err = new float[1024];
            for (int start = 0; start < capacity; start += idx.length) {
                int len = Math.min(idx.length, capacity - start);
                int[] i2 = len == idx.length ? idx : new int[len];
                float[] e2 = len == err.length ? err : new float[len];
                for (int i = 0; i < len; i++) {
                    i2[i] = start + i;
                    e2[i] = (float) r.nextDouble(1e-3, 1);
                }
                replay.updatePriorities(i2, e2);
            }
        }
    }

    /** Adds {@code count} random CartPole-like transitions (episodes of ~50 steps). */
    static void fill(Replay replay, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] obs = new float[4], next = new float[4];
        for (int t = 0; t < count; t++) {
            for (int i = 0; i < 4; i++) next[i] = (float) r.nextDouble(-0.2, 0.2);
            boolean terminated = r.nextInt(50) == 0;
            replay.add(obs, r.nextInt(2), 1.0, next, terminated, false, null);
            System.arraycopy(next, 0, obs, 0, 4);
        }
    }

    @Benchmark
    public Batch baseline() {
        return batch;
    }

    @Benchmark
    public Batch sample() {
        replay.sample(batchSize, rng, batch);
        return batch;
    }

    @Benchmark
    public Batch sampleAndUpdate() {
        replay.sample(batchSize, rng, batch);
        replay.updatePriorities(batch.indices(), tdErrors);
        return batch;
    }
}

/* How to run (from the worktree root):
 *   ./mvnw -q -pl benchmarks -am package -DskipTests
 *   java -jar benchmarks/target/benchmarks.jar ReplayBench
 *   java -jar benchmarks/target/benchmarks.jar ReplayBench -p kind=prioritized -p batchSize=256
 */
