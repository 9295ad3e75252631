package dev.rlcode.examples.cli;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.executive.ExecutiveAblation;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.kernel.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rlcode ablation}: the Executive ablation (vanilla DQN, Double, Dueling, Double+Dueling, each with and
 * without masking) over several seeds; writes one run folder per arm and seed, ablation.json and report.html.
 */
@Command(name = "ablation", mixinStandardHelpOptions = true,
        description = {"Train and evaluate the Executive ablation: dqn, double, dueling, double+dueling, each with and "
                + "without action masking, for every seed, on the same held-out episodes.",
                "Writes DIR/<variant>-seed<S>/ (run folders), DIR/ablation.json (after every run), DIR/report.html. "
                        + "Rerunning into the same DIR skips finished runs."})
final class AblationCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ExecutiveWorldOptions worldOptions;

    @Option(names = "--seeds", paramLabel = "N,N,...", split = ",", defaultValue = "1,2,3",
            description = "run seeds (default: 1,2,3)")
    List<Long> seeds;

    @Option(names = "--variants", paramLabel = "NAME,...", split = ",",
            description = "arms to run (default: all 8: dqn, double, dueling, double+dueling and each -nomask)")
    List<String> variants;

    @Option(names = "--steps", paramLabel = "N", description = "env steps per run (default: the executive preset's)")
    Long steps;

    @Option(names = "--eval-episodes", paramLabel = "N", defaultValue = "300",
            description = "held-out episodes per run (default: 300)")
    int evalEpisodes;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "ablation folder (created or resumed)")
    Path out;

    @Mixin
    BackendOption backend;

    /** executive.json key of an ablation's env steps per run (absent in ablation folders from before 2026-12-07). */
    static final String ABLATION_STEPS = "ablation_steps";
    /** executive.json key of an ablation's held-out episodes per run. */
    static final String ABLATION_EVAL_EPISODES = "ablation_eval_episodes";

    /**
     * Gives the settings of an ablation folder from before 2026-12-07 the keys it lacks, as they were then: the split
     * by id, and the budget its ablation.json recorded (left absent, so the folder is refused, when there is none).
     */
    @SuppressWarnings("unchecked")
    private static void fillOlderKeys(Map<String, Object> before, Path out) {
        before.putIfAbsent(ExecutiveWorld.SPLIT_KEY, ExecutiveWorld.SPLIT_BY_ID);
        if (before.containsKey(ABLATION_STEPS) && before.containsKey(ABLATION_EVAL_EPISODES)) return;
        Path ablation = out.resolve(dev.rlcode.agents.report.RunReport.ABLATION);
        if (!Files.isRegularFile(ablation)) return;
        try {
            Map<String, Object> a = RunDir.readJsonObject(ablation);
            if (a.get("total_timesteps") instanceof Number steps) before.putIfAbsent(ABLATION_STEPS, steps);
            if (a.get("eval_episodes") instanceof Number episodes) before.putIfAbsent(ABLATION_EVAL_EPISODES, episodes);
        } catch (IOException e) {
            // unreadable: the keys stay absent and the folder is refused, naming them
        }
    }

    /** {@return the keys whose values differ between two settings maps, with both values} */
    private static String differences(Map<?, ?> before, Map<?, ?> now) {
        java.util.Set<Object> keys = new java.util.TreeSet<>(java.util.Comparator.comparing(String::valueOf));
        keys.addAll(before.keySet());
        keys.addAll(now.keySet());
        List<String> out = new ArrayList<>();
        for (Object k : keys) {
            if (!java.util.Objects.equals(before.get(k), now.get(k))) {
                out.add(k + ": " + (before.containsKey(k) ? before.get(k) : "absent") + " there, "
                        + (now.containsKey(k) ? now.get(k) : "absent") + " now");
            }
        }
        return String.join("; ", out);
    }

    /** {@return the first element of {@code xs} that occurs again, as text, or null} */
    private static String repeated(List<?> xs) {
        java.util.Set<Object> seen = new java.util.HashSet<>();
        for (Object x : xs) if (!seen.add(x)) return String.valueOf(x);
        return null;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        List<ExecutiveAblation.Variant> arms = new ArrayList<>();
        if (variants == null || variants.isEmpty()) {
            arms.addAll(ExecutiveAblation.VARIANTS);
        } else {
            for (String name : variants) {
                arms.add(ExecutiveAblation.VARIANTS.stream().filter(v -> v.name().equals(name)).findFirst()
                        .orElseThrow(() -> new CliException("--variants: expected names among "
                                + ExecutiveAblation.VARIANTS.stream().map(ExecutiveAblation.Variant::name).toList()
                                + ", actual " + name)));
            }
        }
        if (seeds.isEmpty() || evalEpisodes < 1) {
            throw new CliException("--seeds/--eval-episodes: expected at least one seed and >= 1 episodes");
        }
        // a repeated arm or seed would be trained and counted twice in the means (and an arm's curve drawn twice)
        String twiceArm = repeated(arms.stream().map(ExecutiveAblation.Variant::name).toList());
        if (twiceArm != null) throw new CliException("--variants: expected distinct names, actual " + twiceArm + " twice");
        String twiceSeed = repeated(seeds);
        if (twiceSeed != null) throw new CliException("--seeds: expected distinct seeds, actual " + twiceSeed + " twice");
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (steps != null) overrides.put("totalTimesteps", steps);
        DqnConfig base;
        try {
            base = ConfigOverrides.apply(DqnConfig.executive(), overrides);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CliException("--out: expected a folder, actual a file: " + out);
        }
        Map<String, Object> settings = worldOptions.settings("synthetic", null, null);
        // the budget is part of what a rerun must match: a finished arm is reused, and arms trained or evaluated
        // on other budgets would be compared in one table
        settings.put(ABLATION_STEPS, base.totalTimesteps());
        settings.put(ABLATION_EVAL_EPISODES, evalEpisodes);
        Path settingsFile = out.resolve(ExecutiveWorld.SETTINGS_FILE);
        if (Files.isDirectory(out)) { // rerunning into an ablation folder skips its finished runs; nothing else
            boolean empty;
            try (var entries = Files.list(out)) {
                empty = entries.findAny().isEmpty();
            }
            boolean trainingRun = Files.exists(out.resolve("config.json")) || Files.exists(out.resolve("metrics.jsonl"));
            if (!empty && (trainingRun || !Files.isRegularFile(settingsFile))) {
                throw new CliException("--out " + out + ": expected a new or empty folder, or an earlier ablation's, "
                        + "actual a folder that is not an ablation's" + (trainingRun ? " (a training run)" : ""));
            }
        }
        Files.createDirectories(out);
        if (Files.isRegularFile(settingsFile)) {
            Map<String, Object> before;
            try {
                before = RunDir.readJsonObject(settingsFile);
            } catch (IOException e) {
                throw new CliException(e.getMessage(), e);
            }
            fillOlderKeys(before, out);
            Map<String, Object> now = RunDir.JSON.readValue(RunDir.JSON.writeValueAsString(settings), Map.class);
            if (!before.equals(now)) {
                throw new CliException(settingsFile + ": this folder holds an ablation with other settings ("
                        + differences(before, now) + "); choose another --out");
            }
        } else {
            RunDir.JSON.writeValue(settingsFile.toFile(), settings);
        }
        stdout.println("rlcode ablation -> " + out + " (" + arms.size() + " arms x " + seeds.size() + " seeds)");
        stdout.flush();
        try (ExecutiveWorld world = ExecutiveWorld.open(settings, out, stdout); Backend be = backend.create()) {
            ExecutiveAblation.run(world.setup, world.envConfig, base, arms, seeds, evalEpisodes, be, out, line -> {
                stdout.println(line);
                stdout.flush();
            });
        }
        stdout.println("wrote " + out.resolve("ablation.json") + " and " + out.resolve("report.html"));
        stdout.flush();
        return RlCode.EXIT_OK;
    }
}
