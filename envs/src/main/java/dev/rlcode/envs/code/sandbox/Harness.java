package dev.rlcode.envs.code.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs many (task id, request) pairs through a {@link Sandbox} with N worker (virtual) threads and sums up:
 * the base of the {@code rlcode harness} command.
 */
public final class Harness {

    /** One task to judge. @param taskId e.g. {@code "Java/0"} @param request what to run */
    public record Task(String taskId, ExecutionRequest request) {
        public Task {
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(request, "request");
        }
    }

    /** One task's verdict. */
    public record TaskResult(String taskId, Verdict verdict) {
    }

    /**
     * Totals of a run.
     *
     * @param total          tasks
     * @param passed         tasks that passed
     * @param failed         tasks that did not
     * @param byStatus       status string → count
     * @param tasksPerSecond {@code total} over the wall-clock time of the run
     * @param wallMillis     wall-clock time of the run
     * @param compileMillis  summed compile time
     * @param scanMillis     summed scan time
     * @param launchMillis   summed JVM launch time (start to request read)
     * @param runMillis      summed execution time (launch, tests, teardown)
     * @param cached         tasks answered from the cache
     */
    public record Summary(int total, int passed, int failed, Map<String, Integer> byStatus, double tasksPerSecond,
                          double wallMillis, double compileMillis, double scanMillis, double launchMillis,
                          double runMillis, int cached) {
        public Summary {
            byStatus = Map.copyOf(byStatus);
        }

        /** {@return a few lines for logs} */
        public String describe() {
            return String.format("%d tasks, %d passed, %d failed %s in %.1f s: %.2f tasks/s%n"
                            + "  summed per phase: compile %.0f ms, scan %.0f ms, launch %.0f ms, run (launch+tests+teardown) "
                            + "%.0f ms; cached %d",
                    total, passed, failed, new TreeMap<>(byStatus), wallMillis / 1000, tasksPerSecond, compileMillis,
                    scanMillis, launchMillis, runMillis, cached);
        }
    }

    /** Per-task results, in the tasks' order, and the summary. */
    public record Report(List<TaskResult> results, Summary summary) {
        public Report {
            results = List.copyOf(results);
        }
    }

    private Harness() {
    }

    /**
     * Judges every task.
     *
     * @param sandbox the sandbox (its slots bound how many executions really run at once)
     * @param tasks   the tasks
     * @param workers concurrent requests, at least 1 (a few more than the sandbox's slots keeps compile and
     *                execution overlapped)
     * @return results and summary
     */
    public static Report run(Sandbox sandbox, List<Task> tasks, int workers) {
        return run(sandbox, tasks, workers, r -> { });
    }

    /**
     * Judges every task, telling {@code onDone} of each verdict as it arrives (from worker threads, one call at a
     * time, in completion order): for progress output.
     *
     * @param sandbox the sandbox
     * @param tasks   the tasks
     * @param workers concurrent requests, at least 1
     * @param onDone  told each task's result as it is judged
     * @return results, in the tasks' order, and summary
     */
    public static Report run(Sandbox sandbox, List<Task> tasks, int workers, Consumer<TaskResult> onDone) {
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(onDone, "onDone");
        Object lock = new Object();
        if (workers < 1) {
            throw new IllegalArgumentException("workers: expected >= 1, actual " + workers);
        }
        var verdicts = new Verdict[tasks.size()];
        var next = new AtomicInteger();
        long t0 = System.nanoTime();
        var threads = new ArrayList<Thread>();
        for (int w = 0; w < Math.min(workers, Math.max(1, tasks.size())); w++) {
            threads.add(Thread.ofVirtual().name("harness-", w).start(() -> {
                for (int i; (i = next.getAndIncrement()) < tasks.size(); ) {
                    verdicts[i] = sandbox.run(tasks.get(i).request());
                    synchronized (lock) {
                        onDone.accept(new TaskResult(tasks.get(i).taskId(), verdicts[i]));
                    }
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while judging", e);
            }
        }
        double wall = (System.nanoTime() - t0) / 1e6;
        var results = new ArrayList<TaskResult>(tasks.size());
        var byStatus = new TreeMap<String, Integer>();
        int passed = 0;
        int cached = 0;
        double compile = 0;
        double scan = 0;
        double launch = 0;
        double run = 0;
        for (int i = 0; i < tasks.size(); i++) {
            Verdict v = Objects.requireNonNull(verdicts[i], "verdict of " + tasks.get(i).taskId());
            results.add(new TaskResult(tasks.get(i).taskId(), v));
            byStatus.merge(v.status(), 1, Integer::sum);
            passed += v.passed() ? 1 : 0;
            cached += v.timings().cached() ? 1 : 0;
            compile += v.timings().compileMillis();
            scan += v.timings().scanMillis();
            launch += v.timings().launchMillis();
            run += v.timings().runMillis();
        }
        double perSecond = tasks.isEmpty() ? 0 : tasks.size() / (wall / 1000);
        Arrays.fill(verdicts, null);
        return new Report(results, new Summary(tasks.size(), passed, tasks.size() - passed, byStatus, perSecond, wall,
                compile, scan, launch, run, cached));
    }
}
