package dev.rlcode.core.vector;

import dev.rlcode.core.env.Env;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * A {@link VectorEnv} that steps its envs in parallel on a fixed pool of daemon threads. Results are identical
 * to {@link SyncVectorEnv}'s for the same envs, seeds and actions: each env keeps its own random stream and only
 * per-env work runs on the pool. Worth it when one env step is expensive (physics, a sandboxed test run).
 *
 * <p>The envs are split into {@code numThreads} contiguous chunks, one task each. An exception thrown by an env
 * is rethrown unchanged on the caller's thread (that of the lowest env index if several fail); the vector env
 * should then be reset.
 *
 * {@snippet :
 * try (VectorEnv envs = ThreadPoolVectorEnv.of(16, CartPole::make, 4)) {
 *     envs.reset(42);
 * }
 * }
 */
public final class ThreadPoolVectorEnv extends AbstractVectorEnv {

    private final ExecutorService pool;
    private final int numThreads;

    /**
     * Vectorises the given envs, which it now owns, on {@code numThreads} threads.
     *
     * @param envs       at least one env; all with equal spaces, all masked or none
     * @param numThreads pool size, at least 1; more threads than envs are not started
     * @throws IllegalArgumentException if {@code numThreads < 1}, {@code envs} is empty or the envs disagree
     */
    public ThreadPoolVectorEnv(List<? extends Env<float[], Integer>> envs, int numThreads) {
        this(envs, numThreads, AutoresetMode.SAME_STEP);
    }

    /**
     * As {@link #ThreadPoolVectorEnv(List, int)}, with the given autoreset mode (see {@link VectorEnv}).
     *
     * @throws IllegalArgumentException if {@code numThreads < 1}, {@code envs} is empty or the envs disagree
     */
    public ThreadPoolVectorEnv(List<? extends Env<float[], Integer>> envs, int numThreads, AutoresetMode autoreset) {
        super(envs, autoreset);
        if (numThreads < 1) throw new IllegalArgumentException("numThreads: expected >= 1, actual " + numThreads);
        this.numThreads = Math.min(numThreads, envs.size());
        this.pool = Executors.newFixedThreadPool(this.numThreads,
                Thread.ofPlatform().daemon().name("rl-vector-env-", 0).factory());
    }

    /**
     * {@return a vector env of {@code numEnvs} envs made by {@code factory}, on {@code numThreads} threads}
     *
     * @throws IllegalArgumentException if {@code numEnvs < 1}, {@code numThreads < 1} or the envs disagree
     */
    public static ThreadPoolVectorEnv of(int numEnvs, Supplier<? extends Env<float[], Integer>> factory,
                                         int numThreads) {
        return new ThreadPoolVectorEnv(create(numEnvs, factory), numThreads);
    }

    /** {@return as {@link #of(int, Supplier, int)}, with the given autoreset mode} */
    public static ThreadPoolVectorEnv of(int numEnvs, Supplier<? extends Env<float[], Integer>> factory,
                                         int numThreads, AutoresetMode autoreset) {
        return new ThreadPoolVectorEnv(create(numEnvs, factory), numThreads, autoreset);
    }

    /** {@return the number of pool threads} */
    public int numThreads() {
        return numThreads;
    }

    @Override
    void forEachEnv(IntConsumer body) {
        int n = numEnvs();
        int chunk = (n + numThreads - 1) / numThreads;
        List<Callable<Void>> tasks = new ArrayList<>(numThreads);
        for (int from = 0; from < n; from += chunk) {
            int lo = from, hi = Math.min(n, from + chunk);
            tasks.add(() -> {
                for (int i = lo; i < hi; i++) body.accept(i);
                return null;
            });
        }
        List<Future<Void>> done;
        try {
            done = pool.invokeAll(tasks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("vector env step: interrupted while waiting for the envs", e);
        }
        for (Future<Void> f : done) {
            try {
                f.get();
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case RuntimeException r -> throw r;
                    case Error err -> throw err;
                    default -> throw new IllegalStateException("vector env step failed", e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("vector env step: interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        super.close();
    }
}
