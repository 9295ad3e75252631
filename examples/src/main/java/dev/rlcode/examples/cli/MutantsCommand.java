package dev.rlcode.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlcode.envs.code.model.SyntheticModels;
import dev.rlcode.envs.code.model.mutation.FaultCatalog;
import dev.rlcode.envs.code.model.mutation.FaultCatalogs;
import dev.rlcode.envs.code.model.mutation.MutationEngine;
import dev.rlcode.envs.code.model.mutation.SandboxJudge;
import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.sandbox.SandboxConfig;
import dev.rlcode.envs.code.task.CodeTask;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlcode mutants}: the fault census behind the synthetic code model. For each task, mutants of the reference
 * solution are generated, those that do not compile are dropped, and the rest are run through the sandbox against
 * the visible and hidden tests: killed by the visible tests → shallow, only by the hidden ones → deep, by neither →
 * equivalent (dropped). Writes {@code mutants.jsonl} (one row per task) and {@code summary.json} (totals), and prints
 * a table.
 */
@Command(name = "mutants", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Count, per task, the mutants of the reference solution by class (generated, uncompilable, "
                + "equivalent, shallow, deep), judged by the sandbox.")
final class MutantsCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "FILE|bundled",
            description = "HumanEval-X .jsonl[.gz], `bundled`, or a task-suite directory.")
    String dataset;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "A new or empty folder.")
    Path out;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N tasks.")
    Integer limit;

    @Option(names = "--max-judged", defaultValue = "" + MutationEngine.DEFAULT_MAX_JUDGED, paramLabel = "N",
            description = "Most mutants judged per task, a seeded sample beyond (default: ${DEFAULT-VALUE}).")
    int maxJudged;

    @Option(names = "--workers", paramLabel = "N", description = "Executions at once (default: available processors).")
    Integer workers;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Keep catalogues here by task content hash; a second run reads them back.")
    Path cacheDir;

    private record Row(CodeTask task, FaultCatalog catalog, String error) {}

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        int n = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
        if (n < 1) throw new CliException("--workers: expected >= 1, actual " + n);
        if (maxJudged < 1) throw new CliException("--max-judged: expected >= 1, actual " + maxJudged);
        if (limit != null && limit < 1) throw new CliException("--limit: expected >= 1, actual " + limit);
        List<CodeTask> tasks = CodeDatasets.load(dataset);
        if (limit != null && limit < tasks.size()) tasks = tasks.subList(0, limit);
        List<CodeTask> selected = tasks.stream().filter(t -> t.referenceSolution().isPresent()).toList();
        if (selected.isEmpty()) throw new CliException("--dataset: no task of " + dataset + " has a reference solution");
        if (cacheDir != null) { // checked before --out is made: a cache that cannot be written fails every task
            if (Files.exists(cacheDir) && !Files.isDirectory(cacheDir)) {
                throw new CliException("--cache-dir " + cacheDir + ": expected a folder, actual a file");
            }
            try {
                Files.createDirectories(cacheDir);
            } catch (IOException e) {
                throw new CliException("--cache-dir " + cacheDir + ": cannot create it (" + e.getMessage() + ")", e);
            }
        }
        CodeDatasets.prepareOut(out);

        stdout.printf(Locale.ROOT, "mutants: %d tasks of %s, at most %d mutants judged per task, %d workers%n",
                selected.size(), dataset, maxJudged, n);
        stdout.flush();
        Row[] rows = new Row[selected.size()];
        long t0 = System.nanoTime();
        try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults().withSlots(n))) {
            FaultCatalogs catalogs = new FaultCatalogs(new SandboxJudge(sandbox, SandboxJudge.DEFAULT_TIMEOUT, n + 2),
                    maxJudged, SyntheticModels.CATALOG_SEED, cacheDir);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            java.util.concurrent.atomic.AtomicReference<RuntimeException> failed =
                    new java.util.concurrent.atomic.AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < Math.min(2, selected.size()); w++) { // two tasks at once keep the slots busy
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int i; failed.get() == null && (i = next.getAndIncrement()) < selected.size(); ) {
                        CodeTask t = selected.get(i);
                        try {
                            rows[i] = new Row(t, catalogs.catalog(t), null);
                        } catch (IllegalArgumentException e) {
                            rows[i] = new Row(t, null, e.getMessage());
                        } catch (RuntimeException e) { // not the task's fault (e.g. the cache cannot be written)
                            failed.compareAndSet(null, e);
                            return;
                        }
                        synchronized (stdout) {
                            stdout.printf(Locale.ROOT, "  %d/%d %s%n", done.incrementAndGet(), selected.size(), t.id());
                            stdout.flush();
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            if (failed.get() != null) throw failed.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;

        int[] total = new int[6]; // generated, judged, uncompilable, equivalent, shallow, deep
        int errors = 0;
        List<String[]> table = new ArrayList<>();
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("mutants.jsonl"), StandardCharsets.UTF_8)) {
            for (Row r : rows) {
                ObjectNode row = JSON.createObjectNode();
                row.put("task_id", r.task().id());
                if (r.error() != null) {
                    errors++;
                    row.put("error", r.error());
                    table.add(new String[] {r.task().id(), "-", "-", "-", "-", "-", "-"});
                } else {
                    FaultCatalog c = r.catalog();
                    int[] v = {c.generated(), c.judged(), c.uncompilable(), c.equivalent(), c.shallow().size(),
                            c.deep().size()};
                    String[] names = {"generated", "judged", "uncompilable", "equivalent", "shallow", "deep"};
                    String[] cells = new String[7];
                    cells[0] = c.taskId();
                    for (int k = 0; k < v.length; k++) {
                        row.put(names[k], v[k]);
                        total[k] += v[k];
                        cells[k + 1] = Integer.toString(v[k]);
                    }
                    table.add(cells);
                }
                w.write(JSON.writeValueAsString(row));
                w.newLine();
            }
        }
        ObjectNode summary = JSON.createObjectNode();
        summary.put("dataset", dataset);
        summary.put("tasks", rows.length);
        summary.put("errors", errors);
        summary.put("max_judged", maxJudged);
        String[] names = {"generated", "judged", "uncompilable", "equivalent", "shallow", "deep"};
        String[] totalCells = new String[7];
        totalCells[0] = "total";
        for (int k = 0; k < names.length; k++) {
            summary.put(names[k], total[k]);
            totalCells[k + 1] = Integer.toString(total[k]);
        }
        summary.put("wall_seconds", Math.round(seconds * 10) / 10.0);
        Files.writeString(out.resolve("summary.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary)
                + "\n");
        table.add(totalCells);
        stdout.print(Tables.table(table, "task", "generated", "judged", "uncompilable", "equivalent", "shallow", "deep"));
        stdout.printf(Locale.ROOT, "%d tasks in %.1f s%s; wrote %s and %s%n", rows.length, seconds,
                errors == 0 ? "" : ", " + errors + " with a reference failing its tests (see mutants.jsonl)",
                out.resolve("mutants.jsonl"), out.resolve("summary.json"));
        stdout.flush();
        return RlCode.EXIT_OK;
    }
}
