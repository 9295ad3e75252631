package dev.rlcode.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rlcode demo} at a tiny budget: both stages run as the real commands into their own run folders, and the
 * final table and demo.json carry exactly the figures of the two summary.json files.
 */
class DemoCommandTest {

    @TempDir
    Path tmp;

    @Test
    void demoTrainsBothLevelsAndReportsTheirHeldOutFiguresFromTheirSummaries() throws IOException {
        Path out = tmp.resolve("demo");
        RlCodeTest.Result r = RlCodeTest.rlcode("demo", "--seed", "2", "--steps", "120", "--hier-steps", "60",
                "--eval-episodes", "6", "--max-mutants", "2", "--catalog-cache", tmp.resolve("catalogs").toString(),
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        JsonNode demo = RlCodeTest.json(out.resolve("demo.json"));
        String backend = RlCodeTest.json(out.resolve("executive/summary.json")).get("backend").asText();
        assertTrue(backend.startsWith("cpu-"), "the Executive trained on the CPU here: " + backend);
        assertEquals(backend, demo.get("backend").asText());
        assertTrue(r.out().contains("backend " + backend + ": held-out results"), r.out());
        assertTrue(r.out().contains("dqn against each baseline on the same episodes")
                && r.out().contains("| hierarchical | script   |"), "the paired table, by level: " + r.out());
        for (String level : List.of("executive", "hierarchical")) {
            JsonNode summary = RlCodeTest.json(out.resolve(level).resolve("summary.json"));
            assertEquals(6, summary.get("episodes").asInt(), level);
            assertEquals(2, summary.get("seed").asInt(), level);
            JsonNode figures = demo.get(level);
            assertEquals(summary.get("success_rate").asDouble(), figures.get("dqn").get("success_rate").asDouble(),
                    level);
            for (String b : List.of("random", "script", "oracle")) {
                assertEquals(summary.get("baselines").get(b).get("success_rate").asDouble(),
                        figures.get(b).get("success_rate").asDouble(), level + " " + b);
                // the paired counts are the two policies' successes on the same episodes
                JsonNode paired = summary.get("baselines").get(b).get("paired");
                int both = paired.get("both_succeeded").asInt();
                assertEquals(6, both + paired.get("only_agent").asInt() + paired.get("only_baseline").asInt()
                        + paired.get("neither").asInt(), level + " " + b + ": " + paired);
                assertEquals(Math.round(6 * summary.get("success_rate").asDouble()),
                        both + paired.get("only_agent").asInt(), level + " " + b + ": " + paired);
                assertEquals(Math.round(6 * summary.get("baselines").get(b).get("success_rate").asDouble()),
                        both + paired.get("only_baseline").asInt(), level + " " + b + ": " + paired);
                assertEquals(paired, figures.get(b).get("paired"), level + " " + b);
            }
            assertTrue(Files.isRegularFile(out.resolve(level).resolve("report.html")), level + " report");
            assertTrue(summary.get("sandbox").get("requests").asLong() >= summary.get("sandbox").get("cache_hits")
                    .asLong(), level + " sandbox counters: " + summary.get("sandbox"));
        }
        // eval-code on the hierarchical run: fresh held-out seeds after the summary's, with the sandbox's counters
        RlCodeTest.Result ev = RlCodeTest.rlcode("eval-code", "--run", out.resolve("hierarchical").toString(),
                "--episodes", "3", "--output", "eval-hier.json");
        assertEquals(0, ev.exit(), ev.err() + ev.out());
        JsonNode evJson = RlCodeTest.json(out.resolve("hierarchical/eval-hier.json"));
        assertEquals(RlCodeTest.json(out.resolve("hierarchical/summary.json")).get("eval_policy").asText(),
                evJson.get("parameters").asText(), "the parameters the summary played");
        assertEquals(6, evJson.get("seed_offset").asInt());
        assertEquals(3, evJson.get("episodes").asInt());
        assertTrue(evJson.has("sandbox") && ev.out().contains("sandbox: "), ev.out());
        assertEquals(out.resolve("executive").toAbsolutePath().toString(),
                RlCodeTest.json(out.resolve("hierarchical/hierarchical.json")).get("executive_run").asText(),
                "the Hierarchical stage must sit on the demo's own Executive");
        pinnedExecutive(out, evJson);
        resumeAfterAFailedEvaluation(out);
        String table = r.out().substring(r.out().lastIndexOf("held-out results"));
        for (String needle : List.of("| executive ", "| hierarchical ", "reference study", "| 0.91 ", "| 1.00 ",
                "| oracle ", "| script ", "| random ")) {
            assertTrue(table.contains(needle), "expected " + needle + " in the final table:\n" + table);
        }

        RlCodeTest.Result again = RlCodeTest.rlcode("demo", "--out", out.toString());
        assertEquals(2, again.exit(), again.err());
        assertTrue(again.err().contains("already holds files"), again.err());

        // resume of the Hierarchical run, cut back to before its only checkpoint (the end): it trains again from
        // step 0 in the rebuilt world and ends with the same summary
        Path hier = out.resolve("hierarchical");
        Path cut = RlCodeTest.copyTree(hier, tmp.resolve("hier-cut"));
        RlCodeTest.deleteTree(cut.resolve("checkpoints"));
        Files.createDirectories(cut.resolve("checkpoints"));
        Files.delete(cut.resolve("summary.json"));
        RlCodeTest.Result resumed = RlCodeTest.rlcode("resume", cut.toString());
        assertEquals(0, resumed.exit(), resumed.err() + resumed.out());
        JsonNode before = RlCodeTest.json(hier.resolve("summary.json")), after = RlCodeTest.json(cut.resolve("summary.json"));
        for (String key : List.of("steps", "train_episodes", "updates", "success_rate", "mean_llm_calls", "baselines")) {
            assertEquals(before.get(key), after.get(key), key);
        }

        // resume from its final checkpoint (the evaluation was cut): hierarchical.json must still be the world that
        // checkpoint was trained in; a bad value is named, another valid one refused
        Path fromEnd = RlCodeTest.copyTree(hier, tmp.resolve("hier-from-end"));
        Files.delete(fromEnd.resolve("summary.json"));
        String settings = Files.readString(fromEnd.resolve("hierarchical.json"));
        String maxSteps = "\"max_steps\" : " + RlCodeTest.json(hier.resolve("hierarchical.json")).get("max_steps").asInt();
        assertTrue(settings.contains(maxSteps), settings);
        Files.writeString(fromEnd.resolve("hierarchical.json"), settings.replace(maxSteps, "\"max_steps\" : -1"));
        RlCodeTest.Result badSteps = RlCodeTest.rlcode("resume", fromEnd.toString());
        assertEquals(2, badSteps.exit(), badSteps.err() + badSteps.out());
        assertTrue(badSteps.err().contains("hierarchical.json: maxSteps: expected >= 2, actual -1"), badSteps.err());
        Files.writeString(fromEnd.resolve("hierarchical.json"), settings.replace(maxSteps, "\"max_steps\" : 30"));
        RlCodeTest.Result otherWorld = RlCodeTest.rlcode("resume", fromEnd.toString());
        assertEquals(2, otherWorld.exit(), otherWorld.err() + otherWorld.out());
        assertTrue(otherWorld.err().contains("hierarchical.json differs from the settings checkpoint"), otherWorld.err());
        Files.writeString(fromEnd.resolve("hierarchical.json"), settings);
        RlCodeTest.Result fromCheckpoint = RlCodeTest.rlcode("resume", fromEnd.toString());
        assertEquals(0, fromCheckpoint.exit(), fromCheckpoint.err() + fromCheckpoint.out());
        assertEquals(before.get("success_rate"), RlCodeTest.json(fromEnd.resolve("summary.json")).get("success_rate"));
    }

    /**
     * The hierarchical run's frozen Executive is the checkpoint it was trained with: a newer checkpoint in the
     * Executive run (a later resume of it) changes nothing, a missing pinned one is an error naming it, and an
     * unfinished Executive run is refused.
     */
    private void pinnedExecutive(Path out, JsonNode evalBefore) throws IOException {
        Path hier = out.resolve("hierarchical");
        JsonNode settings = RlCodeTest.json(hier.resolve("hierarchical.json"));
        long pinned = settings.get("executive_checkpoint_step").asLong();
        assertEquals(pinned, evalBefore.get("executive_checkpoint_step").asLong());
        assertEquals(64, settings.get("executive_parameters_sha256").asText().length());
        Path checkpoints = out.resolve("executive/checkpoints");
        Path pinnedDir = dev.rlcode.core.checkpoint.Checkpoint.dirFor(checkpoints, pinned);
        Path newer = dev.rlcode.core.checkpoint.Checkpoint.dirFor(checkpoints, pinned + 1000);
        RlCodeTest.copyTree(pinnedDir, newer);
        try {
            RlCodeTest.Result ev = RlCodeTest.rlcode("eval-code", "--run", hier.toString(), "--episodes", "3",
                    "--output", "eval-hier-pinned.json");
            assertEquals(0, ev.exit(), ev.err() + ev.out());
            JsonNode after = RlCodeTest.json(hier.resolve("eval-hier-pinned.json"));
            assertEquals(pinned, after.get("executive_checkpoint_step").asLong(), "not the newer checkpoint");
            for (String key : List.of("success_rate", "mean_llm_calls", "mean_test_runs", "mean_steps")) {
                assertEquals(evalBefore.get(key).asDouble(), after.get(key).asDouble(), key);
            }
        } finally {
            RlCodeTest.deleteTree(newer);
        }
        Path away = out.resolve("moved-checkpoint");
        Files.move(pinnedDir, away);
        try {
            RlCodeTest.Result gone = RlCodeTest.rlcode("eval-code", "--run", hier.toString(), "--episodes", "3",
                    "--output", "eval-hier-gone.json");
            assertEquals(2, gone.exit(), gone.err() + gone.out());
            assertTrue(gone.err().contains("checkpoint of step " + pinned + " (the one this run was trained with)"),
                    gone.err());
        } finally {
            Files.move(away, pinnedDir);
        }
        Path unfinished = RlCodeTest.copyTree(out.resolve("executive"), tmp.resolve("exec-unfinished"));
        Files.delete(unfinished.resolve("summary.json"));
        RlCodeTest.Result refused = RlCodeTest.rlcode("train", "hierarchical", "--executive", unfinished.toString(),
                "--out", tmp.resolve("hier-on-unfinished").toString());
        assertEquals(2, refused.exit(), refused.err() + refused.out());
        assertTrue(refused.err().contains("expected a finished run"), refused.err());
        assertTrue(Files.notExists(tmp.resolve("hier-on-unfinished")), "no folder for a refused run");
    }

    /**
     * An Executive run whose held-out evaluation failed after training (an LLM endpoint that went down) keeps only
     * the trainer's summary, without the evaluation: `resume` runs the evaluation (the same figures as the run that
     * finished) instead of refusing a "finished" run.
     */
    private void resumeAfterAFailedEvaluation(Path out) throws IOException {
        Path run = RlCodeTest.copyTree(out.resolve("executive"), tmp.resolve("exec-eval-failed"));
        JsonNode finished = RlCodeTest.json(run.resolve("summary.json"));
        var trainerOnly = (com.fasterxml.jackson.databind.node.ObjectNode) finished.deepCopy();
        trainerOnly.remove(List.of("success_rate", "success_ci95_low", "success_ci95_high", "baselines"));
        Files.writeString(run.resolve("summary.json"), trainerOnly.toPrettyString());
        RlCodeTest.Result r = RlCodeTest.rlcode("resume", run.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        JsonNode evaluated = RlCodeTest.json(run.resolve("summary.json"));
        assertEquals(finished.get("success_rate").asDouble(), evaluated.get("success_rate").asDouble());
        assertEquals(finished.get("baselines").get("script").get("success_rate").asDouble(),
                evaluated.get("baselines").get("script").get("success_rate").asDouble());
        RlCodeTest.Result again = RlCodeTest.rlcode("resume", run.toString());
        assertEquals(2, again.exit(), again.err());
        assertTrue(again.err().contains("expected an unfinished run"), again.err());
    }
}
