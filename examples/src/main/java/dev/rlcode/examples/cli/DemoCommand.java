package dev.rlcode.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rlcode.envs.code.task.BundledSuite;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code rlcode demo}: the flagship experiment on embedded defaults, in one command. It runs
 * {@code train executive} on the bundled suite with the synthetic code model, then {@code train hierarchical} with
 * that Executive frozen below it, each into its own run folder under one demo folder, and ends with one table of
 * both levels' held-out results (the trained policy and the random, script and oracle baselines on the same
 * episodes) next to the reference study's figures. Every figure comes from the two runs' summary.json files, which
 * stay where they are, so a failed second stage never loses the first.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Train the Executive on the bundled suite (synthetic code model), then the Hierarchical level "
                + "above it, and print both levels' held-out results against the baselines.",
                "Writes DIR/executive/ and DIR/hierarchical/ (two complete run folders), DIR/fault-catalogs/ and "
                        + "DIR/demo.json; the default DIR is runs/demo-seedN-yyyyMMdd-HHmmss."})
final class DemoCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** Success rates the reference study reports (Executive on its designed episodes; Hierarchical end to end). */
    static final double REFERENCE_EXECUTIVE = 1.00;
    static final double REFERENCE_HIERARCHICAL = 0.91;

    @ParentCommand
    RlCode app;

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seed of both runs (default: 1)")
    long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "demo folder to create; must not exist or be empty (default: runs/demo-seedN-yyyyMMdd-HHmmss)")
    Path out;

    @Option(names = "--steps", paramLabel = "N",
            description = "Executive env steps (default: the preset's, DqnConfig.executive())")
    Long steps;

    @Option(names = "--hier-steps", paramLabel = "N",
            description = "Hierarchical env steps (default: the preset's, HierarchicalTraining.preset())")
    Long hierSteps;

    @Option(names = "--eval-episodes", paramLabel = "N", defaultValue = "300",
            description = "held-out evaluation episodes per level (default: 300)")
    int evalEpisodes;

    // the cap the bundled suite's precomputed catalogues were judged with, so a default run finds them
    @Option(names = "--max-mutants", paramLabel = "N", defaultValue = "" + BundledSuite.PRECOMPUTED_MAX_MUTANTS,
            description = "mutants judged per task for the synthetic model's fault catalogues (default: "
                    + "${DEFAULT-VALUE})")
    int maxMutants;

    @Option(names = "--catalog-cache", paramLabel = "DIR",
            description = "fault-catalogue cache to share between demos (default: DIR/fault-catalogs)")
    Path catalogCache;

    @Option(names = "--judge-catalogs", description = ExecutiveWorldOptions.JUDGE_CATALOGS_HELP)
    boolean judgeCatalogs;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "default", description = ExecutiveProfile.HELP)
    String profile;

    @Mixin
    BackendOption backend;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (evalEpisodes < 1) {
            throw new CliException("--eval-episodes: expected >= 1, actual " + evalEpisodes);
        }
        ExecutiveProfile.of(profile, "synthetic"); // a bad name fails before any folder exists
        if (out == null) {
            out = Path.of("runs", "demo-seed" + seed + "-" + LocalDateTime.now().format(STAMP));
        }
        if (Files.exists(out)) {
            try (var s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new CliException("--out " + out + ": expected a new or empty directory, actual one that "
                            + "already holds files");
                }
            }
        }
        Files.createDirectories(out);
        Path execDir = out.resolve("executive");
        Path hierDir = out.resolve("hierarchical");
        Path catalogs = catalogCache != null ? catalogCache : out.resolve("fault-catalogs");
        long t0 = System.nanoTime();
        stdout.println("rlcode demo -> " + out + " (seed " + seed + "): 1/2 Executive, 2/2 Hierarchical");
        stdout.flush();

        List<String> exec = new ArrayList<>(List.of("train", "executive", "--tasks", "bundled", "--model", "synthetic",
                "--seed", Long.toString(seed), "--eval-episodes", Integer.toString(evalEpisodes), "--max-mutants",
                Integer.toString(maxMutants), "--catalog-cache", catalogs.toString(), "--backend",
                backend.choice.name(), "--profile", profile, "--out", execDir.toString()));
        if (steps != null) {
            exec.addAll(List.of("--steps", steps.toString()));
        }
        if (judgeCatalogs) {
            exec.add("--judge-catalogs");
        }
        int rc = stage("1/2 Executive", exec);
        if (rc != RlCode.EXIT_OK) {
            return rc;
        }
        double execSeconds = (System.nanoTime() - t0) / 1e9;

        List<String> hier = new ArrayList<>(List.of("train", "hierarchical", "--executive", execDir.toString(),
                "--seed", Long.toString(seed), "--eval-episodes", Integer.toString(evalEpisodes), "--backend",
                backend.choice.name(), "--out", hierDir.toString()));
        if (hierSteps != null) {
            hier.addAll(List.of("--steps", hierSteps.toString()));
        }
        rc = stage("2/2 Hierarchical", hier);
        if (rc != RlCode.EXIT_OK) {
            stderr.println("rlcode demo: the Executive run in " + execDir + " is complete and kept; rerun the second "
                    + "stage alone with: rlcode " + String.join(" ", hier).replace(hierDir.toString(),
                    out.resolve("hierarchical-2").toString()));
            stderr.flush();
            return rc;
        }
        double totalSeconds = (System.nanoTime() - t0) / 1e9;

        Map<String, Object> execSummary = RunFolder.open(execDir).readJson("summary.json");
        Map<String, Object> hierSummary = RunFolder.open(hierDir).readJson("summary.json");
        Map<String, Object> demo = new LinkedHashMap<>();
        demo.put("seed", seed);
        demo.put("profile", profile);
        demo.put("backend", execSummary.get("backend"));
        demo.put("executive_run", execDir.toString());
        demo.put("hierarchical_run", hierDir.toString());
        demo.put("executive_seconds", execSeconds);
        demo.put("hierarchical_seconds", totalSeconds - execSeconds);
        demo.put("wall_seconds", totalSeconds);
        demo.put("reference", Map.of("executive_success", REFERENCE_EXECUTIVE,
                "hierarchical_success", REFERENCE_HIERARCHICAL));
        demo.put("executive", figures(execSummary));
        demo.put("hierarchical", figures(hierSummary));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("demo.json").toFile(),
                demo);

        stdout.println();
        stdout.printf(Locale.ROOT, "rlcode demo, seed %d, profile %s, backend %s: held-out results (%.0f s: "
                + "Executive %.0f s, Hierarchical %.0f s)%n", seed, profile, execSummary.get("backend"), totalSeconds,
                execSeconds, totalSeconds - execSeconds);
        stdout.print(resultsTable(execSummary, hierSummary));
        stdout.print(pairedTable(execSummary, hierSummary));
        stdout.println("wrote " + out.resolve("demo.json") + "; reports: " + execDir.resolve("report.html") + ", "
                + hierDir.resolve("report.html"));
        stdout.flush();
        return RlCode.EXIT_OK;
    }

    /** Runs one stage as the same {@code rlcode} command a user would type, with this command's output. */
    private int stage(String name, List<String> args) {
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println();
        stdout.println("== " + name + ": rlcode " + String.join(" ", args));
        stdout.flush();
        CommandLine cl = RlCode.commandLine(new RlCode(app.terminal));
        cl.setOut(stdout);
        cl.setErr(spec.commandLine().getErr());
        int rc = cl.execute(args.toArray(String[]::new));
        if (rc != RlCode.EXIT_OK) {
            spec.commandLine().getErr().println("rlcode demo: stage " + name + " failed (exit " + rc + ")");
            spec.commandLine().getErr().flush();
        }
        return rc;
    }

    /** {@return the figures of one level's summary that the demo reports: the policy's, then each baseline's} */
    @SuppressWarnings("unchecked")
    static Map<String, Object> figures(Map<String, Object> summary) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("episodes", summary.get("episodes"));
        f.put("test_tasks", summary.get("test_tasks") instanceof Number n ? n
                : summary.get("test_composites") instanceof List<?> l ? l.size() : null);
        f.put("dqn", policyFigures(summary));
        ((Map<String, Object>) summary.get("baselines")).forEach((k, v) ->
                f.put(k, policyFigures((Map<String, Object>) v)));
        return f;
    }

    private static Map<String, Object> policyFigures(Map<String, Object> m) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (String k : List.of("success_rate", "success_ci95_low", "success_ci95_high", "template_share",
                "mean_llm_calls", "mean_steps", "paired")) {
            if (m.containsKey(k)) {
                p.put(k, m.get(k));
            }
        }
        p.put("llm_calls_per_success", llmCallsPerSuccess(m));
        return p;
    }

    /** {@return LLM calls over successes: the summary's own figure, else mean calls over success rate; null if none} */
    static Double llmCallsPerSuccess(Map<String, Object> m) {
        if (m.get("llm_calls_per_success") instanceof Number n) {
            return n.doubleValue();
        }
        if (m.get("mean_llm_calls") instanceof Number calls && m.get("success_rate") instanceof Number rate
                && rate.doubleValue() > 0) {
            return calls.doubleValue() / rate.doubleValue();
        }
        return null;
    }

    /** {@return one table: both levels, the trained policy and each baseline, and the reference figure} */
    @SuppressWarnings("unchecked")
    static String resultsTable(Map<String, Object> exec, Map<String, Object> hier) {
        List<String[]> rows = new ArrayList<>();
        addRows(rows, "executive", exec, REFERENCE_EXECUTIVE);
        addRows(rows, "hierarchical", hier, REFERENCE_HIERARCHICAL);
        return Tables.table(rows, "level", "policy", "success", "95% CI", "templates", "LLM calls/solved",
                "mean steps", "episodes");
    }

    /** {@return both levels' paired comparisons (the trained policy against each baseline) under a caption} */
    static String pairedTable(Map<String, Object> exec, Map<String, Object> hier) {
        List<String[]> rows = new ArrayList<>(Tables.pairedRows("executive", exec));
        rows.addAll(Tables.pairedRows("hierarchical", hier));
        return Tables.pairedTable("dqn against each baseline on the same episodes (McNemar's exact test on the "
                + "episodes only one solved; mean LLM calls on the episodes both solved):", rows, true);
    }

    @SuppressWarnings("unchecked")
    private static void addRows(List<String[]> rows, String level, Map<String, Object> summary, double reference) {
        rows.add(row(level, "dqn", summary, summary.get("episodes")));
        ((Map<String, Object>) summary.get("baselines")).forEach((k, v) ->
                rows.add(row(level, k, (Map<String, Object>) v, summary.get("episodes"))));
        rows.add(new String[] {level, "reference study", String.format(Locale.ROOT, "%.2f", reference), "-", "-", "-",
                "-", "-"});
    }

    private static String[] row(String level, String policy, Map<String, Object> m, Object episodes) {
        return new String[] {level, policy, num(m.get("success_rate"), "%.3f"),
                "[" + num(m.get("success_ci95_low"), "%.3f") + ", " + num(m.get("success_ci95_high"), "%.3f") + "]",
                num(m.get("template_share"), "%.3f"), num(llmCallsPerSuccess(m), "%.2f"),
                num(m.get("mean_steps"), "%.2f"), String.valueOf(episodes)};
    }

    private static String num(Object v, String format) {
        return v instanceof Number n ? String.format(Locale.ROOT, format, n.doubleValue()) : "-";
    }
}
