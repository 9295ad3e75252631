package dev.rlcode.examples.cli;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.dqn.DqnTrainer;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.envs.code.sandbox.SandboxStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link DqnTrainer} to the end for {@code train} and {@code resume}: a JVM shutdown hook turns Ctrl-C
 * (SIGINT) or SIGTERM into {@link DqnTrainer#requestStop()} and waits for the loop to stop, then the summary or
 * how to resume is printed.
 */
final class TrainingSession {

    /** How long the shutdown hook waits for the training loop to stop before the JVM exits anyway. */
    private static final long STOP_WAIT_SECONDS = 60;

    private TrainingSession() {}

    /**
     * {@return the DQN config of {@code train executive} and {@code train hierarchical}: the preset, then --seed,
     * --steps (when given) and each --set, later ones winning}
     *
     * @throws CliException naming the bad key or value, or a --eval-episodes below 1
     */
    static DqnConfig codeAgentConfig(DqnConfig preset, long seed, Long steps, List<String> set, int evalEpisodes) {
        if (evalEpisodes < 1) {
            throw new CliException("--eval-episodes: expected >= 1, actual " + evalEpisodes);
        }
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("seed", seed);
        if (steps != null) {
            overrides.put("totalTimesteps", steps);
        }
        DqnConfig cfg;
        try {
            Map<String, Object> assigned = ConfigOverrides.parseAssignments(set);
            if (assigned.containsKey("evalEpisodes")) { // it would change nothing the summary reports
                throw new CliException("--set evalEpisodes: the held-out evaluation's size is --eval-episodes (the "
                        + "DQN config's evalEpisodes is the trainer's own return-based evaluation, which the code "
                        + "agents' summary replaces)");
            }
            overrides.putAll(assigned);
            cfg = ConfigOverrides.apply(preset, overrides);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        if (!cfg.masking()) { // refused here, before any folder, as ExecutiveTraining/HierarchicalTraining would
            throw new CliException("--set masking=false: expected true for the code agents, whose envs refuse illegal "
                    + "actions; the unmasked arms (illegal actions as penalised no-ops) are `rlcode ablation`'s");
        }
        return cfg;
    }

    /** {@return a new run folder at {@code out}} @throws CliException if {@code out} exists and is not empty */
    static RunDir newRunFolder(Path out) throws IOException {
        try {
            return RunDir.create(out);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /** Work that may throw an {@link IOException}: opening a run's world, or its training. */
    @FunctionalInterface
    interface IoSupplier<T> {
        T get() throws IOException;
    }

    /**
     * {@return the outermost folder of {@code out}'s path that does not exist yet (what making {@code out} will
     * create), or null if {@code out} exists}
     */
    static Path firstMissing(Path out) {
        Path first = null;
        for (Path p = out.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) first = p;
        return first;
    }

    /**
     * Opens a new run's world with {@code opener}. If that throws (a task file that does not parse, an unavailable
     * backend, ...), the run folder gets back to how the command found it: the folders the command made are
     * removed ({@code firstCreated} and below), and an empty {@code --out} it was given is emptied again. A command
     * that fails before it trains thus writes nothing, and a rerun with the same {@code --out} is not refused. The
     * exception is rethrown.
     *
     * @param run          the run folder, just made by {@link #newRunFolder} and holding only what this command wrote
     * @param firstCreated {@link #firstMissing} of {@code --out} before the folder was made
     */
    static <T> T openOrDiscard(RunDir run, Path firstCreated, IoSupplier<T> opener) throws IOException {
        try {
            return opener.get();
        } catch (RuntimeException | IOException | Error e) {
            Path dir = run.dir().toAbsolutePath().normalize();
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir)) Files.deleteIfExists(p);
                }
                if (firstCreated != null) {
                    for (Path p = dir; p != null && p.startsWith(firstCreated); p = p.getParent()) {
                        Files.deleteIfExists(p);
                    }
                }
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Writes a result file of the run folder (summary.json, eval-code.json) with the sandbox's counters added (key
     * {@code sandbox}), and prints them on one line: where the command's time went besides the network.
     *
     * @param file    the file name in the run folder
     * @param summary the result without the counters
     */
    static void writeWithSandboxFigures(RunDir run, String file, Map<String, Object> summary, SandboxStats st,
                                        PrintWriter out) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", st.requests());
        m.put("cache_hits", st.cacheHits());
        m.put("compilations", st.compilations());
        m.put("executions", st.executions());
        m.put("compile_seconds", st.compileMillis() / 1e3);
        m.put("scan_seconds", st.scanMillis() / 1e3);
        // summed over the slots, so it can exceed the wall-clock time
        m.put("run_seconds", st.runMillis() / 1e3);
        Map<String, Object> s = new LinkedHashMap<>(summary);
        s.put("sandbox", m);
        run.writeJson(file, s);
        out.printf(Locale.ROOT, "sandbox: %d requests, %d from the cache, %d compiled, %d executed (compile %.0f s, "
                + "runs %.0f s summed over slots)%n", st.requests(), st.cacheHits(), st.compilations(),
                st.executions(), st.compileMillis() / 1e3, st.runMillis() / 1e3);
    }

    /**
     * Ends a code agent's run: summary.json with the sandbox's counters, the line naming it, and report.html.
     */
    static void writeResults(RunDir run, Map<String, Object> summary, SandboxStats st, PrintWriter out,
                             PrintWriter err) throws IOException {
        writeWithSandboxFigures(run, "summary.json", summary, st, out);
        out.println("wrote " + run.dir().resolve("summary.json"));
        writeReport(run, out, err);
    }

    /**
     * Writes report.html into a finished run; a failure to chart is reported on stderr and never fails the run,
     * whose data is already saved ({@code rlcode report --run DIR} retries).
     */
    static void writeReport(RunDir run, PrintWriter out, PrintWriter err) {
        try {
            out.println("report: " + dev.rlcode.agents.report.RunReport.write(run.dir()));
        } catch (IOException | RuntimeException e) {
            err.println("rlcode: report.html not written (" + e.getMessage() + "); the run is saved; retry with "
                    + "rlcode report --run " + run.dir());
        }
        out.flush();
        err.flush();
    }

    /** {@return the exit code: {@link RlCode#EXIT_OK}, or {@link RlCode#EXIT_INTERRUPTED} if stopped} */
    static int run(DqnTrainer trainer, RunDir run, ProgressReporter progress, PrintWriter out, PrintWriter err)
            throws IOException {
        Map<String, Object> summary = trainStoppably(trainer, run, progress, err);
        if (summary == null) return RlCode.EXIT_INTERRUPTED;
        out.println();
        out.print(Tables.keyValues(summary, "summary", "value"));
        out.println("run folder: " + run.dir());
        writeReport(run, out, err);
        return RlCode.EXIT_OK;
    }

    /**
     * Trains to the end while a JVM shutdown hook turns Ctrl-C (SIGINT) or SIGTERM into
     * {@link DqnTrainer#requestStop()} and waits for the loop to stop.
     *
     * @return the trainer's summary, or null if it was stopped (after saying on {@code err} how to continue)
     */
    static Map<String, Object> trainStoppably(DqnTrainer trainer, RunDir run, ProgressReporter progress,
                                              PrintWriter err) throws IOException {
        return trainStoppably(trainer, run, run, progress, err);
    }

    /**
     * As {@link #trainStoppably(DqnTrainer, RunDir, ProgressReporter, PrintWriter)} for a trainer writing into
     * {@code trainerDir}, a part of the run {@code run} (a candidate's folder), which is what {@code rlcode resume}
     * continues.
     */
    static Map<String, Object> trainStoppably(DqnTrainer trainer, RunDir trainerDir, RunDir run,
                                              ProgressReporter progress, PrintWriter err) throws IOException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            progress.finish();
            err.println("rlcode: stop requested: stopping after the current step");
            err.flush();
            trainer.requestStop();
            try {
                stopped.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rlcode-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Map<String, Object> summary = trainer.train();
            progress.finish();
            if (summary.isEmpty()) {
                err.println("rlcode: training stopped at step " + trainer.step()
                        + (trainerDir == run ? "" : " of " + run.dir().relativize(trainerDir.dir()))
                        + "; no summary written. "
                        + RunFolder.newestCheckpointDir(trainerDir)
                                .map(c -> "Continue from the newest checkpoint (" + c.getFileName() + ") with: ")
                                .orElse("The run has no checkpoint yet (see checkpointFrequency), so this starts it "
                                        + "again from step 0: ")
                        + "rlcode resume " + run.dir());
                err.flush();
                return null;
            }
            return summary;
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that the loop has stopped
            }
        }
    }
}
