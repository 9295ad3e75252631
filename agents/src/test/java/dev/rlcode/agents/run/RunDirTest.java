package dev.rlcode.agents.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cutting metrics back for a resume keeps every earlier file, however many resumes follow. */
class RunDirTest {

    @TempDir
    Path tmp;

    private static void append(RunDir run, long... steps) throws IOException {
        try (RunDir.MetricsWriter w = run.metrics()) {
            for (long s : steps) w.write(Map.of("type", "episode", "step", s));
        }
    }

    @Test
    void everyResumeKeepsThePreviousMetricsInABackupOfItsOwn() throws IOException {
        RunDir run = RunDir.create(tmp.resolve("run"));
        append(run, 10, 20, 30);
        List<String> first = Files.readAllLines(run.metricsFile());
        run.truncateMetrics(20);                    // the first resume, from the checkpoint at step 20
        assertEquals(2, run.readMetrics().size());
        append(run, 30, 40, 50);                    // trained on, then stopped again
        List<String> second = Files.readAllLines(run.metricsFile());
        run.truncateMetrics(40);                    // the second resume
        assertEquals(4, run.readMetrics().size());

        assertEquals(first, Files.readAllLines(run.dir().resolve("metrics.jsonl.bak")), "the first backup stays");
        assertEquals(second, Files.readAllLines(run.dir().resolve("metrics.jsonl.bak.2")));
        assertFalse(Files.exists(run.dir().resolve("metrics.jsonl.bak.3")));
    }
}
