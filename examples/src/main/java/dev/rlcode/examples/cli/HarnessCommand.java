package dev.rlcode.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlcode.envs.code.sandbox.ExecutionResult;
import dev.rlcode.envs.code.sandbox.Harness;
import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.sandbox.SandboxConfig;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.CodeTasks;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlcode harness}: runs a dataset's reference solutions, or completions in the HumanEval-X samples format,
 * through the sandbox, and writes {@code results.jsonl} and {@code summary.json}.
 *
 * {@snippet lang=shell :
 * ./rlcode harness --dataset ../shared/datasets/humaneval-x-java/humaneval_java.jsonl.gz --out runs/hx-canonical
 * ./rlcode harness --dataset humaneval_java.jsonl.gz --solutions samples.jsonl --workers 4 --out runs/hx-model
 * ./rlcode harness --dataset bundled --out runs/bundled-canonical
 * }
 */
@Command(name = "harness", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run solutions of a code dataset through the sandbox and report per-task statuses.",
                "HumanEval-X samples: program = prompt + generation + \"\\n\" + test. Task-suite samples: "
                        + "generation = the full solution class."})
final class HarnessCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "FILE|bundled",
            description = "HumanEval-X .jsonl[.gz], `bundled`, or a task-suite directory.")
    String dataset;

    @Option(names = "--solutions", defaultValue = "canonical", paramLabel = "canonical|SAMPLES.jsonl",
            description = "`canonical` (reference solutions, default) or a JSONL file of {\"task_id\", \"generation\"}.")
    String solutions;

    @Option(names = "--workers", paramLabel = "N",
            description = "Executions at once (default: available processors).")
    Integer workers;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "Wall-clock limit of one execution (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "A new or empty folder.")
    Path out;

    /** One judged run: a task id, and the samples-file line it came from (0 for canonical). */
    private record Job(String taskId, int line, Harness.Task task) {}

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        int n = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
        if (n < 1) throw new CliException("--workers: expected >= 1, actual " + n);
        if (timeoutSeconds < 1) throw new CliException("--timeout: expected >= 1 second, actual " + timeoutSeconds);
        Duration timeout = Duration.ofSeconds(timeoutSeconds);

        List<CodeTask> tasks = CodeDatasets.load(dataset);
        List<Job> jobs = new ArrayList<>();
        if (solutions.equals("canonical")) {
            for (CodeTask t : tasks) {
                String reference = t.referenceSolution().orElseThrow(() -> new CliException("--solutions canonical: "
                        + "task " + t.id() + " of " + dataset + " has no reference solution"));
                jobs.add(new Job(t.id(), 0, new Harness.Task(t.id(),
                        CodeTasks.request(t, reference, CodeTasks.Tests.HIDDEN, timeout))));
            }
        } else {
            Map<String, CodeTask> byId = tasks.stream().collect(Collectors.toMap(CodeTask::id, t -> t, (a, b) -> a,
                    LinkedHashMap::new));
            for (CodeDatasets.Sample s : CodeDatasets.samples(Path.of(solutions), byId)) {
                jobs.add(new Job(s.task().id(), s.line(), new Harness.Task(s.task().id(),
                        CodeTasks.request(s.task(), s.candidate(), CodeTasks.Tests.HIDDEN, timeout))));
            }
        }
        if (jobs.isEmpty()) {
            throw new CliException((solutions.equals("canonical") ? "--dataset " + dataset : "--solutions " + solutions)
                    + ": expected at least one " + (solutions.equals("canonical") ? "task" : "sample") + ", actual none");
        }
        CodeDatasets.prepareOut(out);

        stdout.printf(Locale.ROOT, "harness: %d %s of %s, %d workers%n", jobs.size(),
                solutions.equals("canonical") ? "canonical solutions" : "samples", dataset, n);
        stdout.flush();
        Harness.Report report;
        try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults().withSlots(n))) {
            int every = Math.max(1, jobs.size() / 10);
            int[] done = {0, 0};
            report = Harness.run(sandbox, jobs.stream().map(Job::task).toList(), n + 2, r -> {
                done[0]++;
                done[1] += r.verdict().passed() ? 1 : 0;
                if (done[0] % every == 0 || done[0] == jobs.size()) {
                    stdout.printf(Locale.ROOT, "  %d/%d judged, %d passed%n", done[0], jobs.size(), done[1]);
                    stdout.flush();
                }
            });
        }

        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("results.jsonl"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < jobs.size(); i++) {
                Harness.TaskResult r = report.results().get(i);
                ObjectNode row = JSON.createObjectNode();
                row.put("task_id", r.taskId());
                if (jobs.get(i).line() > 0) row.put("line", jobs.get(i).line());
                row.put("status", r.verdict().status());
                row.put("millis", Math.round(r.verdict().millis() * 10) / 10.0);
                row.put("message", message(r.verdict().result()));
                w.write(JSON.writeValueAsString(row));
                w.newLine();
            }
        }
        Harness.Summary s = report.summary();
        ObjectNode summary = JSON.createObjectNode();
        summary.put("dataset", dataset);
        summary.put("solutions", solutions);
        summary.put("total", s.total());
        summary.put("passed", s.passed());
        summary.put("failed", s.failed());
        ObjectNode byStatus = summary.putObject("by_status");
        new java.util.TreeMap<>(s.byStatus()).forEach(byStatus::put);
        summary.put("tasks_per_second", Math.round(s.tasksPerSecond() * 100) / 100.0);
        summary.put("wall_seconds", Math.round(s.wallMillis() / 100) / 10.0);
        summary.put("workers", n);
        Files.writeString(out.resolve("summary.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary)
                + "\n");

        List<String[]> rows = new ArrayList<>();
        new java.util.TreeMap<>(s.byStatus()).forEach((k, v) -> rows.add(new String[] {k, Integer.toString(v)}));
        stdout.print(Tables.table(rows, "status", "count"));
        stdout.printf(Locale.ROOT, "%d passed of %d (%.1f s, %.2f tasks/s); wrote %s and %s%n", s.passed(), s.total(),
                s.wallMillis() / 1000, s.tasksPerSecond(), out.resolve("results.jsonl"), out.resolve("summary.json"));
        stdout.flush();
        return RlCode.EXIT_OK;
    }

    /** {@return one line about a result: empty for a pass} */
    static String message(ExecutionResult result) {
        String m = switch (result) {
            case ExecutionResult.Passed p -> "";
            case ExecutionResult.CompileError c -> c.diagnostics().stream().limit(3).map(Object::toString)
                    .collect(Collectors.joining("; "));
            case ExecutionResult.Rejected r -> r.reason();
            case ExecutionResult.TestFailed f -> f.message().isEmpty() ? f.test() : f.test() + ": " + f.message();
            case ExecutionResult.RuntimeError r -> r.summary();
            case ExecutionResult.Timeout t -> "no verdict within " + t.limit().toMillis() + " ms";
            case ExecutionResult.Crashed c -> c.detail();
        };
        m = m.replace('\n', ' ');
        return m.length() > 500 ? m.substring(0, 497) + "..." : m;
    }
}
