package dev.rlcode.bench;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnAgent;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.Buffer;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.core.kernel.Kernels;
import dev.rlcode.gpu.Backends;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The operations timed across backends, shared by the JMH {@link BackendBench} and {@code rlcode bench}: each
 * builder allocates its inputs on the backend once (fixed seeds) and returns the call to time. A call only
 * enqueues on a GPU backend: time it followed by {@link Backend#synchronize()}.
 */
public final class BackendOps {

    private BackendOps() {}

    /**
     * {@return the backend called {@code name}}: {@code scalar} and {@code simd} (the CPU's two kernel sets), or any
     * name {@link Backends#create} takes ({@code cpu}, {@code opencl}, {@code cuda}, {@code auto}).
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException    when the backend is unavailable here (the message gives the reason)
     */
    public static Backend open(String name) {
        return switch (name.trim()) {
            case "scalar" -> CpuBackend.scalar();
            case "simd" -> CpuBackend.simd();
            default -> Backends.create(name.trim());
        };
    }

    /** {@return C = A·B with A, B, C n×n (no transposes, beta 0)} */
    public static Runnable gemm(Backend be, int n) {
        SplittableRandom r = new SplittableRandom(1);
        Buffer a = be.fromArray(random(r, n * n)), b = be.fromArray(random(r, n * n)), c = be.allocF32(n * n);
        Kernels k = be.kernels();
        return () -> k.gemm(false, false, n, n, n, 1f, a, b, 0f, c);
    }

    /** {@return one Adam step over {@code n} parameters} */
    public static Runnable adam(Backend be, int n) {
        SplittableRandom r = new SplittableRandom(2);
        Buffer p = be.fromArray(random(r, n)), g = be.fromArray(random(r, n));
        Buffer m = be.allocF32(n), v = be.allocF32(n);
        be.fill(m, 0, n, 0f);
        be.fill(v, 0, n, 0f);
        Kernels k = be.kernels();
        int[] t = {0};
        return () -> k.adamStep(p, g, m, v, n, 1e-4f, 0.9f, 0.999f, 1e-8f, ++t[0]);
    }

    /**
     * {@return a full Double + Dueling DQN update (sample, upload, target, loss, backward, clipping, Adam)} of an
     * {@code obs}-{@code hidden}-{@code actions} network at batch {@code batch}, on a replay of {@code 4·batch}
     * random transitions.
     */
    public static Runnable dqnUpdate(Backend be, int obs, List<Integer> hidden, int actions, int batch) {
        DqnConfig cfg = ConfigOverrides.apply(DqnConfig.cartPole(), Map.of("hidden", hidden, "batchSize", batch,
                "bufferSize", 4 * batch, "prioritized", false, "seed", 7));
        DqnAgent agent = new DqnAgent(cfg, be, obs, actions);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 4 * batch; i++) {
            agent.observe(random(r, obs), r.nextInt(actions), r.nextDouble(), random(r, obs), r.nextInt(20) == 0,
                    false, null);
        }
        return () -> agent.update(false);
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        return x;
    }
}
