package dev.rlcode.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test of {@code rlcode train executive} and {@code rlcode eval-code} on a six-task suite, tiny budget. */
class ExecutiveCommandsTest {

    static final List<String> TASKS = List.of("easy-mean", "easy-palindrome", "easy-reverse-words", "easy-dedup",
            "easy-anagram", "easy-binary-string");

    @TempDir
    Path tmp;

    /** Copies a few bundled tasks and the notes into a task-suite folder. */
    Path suite() throws IOException {
        return suite(tmp);
    }

    /** Copies {@link #TASKS} and the bundled notes into the task-suite folder {@code tmp/suite}. */
    static Path suite(Path tmp) throws IOException {
        Path from = Path.of("../envs/src/main/resources/dev/rlcode/envs/code");
        Path root = tmp.resolve("suite");
        for (String id : TASKS) {
            Path dir = Files.createDirectories(root.resolve("tasks").resolve(id));
            try (Stream<Path> files = Files.list(from.resolve("tasks").resolve(id))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName().toString()));
                }
            }
        }
        Files.writeString(root.resolve("tasks/index.txt"), String.join("\n", TASKS) + "\n");
        Files.createDirectories(root.resolve("notes"));
        Files.copy(from.resolve("notes/notes.jsonl"), root.resolve("notes/notes.jsonl"));
        return root;
    }

    @Test
    void trainExecutiveWritesTheHeldOutSummaryAndEvalCodeUsesFreshSeeds() throws IOException {
        Path out = tmp.resolve("run");
        RlCodeTest.Result r = RlCodeTest.rlcode("train", "executive", "--tasks", suite().toString(), "--model",
                "synthetic", "--seed", "3", "--out", out.toString(), "--steps", "150", "--set", "learningStarts=50",
                "--eval-episodes", "12", "--max-mutants", "4", "--test-fraction", "0.5",
                "--catalog-cache", tmp.resolve("catalogs").toString(), "--env-set", "llmCallCost=-0.1");
        assertEquals(0, r.exit(), r.err() + r.out());
        JsonNode settings = new ObjectMapper().readTree(out.resolve("executive.json").toFile());
        assertEquals(-0.1, settings.get("llm_call_cost").asDouble(), 0.0, "--env-set is recorded");
        assertEquals(-0.01, settings.get("test_cost").asDouble(), 0.0, "other env settings keep their defaults");
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (String key : List.of("success_rate", "success_ci95_low", "success_ci95_high", "episodes", "mean_steps",
                "mean_llm_calls", "mean_test_runs", "template_counts", "baselines")) {
            assertTrue(s.has(key), "summary.json lacks " + key + ": " + s);
        }
        assertEquals(12, s.get("episodes").asInt());
        // the console names where the DQN lost episodes, as summary.json's top_failed_traces does
        JsonNode failed = s.get("top_failed_traces");
        assertTrue(failed != null && failed.isObject(), s.toString());
        failed.properties().forEach(e -> assertTrue(r.out().contains(e.getValue().asInt() + "x " + e.getKey()),
                e.getKey() + " not printed: " + r.out()));
        assertTrue(s.has("template_counts_by_tier"), s.toString());
        // the sandbox's counters: a custom suite has no precomputed catalogues, so its mutants were judged here
        JsonNode box = s.get("sandbox");
        assertTrue(box != null && box.get("executions").asLong() > 0
                && box.get("requests").asLong() >= box.get("cache_hits").asLong() + box.get("compilations").asLong()
                && box.get("run_seconds").asDouble() > 0, s.toString());
        assertTrue(r.out().contains("sandbox: " + box.get("requests").asLong() + " requests"), r.out());
        assertTrue(r.out().contains("fault catalogues of "), r.out());
        String report = Files.readString(out.resolve("report.html"));
        for (String png : List.of("learning_curve.png", "success_vs_llm_calls.png", "templates_by_tier.png")) {
            assertTrue(report.contains(png) && Files.isRegularFile(out.resolve(png)), png);
        }
        for (String b : List.of("random", "script", "oracle")) {
            assertEquals(12, s.get("baselines").get(b).get("episodes").asInt(), b);
        }
        JsonNode templates = s.get("template_counts");
        int total = 0;
        for (String t : List.of("generate-test-stop", "generate-test-debug-test-stop",
                "generate-test-debug-test-search-debug-test-stop", "other")) {
            total += templates.get(t).asInt();
        }
        assertEquals(12, total);
        assertEquals(s.get("train_tasks").asInt() + s.get("test_tasks").asInt(), TASKS.size());
        try (Stream<Path> cached = Files.list(tmp.resolve("catalogs"))) {
            assertEquals(TASKS.size(), cached.count(), "one cached fault catalogue per task");
        }

        RlCodeTest.Result e = RlCodeTest.rlcode("eval-code", "--run", out.toString(), "--split", "test",
                "--episodes", "5");
        assertEquals(0, e.exit(), e.err() + e.out());
        JsonNode ev = new ObjectMapper().readTree(out.resolve("eval-code.json").toFile());
        assertEquals(12, ev.get("seed_offset").asInt());
        assertEquals(s.get("eval_policy").asText(), ev.get("parameters").asText(), "the parameters summary.json played");
        assertEquals(5, ev.get("episodes").asInt());
        assertEquals(5, ev.get("baselines").get("oracle").get("episodes").asInt());
        assertTrue(ev.get("sandbox").get("requests").asLong() > 0, ev.toString());

        // sensitivity: the same policy under another model probability, written to its own file
        RlCodeTest.Result m = RlCodeTest.rlcode("eval-code", "--run", out.toString(), "--episodes", "5",
                "--model-set", "pFixShallow=0.5", "--output", "eval-pfix05.json");
        assertEquals(0, m.exit(), m.err() + m.out());
        JsonNode mv = new ObjectMapper().readTree(out.resolve("eval-pfix05.json").toFile());
        assertEquals(0.5, mv.get("model_overrides").get("pFixShallow").asDouble(), 1e-12);
        assertEquals(5, mv.get("episodes").asInt());
        assertTrue(mv.has("sandbox"), "--output files get the counters too: " + mv);
        // --output never replaces one of the run's own files
        Map<String, byte[]> kept = RlCodeTest.snapshot(out);
        for (String own : List.of("config.json", "summary.json", "executive.json")) {
            RlCodeTest.Result refused = RlCodeTest.rlcode("eval-code", "--run", out.toString(), "--episodes", "2",
                    "--output", own);
            assertEquals(2, refused.exit(), own + ": " + refused.err());
            assertTrue(refused.err().contains("--output"), refused.err());
        }
        RlCodeTest.assertSameFiles(kept, RlCodeTest.snapshot(out));
        // summary.json's episodes place the fresh seeds: a value that is not a count is named, not replayed over
        Path odd = RlCodeTest.copyTree(out, tmp.resolve("odd-summary"));
        String summaryText = Files.readString(odd.resolve("summary.json"));
        for (String value : List.of("-7", "\"x\"", "1099511627776")) {
            Files.writeString(odd.resolve("summary.json"), summaryText.replaceFirst("\"episodes\" : 12",
                    "\"episodes\" : " + java.util.regex.Matcher.quoteReplacement(value)));
            RlCodeTest.Result oddEpisodes = RlCodeTest.rlcode("eval-code", "--run", odd.toString(), "--episodes", "2");
            assertEquals(2, oddEpisodes.exit(), value + ": " + oddEpisodes.err() + oddEpisodes.out());
            assertTrue(oddEpisodes.err().contains("summary.json field episodes: expected a whole number"),
                    oddEpisodes.err());
        }
        RlCodeTest.Result bad = RlCodeTest.rlcode("eval-code", "--run", out.toString(), "--episodes", "5",
                "--model-set", "seed=3");
        assertEquals(2, bad.exit(), bad.err() + bad.out());
        assertTrue(bad.err().contains("--model-set"), bad.err());

        // the same policy under other env settings: with 2 steps nobody reaches STOP after a test
        RlCodeTest.Result env = RlCodeTest.rlcode("eval-code", "--run", out.toString(), "--episodes", "5",
                "--env-set", "maxSteps=2", "--output", "eval-2steps.json");
        assertEquals(0, env.exit(), env.err() + env.out());
        JsonNode ev2 = new ObjectMapper().readTree(out.resolve("eval-2steps.json").toFile());
        assertEquals("maxSteps=2", ev2.get("env_overrides").get(0).asText());
        assertEquals(0.0, ev2.get("baselines").get("script").get("success_rate").asDouble(), 0.0, ev2.toString());
        assertTrue(ev2.get("mean_steps").asDouble() <= 2.0, ev2.toString());
        RlCodeTest.Result badEnv = RlCodeTest.rlcode("eval-code", "--run", out.toString(), "--env-set", "steps=2");
        assertEquals(2, badEnv.exit(), badEnv.err() + badEnv.out());
        assertTrue(badEnv.err().contains("--env-set steps=2"), badEnv.err());
    }

    /**
     * An Executive run cut back to an earlier checkpoint (as a Ctrl-C leaves it) and resumed ends with the summary of
     * the uninterrupted run: the same training curve and the same held-out figures.
     */
    @Test
    void resumeOfAnExecutiveRunEndsAsTheUninterruptedRun() throws IOException {
        Path full = tmp.resolve("full");
        RlCodeTest.Result r = RlCodeTest.rlcode("train", "executive", "--tasks", suite().toString(), "--seed", "4",
                "--out", full.toString(), "--steps", "160", "--set", "learningStarts=40", "--set",
                "checkpointFrequency=50", "--eval-episodes", "10", "--max-mutants", "4", "--test-fraction", "0.5",
                "--catalog-cache", tmp.resolve("catalogs").toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        List<Path> checkpoints;
        try (Stream<Path> dirs = Files.list(full.resolve("checkpoints"))) {
            checkpoints = dirs.sorted().toList();
        }
        assertTrue(checkpoints.size() >= 3, "checkpoints: " + checkpoints);

        Path cut = RlCodeTest.copyTree(full, tmp.resolve("cut"));
        // as a stop after the middle checkpoint leaves it: no summary, no later checkpoint
        for (String f : List.of("summary.json", "report.html")) Files.delete(cut.resolve(f));
        RlCodeTest.deleteTree(cut.resolve("checkpoints").resolve(checkpoints.getLast().getFileName()));
        // a damaged or missing executive.json is named before any training, and changes nothing
        Path badSettings = RlCodeTest.copyTree(cut, tmp.resolve("bad-settings"));
        String settings = Files.readString(badSettings.resolve("executive.json"));
        assertTrue(settings.contains("\"eval_episodes\" : 10"), settings);
        Files.writeString(badSettings.resolve("executive.json"), settings.replace("\"eval_episodes\" : 10",
                "\"eval_episodes\" : -5"));
        byte[] metrics = Files.readAllBytes(badSettings.resolve("metrics.jsonl"));
        RlCodeTest.Result refused = RlCodeTest.rlcode("resume", badSettings.toString());
        assertEquals(2, refused.exit(), refused.err() + refused.out());
        assertTrue(refused.err().contains("executive.json field eval_episodes: expected a whole number >= 1, actual -5"),
                refused.err());
        assertArrayEquals(metrics, Files.readAllBytes(badSettings.resolve("metrics.jsonl")));
        assertTrue(Files.notExists(badSettings.resolve("summary.json")));
        // another world than the checkpoint's (rewards, split, step limit) is refused, naming what changed
        Files.writeString(badSettings.resolve("executive.json"), settings.replace("\"llm_call_cost\" : -0.05",
                "\"llm_call_cost\" : -0.5").replace("\"test_fraction\" : 0.5", "\"test_fraction\" : 0.3"));
        refused = RlCodeTest.rlcode("resume", badSettings.toString());
        assertEquals(2, refused.exit(), refused.err() + refused.out());
        assertTrue(refused.err().contains("executive.json differs from the settings checkpoint")
                && refused.err().contains("llm_call_cost -0.05 -> -0.5")
                && refused.err().contains("test_fraction 0.5 -> 0.3"), refused.err());
        assertArrayEquals(metrics, Files.readAllBytes(badSettings.resolve("metrics.jsonl")));
        Files.delete(badSettings.resolve("executive.json"));
        refused = RlCodeTest.rlcode("resume", badSettings.toString());
        assertEquals(2, refused.exit(), refused.err() + refused.out());
        assertTrue(refused.err().contains("a run of Executive-v0 needs its executive.json"), refused.err());
        RlCodeTest.Result resumed = RlCodeTest.rlcode("resume", cut.toString());
        assertEquals(0, resumed.exit(), resumed.err() + resumed.out());
        assertTrue(resumed.out().contains("resuming from"), resumed.out());
        JsonNode a = new ObjectMapper().readTree(full.resolve("summary.json").toFile());
        JsonNode b = new ObjectMapper().readTree(cut.resolve("summary.json").toFile());
        for (String key : List.of("steps", "train_episodes", "updates", "success_rate", "mean_llm_calls",
                "template_counts", "baselines")) {
            assertEquals(a.get(key), b.get(key), key);
        }
        assertEquals(Files.readAllLines(full.resolve("metrics.jsonl")).size(),
                Files.readAllLines(cut.resolve("metrics.jsonl")).size());
        RlCodeTest.Result again = RlCodeTest.rlcode("resume", cut.toString());
        assertEquals(2, again.exit(), again.err());
        assertTrue(again.err().contains("finished"), again.err());
    }

    /**
     * A run of {@code --candidates 3} stopped while training its second candidate (as a Ctrl-C after that candidate's
     * middle checkpoint leaves it) and resumed ends with the summary of the uninterrupted run: the first candidate is
     * not trained again, the second continues from its checkpoint, the third trains as it would have.
     */
    @Test
    void resumeOfACandidatesRunEndsAsTheUninterruptedRun() throws IOException {
        Path full = tmp.resolve("full");
        RlCodeTest.Result r = RlCodeTest.rlcode("train", "executive", "--tasks", suite().toString(), "--seed", "5",
                "--out", full.toString(), "--steps", "120", "--set", "learningStarts=40", "--set",
                "checkpointFrequency=50", "--eval-episodes", "8", "--candidates", "3", "--validation-episodes", "6",
                "--max-mutants", "4", "--test-fraction", "0.5", "--catalog-cache", tmp.resolve("catalogs").toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        JsonNode a = new ObjectMapper().readTree(full.resolve("summary.json").toFile());
        JsonNode table = a.get("candidates");
        assertEquals(3, table.size(), a.toString());
        Path first = Path.of("candidates", "seed-" + table.get(0).get("seed").asLong());
        Path second = Path.of("candidates", "seed-" + table.get(1).get("seed").asLong());
        Path third = Path.of("candidates", "seed-" + table.get(2).get("seed").asLong());
        assertTrue(Files.isRegularFile(full.resolve(first).resolve("validation.json")), "validation figures kept");

        Path cut = RlCodeTest.copyTree(full, tmp.resolve("cut"));
        for (String f : List.of("summary.json", "report.html", "metrics.jsonl")) Files.delete(cut.resolve(f));
        RlCodeTest.deleteTree(cut.resolve("checkpoints"));
        Files.createDirectories(cut.resolve("checkpoints"));
        for (String f : List.of("summary.json", "validation.json")) Files.delete(cut.resolve(second).resolve(f));
        List<Path> checkpoints;
        try (Stream<Path> dirs = Files.list(cut.resolve(second).resolve("checkpoints"))) {
            checkpoints = dirs.sorted().toList();
        }
        assertTrue(checkpoints.size() >= 2, "checkpoints: " + checkpoints);
        RlCodeTest.deleteTree(checkpoints.getLast());
        RlCodeTest.deleteTree(cut.resolve(third));
        byte[] firstMetrics = Files.readAllBytes(cut.resolve(first).resolve("metrics.jsonl"));

        RlCodeTest.Result resumed = RlCodeTest.rlcode("resume", cut.toString());
        assertEquals(0, resumed.exit(), resumed.err() + resumed.out());
        assertTrue(resumed.out().contains("trained before") && resumed.out().contains("resuming from"),
                resumed.out());
        JsonNode b = new ObjectMapper().readTree(cut.resolve("summary.json").toFile());
        for (String key : List.of("steps", "train_episodes", "updates", "selected_seed", "validation_episodes",
                "success_rate", "mean_llm_calls", "template_counts", "baselines")) {
            assertEquals(a.get(key), b.get(key), key);
        }
        for (int i = 0; i < 3; i++) {
            for (String key : List.of("seed", "validation_success_rate", "validation_llm_calls_per_success")) {
                assertEquals(table.get(i).get(key), b.get("candidates").get(i).get(key), "candidate " + i + " " + key);
            }
        }
        assertEquals(Files.readAllLines(full.resolve("metrics.jsonl")).size(),
                Files.readAllLines(cut.resolve("metrics.jsonl")).size());
        for (Path c : List.of(second, third)) {
            assertEquals(Files.readAllLines(full.resolve(c).resolve("metrics.jsonl")).size(),
                    Files.readAllLines(cut.resolve(c).resolve("metrics.jsonl")).size(), c.toString());
        }
        assertTrue(java.util.Arrays.equals(firstMetrics, Files.readAllBytes(cut.resolve(first).resolve("metrics.jsonl"))),
                "the finished candidate is left as it was");
        RlCodeTest.Result again = RlCodeTest.rlcode("resume", cut.toString());
        assertEquals(2, again.exit(), again.err());
        assertTrue(again.err().contains("finished"), again.err());
    }

    @Test
    void modelSetChangesTheSyntheticModelOfTheWholeRunAndEvalCodeKeepsIt() throws IOException {
        Path out = tmp.resolve("always-correct");
        List<String> alwaysCorrect = List.of("--model-set", "pCorrectEasy=1", "--model-set", "pCorrectMedium=1",
                "--model-set", "pCorrectHard=1", "--model-set", "pCorrectOther=1");
        List<String> args = new java.util.ArrayList<>(List.of("train", "executive", "--tasks", suite().toString(),
                "--seed", "2", "--out", out.toString(), "--steps", "100", "--set", "learningStarts=50",
                "--eval-episodes", "10", "--max-mutants", "4", "--test-fraction", "0.5",
                "--catalog-cache", tmp.resolve("catalogs").toString(), "--profile", "reference-study",
                "--env-set", "searchQuery=prompt+feedback", "--train-env-set", "searchMissRate=1"));
        args.addAll(alwaysCorrect);
        RlCodeTest.Result r = RlCodeTest.rlcode(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err() + r.out());
        JsonNode settings = new ObjectMapper().readTree(out.resolve("executive.json").toFile());
        assertEquals(1.0, settings.get("model_overrides").get("pCorrectHard").asDouble(), 0.0);
        // the profile's settings, then the user's: its model probabilities and search order, the user's query
        assertEquals("reference-study", settings.get("profile").asText());
        assertEquals(1.0, settings.get("model_overrides").get("pFixShallow").asDouble(), 0.0);
        assertEquals(0.0, settings.get("model_overrides").get("pBreakOnRepair").asDouble(), 0.0);
        assertEquals("failed-debug", settings.get("search_after").asText());
        assertEquals("prompt+feedback", settings.get("search_query").asText(), "--env-set comes after the profile");
        assertEquals(0.0, settings.get("search_miss_rate").asDouble(), 0.0,
                "--train-env-set leaves the run's settings");
        assertEquals("searchMissRate=1", settings.get("train_env_set").get(0).asText());
        // every GENERATE now emits the reference: the script passes its first test and stops, on every episode
        JsonNode script = new ObjectMapper().readTree(out.resolve("summary.json").toFile())
                .get("baselines").get("script");
        assertEquals(1.0, script.get("success_rate").asDouble(), 0.0, script.toString());
        assertEquals(1.0, script.get("mean_llm_calls").asDouble(), 0.0, script.toString());

        // eval-code rebuilds the run's model, overrides included; its own --model-set goes on top
        RlCodeTest.Result e = RlCodeTest.rlcode("eval-code", "--run", out.toString(), "--episodes", "6",
                "--model-set", "pFixShallow=0.5");
        assertEquals(0, e.exit(), e.err() + e.out());
        JsonNode ev = new ObjectMapper().readTree(out.resolve("eval-code.json").toFile());
        assertEquals(1.0, ev.get("baselines").get("script").get("success_rate").asDouble(), 0.0, ev.toString());
        assertEquals(1.0, ev.get("model_overrides").get("pCorrectEasy").asDouble(), 0.0);
        assertEquals(0.5, ev.get("model_overrides").get("pFixShallow").asDouble(), 0.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void ablationRunsTheChosenArmsAndWritesItsReport() throws IOException {
        Path out = tmp.resolve("ablation");
        Path suite = suite();
        java.util.function.IntFunction<RlCodeTest.Result> ablation = steps -> RlCodeTest.rlcode("ablation", "--tasks",
                suite.toString(), "--seeds", "1", "--variants", "dqn,dqn-nomask", "--steps", String.valueOf(steps),
                "--eval-episodes", "6", "--max-mutants", "4", "--test-fraction", "0.5", "--catalog-cache",
                tmp.resolve("catalogs").toString(), "--out", out.toString());
        RlCodeTest.Result r = ablation.apply(150);
        assertEquals(0, r.exit(), r.err() + r.out());
        JsonNode a = new ObjectMapper().readTree(out.resolve("ablation.json").toFile());
        assertEquals(2, a.get("variants").size());
        assertEquals("dqn-nomask", a.get("variants").get(1).get("variant").asText());
        assertEquals(6, a.get("variants").get(1).get("runs").get(0).get("episodes").asInt());
        assertTrue(Files.readString(out.resolve("report.html")).contains("ablation_success.png"));

        // an ablation never writes into a folder that is not an ablation's (here: one of its own training runs)
        Path armRun;
        try (Stream<Path> dirs = Files.list(out)) {
            armRun = dirs.filter(d -> Files.isRegularFile(d.resolve("config.json"))).findFirst().orElseThrow();
        }
        Map<String, byte[]> before = RlCodeTest.snapshot(armRun);
        RlCodeTest.Result intoRun = RlCodeTest.rlcode("ablation", "--tasks", suite.toString(), "--seeds", "1",
                "--variants", "dqn", "--steps", "150", "--out", armRun.toString());
        assertEquals(2, intoRun.exit(), intoRun.err() + intoRun.out());
        assertTrue(intoRun.err().contains("not an ablation's"), intoRun.err());
        RlCodeTest.assertSameFiles(before, RlCodeTest.snapshot(armRun));
        // a rerun with another budget is refused, naming it (its finished arms would be reused as they are)
        RlCodeTest.Result otherBudget = ablation.apply(200);
        assertEquals(2, otherBudget.exit(), otherBudget.err() + otherBudget.out());
        assertTrue(otherBudget.err().contains("ablation_steps: 150 there, 200 now"), otherBudget.err());
        // a folder from before the split rule and the budget keys (its world unchanged) is continued, not refused
        Path settingsFile = out.resolve("executive.json");
        String current = Files.readString(settingsFile);
        var older = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(current);
        older.remove(List.of("split", "ablation_steps", "ablation_eval_episodes"));
        Files.writeString(settingsFile, older.toPrettyString());
        RlCodeTest.Result olderFolder = ablation.apply(150);
        assertEquals(0, olderFolder.exit(), olderFolder.err() + olderFolder.out());
        Files.writeString(settingsFile, current);
        // an arm left unfinished (Ctrl-C: no summary.json) is kept aside and trained again, to the same figures
        Path arm = out.resolve("dqn-seed1");
        double success = new ObjectMapper().readTree(arm.resolve("summary.json").toFile()).get("success_rate").asDouble();
        Files.delete(arm.resolve("summary.json"));
        RlCodeTest.Result again = ablation.apply(150);
        assertEquals(0, again.exit(), again.err() + again.out());
        assertTrue(again.out().contains("kept as dqn-seed1.interrupted"), again.out());
        assertTrue(Files.isRegularFile(out.resolve("dqn-seed1.interrupted/metrics.jsonl")));
        assertEquals(success, new ObjectMapper().readTree(arm.resolve("summary.json").toFile()).get("success_rate")
                .asDouble());
        RlCodeTest.Result unknown = RlCodeTest.rlcode("ablation", "--variants", "nope", "--out",
                tmp.resolve("x").toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("nope"), unknown.err());
    }

    /**
     * Problems found only while opening the run (here the task source) come after the run folder was made:
     * the command removes what it wrote, so --out is as it was and a rerun is not refused.
     */
    @Test
    void aRunThatCannotStartLeavesOutAsItWas() throws IOException {
        Path broken = tmp.resolve("broken.jsonl");
        Files.writeString(broken, "{\"task_id\": \"Java/0\"}\n");
        Path absent = tmp.resolve("absent/deeper"); // both folders are the command's own, and both go
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        for (List<String> bad : List.of(List.of("--tasks", tmp.resolve("no-such.jsonl").toString()),
                List.of("--tasks", broken.toString()))) {
            for (Path out : List.of(absent, empty)) {
                List<String> args = new java.util.ArrayList<>(List.of("train", "executive", "--out", out.toString(),
                        "--steps", "10", "--catalog-cache", tmp.resolve("catalogs").toString()));
                args.addAll(bad);
                RlCodeTest.Result r = RlCodeTest.rlcode(args.toArray(String[]::new));
                assertEquals(2, r.exit(), bad + ": " + r.err() + r.out());
                assertEquals(1, r.err().strip().lines().count(), "one line naming the problem: " + r.err());
                if (out.equals(absent)) {
                    assertTrue(Files.notExists(out.getParent()), bad + ": left " + out.getParent());
                } else {
                    try (Stream<Path> left = Files.list(out)) {
                        assertEquals(List.of(), left.toList(), bad + ": left files in the empty --out");
                    }
                }
            }
        }
    }

    /** Flags whose problem must be named as the flag's own, before anything is judged or written. */
    @Test
    void flagsTheCodeAgentsCannotUseAreNamed() throws IOException {
        Path out = tmp.resolve("flags");
        String suite = suite().toString();
        RlCodeTest.Result r = RlCodeTest.rlcode("train", "executive", "--tasks", suite, "--steps", "10",
                "--set", "evalEpisodes=3", "--out", out.toString());
        assertEquals(2, r.exit(), r.err() + r.out());
        assertTrue(r.err().contains("--set evalEpisodes") && r.err().contains("--eval-episodes"), r.err());
        r = RlCodeTest.rlcode("train", "executive", "--tasks", suite, "--steps", "10", "--model",
                "openai", "--openai-model", "m", "--openai-url", "http://[::1/v1", "--out", out.toString());
        assertEquals(2, r.exit(), r.err() + r.out());
        assertTrue(r.err().contains("--openai-url: ") && !r.err().contains("executive.json"), r.err());
        assertTrue(Files.notExists(out), "nothing written");
    }

    /** A task whose reference the sandbox does not pass is left out, and the run's summary names it. */
    @Test
    void aTaskLeftOutIsNamedInTheSummary() throws IOException {
        Path root = suite();
        Path ref;
        try (Stream<Path> files = Files.list(root.resolve("tasks").resolve(TASKS.getFirst()))) {
            ref = files.filter(f -> f.toString().endsWith(".java") && !f.toString().endsWith("Tests.java"))
                    .findFirst().orElseThrow();
        }
        // the reference no longer passes its tests: its first return throws instead
        String src = Files.readString(ref);
        Files.writeString(ref, src.replaceFirst("return ", "if (true) throw new IllegalStateException(\"broken\"); return "));
        Path out = tmp.resolve("leftout");
        RlCodeTest.Result r = RlCodeTest.rlcode("train", "executive", "--tasks", root.toString(), "--seed", "2",
                "--out", out.toString(), "--steps", "60", "--set", "learningStarts=20", "--eval-episodes", "4",
                "--max-mutants", "2", "--test-fraction", "0.5", "--catalog-cache", tmp.resolve("catalogs").toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("warning: 1 task(s) left out"), r.out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(1, summary.get("left_out_tasks").size(), summary.toString());
        assertTrue(summary.get("left_out_tasks").get(0).asText().startsWith(TASKS.getFirst() + ": "),
                summary.toString());
    }

    /** An LLM endpoint that is down: exit 2 with one line that says what to do, not a stack trace. */
    @Test
    void anEndpointThatIsDownIsOneLineNamingItAndTheAnswersKept() throws IOException {
        Path out = tmp.resolve("down");
        RlCodeTest.Result r = RlCodeTest.rlcode("train", "executive", "--tasks", suite().toString(), "--model",
                "openai", "--openai-url", "http://127.0.0.1:9/v1", "--openai-model", "m", "--openai-timeout", "7",
                "--openai-temperature", "0", "--steps", "20",
                "--set", "learningStarts=10", "--eval-episodes", "2", "--test-fraction", "0.5", "--out",
                out.toString());
        assertEquals(2, r.exit(), r.err() + r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("the code model failed") && r.err().contains("127.0.0.1:9")
                && r.err().contains("--llm-cache"), r.err());
        assertTrue(Files.isRegularFile(out.resolve("executive.json")), "the run folder keeps what it wrote");
        var settings = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("executive.json")
                .toFile());
        assertEquals(7, settings.get("openai_timeout_s").asInt(), settings.toString());
        assertEquals(0.0, settings.get("openai_temperature").asDouble(), settings.toString());
        assertEquals(1024, settings.get("openai_max_tokens").asInt(), settings.toString());
        Path refused = tmp.resolve("refused-openai");
        RlCodeTest.Result bad = RlCodeTest.rlcode("train", "executive", "--model", "openai", "--openai-url",
                "http://127.0.0.1:9/v1", "--openai-model", "m", "--openai-temperature", "2.5", "--out",
                refused.toString());
        assertEquals(2, bad.exit(), bad.err() + bad.out());
        assertTrue(bad.err().contains("--openai-temperature: expected a number in [0, 2]"), bad.err());
        assertTrue(Files.notExists(refused), "refused before any run folder exists");
    }

    @Test
    void badConfigOfTheCodeAgentsIsRefusedBeforeAnyRunFolderExists() {
        Path out = tmp.resolve("refused");
        for (List<String> bad : List.of(List.of("--set", "learningRat=0.01"), List.of("--eval-episodes", "0"),
                List.of("--set", "gamma=abc"), List.of("--set", "masking=false"))) {
            for (String level : List.of("executive", "hierarchical")) {
                List<String> args = new java.util.ArrayList<>(List.of("train", level, "--out", out.toString()));
                if (level.equals("hierarchical")) args.addAll(List.of("--executive", tmp.toString()));
                args.addAll(bad);
                RlCodeTest.Result r = RlCodeTest.rlcode(args.toArray(String[]::new));
                assertEquals(2, r.exit(), level + " " + bad + ": " + r.err() + r.out());
                String key = bad.get(1).contains("=") ? bad.get(1).substring(0, bad.get(1).indexOf('='))
                        : "--eval-episodes";
                assertTrue(r.err().contains(key), level + " " + bad + ": " + r.err());
                assertTrue(Files.notExists(out), level + " " + bad + ": created " + out);
            }
        }
        for (String envSet : List.of("llmCost=1", "maxSteps=1", "testCost=abc", "llmCallCost")) {
            for (String command : List.of("train executive", "ablation")) {
                List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
                args.addAll(List.of("--out", out.toString(), "--env-set", envSet));
                RlCodeTest.Result r = RlCodeTest.rlcode(args.toArray(String[]::new));
                assertEquals(2, r.exit(), command + " --env-set " + envSet + ": " + r.err() + r.out());
                assertTrue(r.err().contains("--env-set " + envSet), command + " " + envSet + ": " + r.err());
                assertTrue(Files.notExists(out), command + " " + envSet + ": created " + out);
            }
        }
        for (String level : List.of("executive", "hierarchical")) {
            List<String> args = new java.util.ArrayList<>(List.of("train", level, "--out", out.toString(),
                    "--test-fraction", "2"));
            if (level.equals("hierarchical")) args.addAll(List.of("--executive", tmp.toString()));
            RlCodeTest.Result r = RlCodeTest.rlcode(args.toArray(String[]::new));
            assertEquals(2, r.exit(), level + ": " + r.err() + r.out());
            assertTrue(r.err().contains("--test-fraction"), level + ": " + r.err());
            assertTrue(Files.notExists(out), level + ": created " + out);
        }
        for (List<String> twice : List.of(List.of("--variants", "dqn,double,dqn"), List.of("--seeds", "1,2,1"))) {
            List<String> args = new java.util.ArrayList<>(List.of("ablation", "--out", out.toString()));
            args.addAll(twice);
            RlCodeTest.Result r = RlCodeTest.rlcode(args.toArray(String[]::new));
            assertEquals(2, r.exit(), twice + ": " + r.err() + r.out());
            assertTrue(r.err().contains(twice.getFirst() + ": expected distinct") && r.err().contains(" twice"),
                    twice + ": " + r.err());
            assertTrue(Files.notExists(out), twice + ": created " + out);
        }
        RlCodeTest.Result both = RlCodeTest.rlcode("train", "executive", "--out", tmp.resolve("both").toString(),
                "--candidates", "2", "--set", "evalFrequency=100");
        assertEquals(2, both.exit(), both.err());
        assertTrue(both.err().contains("evalFrequency=0") && both.err().contains("candidate 0"), both.err());
        assertTrue(!Files.exists(tmp.resolve("both")), "no folder for a refused run");
        for (List<String> bad : List.of(List.of("--candidates", "0"), List.of("--validation-episodes", "0"))) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "executive", "--out", out.toString()));
            args.addAll(bad);
            RlCodeTest.Result r = RlCodeTest.rlcode(args.toArray(String[]::new));
            assertEquals(2, r.exit(), bad + ": " + r.err() + r.out());
            assertTrue(r.err().contains("--candidates/--validation-episodes"), bad + ": " + r.err());
            assertTrue(Files.notExists(out), bad + ": created " + out);
        }
        for (String trainEnvSet : List.of("searchMissRate=2", "missRate=0.2")) {
            RlCodeTest.Result r = RlCodeTest.rlcode("train", "executive", "--out", out.toString(), "--train-env-set",
                    trainEnvSet);
            assertEquals(2, r.exit(), trainEnvSet + ": " + r.err() + r.out());
            assertTrue(r.err().contains("--train-env-set " + trainEnvSet), trainEnvSet + ": " + r.err());
            assertTrue(Files.notExists(out), trainEnvSet + ": created " + out);
        }
        for (List<String> modelSet : List.of(List.of("--model-set", "pFix=0.5"), List.of("--model-set", "pFixShallow=2"),
                List.of("--model-set", "pFixShallow"), List.of("--model-set", "pFixShallow=abc"),
                List.of("--model-set", "seed=3"),
                List.of("--model", "openai", "--openai-url", "http://127.0.0.1:9/v1", "--openai-model", "m",
                        "--model-set", "pFixShallow=0.9"))) {
            for (String command : List.of("train executive", "ablation")) {
                if (command.equals("ablation") && modelSet.contains("openai")) continue;
                List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
                args.add("--out");
                args.add(out.toString());
                args.addAll(modelSet);
                RlCodeTest.Result r = RlCodeTest.rlcode(args.toArray(String[]::new));
                assertEquals(2, r.exit(), command + " " + modelSet + ": " + r.err() + r.out());
                assertTrue(r.err().contains("--model-set"), command + " " + modelSet + ": " + r.err());
                assertTrue(Files.notExists(out), command + " " + modelSet + ": created " + out);
            }
        }
        for (List<String> profile : List.of(List.of("--profile", "reference"), List.of("--profile", "reference-study",
                "--model", "openai", "--openai-url", "http://127.0.0.1:9/v1", "--openai-model", "m"))) {
            for (String command : List.of("train executive", "ablation", "demo")) {
                if (!command.equals("train executive") && profile.contains("openai")) continue;
                List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
                args.addAll(List.of("--out", out.toString()));
                args.addAll(profile);
                RlCodeTest.Result r = RlCodeTest.rlcode(args.toArray(String[]::new));
                assertEquals(2, r.exit(), command + " " + profile + ": " + r.err() + r.out());
                assertTrue(r.err().contains("--profile"), command + " " + profile + ": " + r.err());
                assertTrue(Files.notExists(out), command + " " + profile + ": created " + out);
            }
        }
    }
}
