package dev.rlcode.agents.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent jobs at once and returns their results in the jobs' order. The held-out evaluations use it to run
 * the trained policy and the baselines side by side, each on its own env, so that their sandbox calls overlap (one
 * policy at a time leaves all but one sandbox slot idle). Each job must own everything mutable it touches; the
 * results are then the same as one job after another.
 */
public final class Concurrently {

    private Concurrently() {
    }

    /**
     * Runs every job on its own thread and waits for all of them.
     *
     * @param name prefix of the threads' names
     * @param jobs the jobs
     * @param <T>  result type
     * @return the results, in the jobs' order
     * @throws RuntimeException the first job's failure in list order (an unchecked one as it was thrown, a checked
     *                          one wrapped); the other jobs are interrupted and awaited first
     */
    public static <T> List<T> all(String name, List<? extends Callable<T>> jobs) {
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name(name + "-", 0)
                .daemon(true).factory())) {
            return all(pool, name, jobs);
        }
    }

    /**
     * As {@link #all(String, List)}, on a pool the caller owns (e.g. the virtual threads that step a trainer's envs,
     * once per env step). On a failure the other jobs are interrupted but not awaited: closing the pool awaits them.
     *
     * @param pool where the jobs run
     * @param name what the jobs are, for the message of a checked failure or an interrupt
     * @param jobs the jobs
     * @param <T>  result type
     * @return the results, in the jobs' order
     */
    public static <T> List<T> all(ExecutorService pool, String name, List<? extends Callable<T>> jobs) {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> job : jobs) {
            futures.add(pool.submit(job));
        }
        List<T> out = new ArrayList<>(jobs.size());
        try {
            for (Future<T> f : futures) {
                out.add(f.get());
            }
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(name + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted", e);
        }
        return out;
    }
}
