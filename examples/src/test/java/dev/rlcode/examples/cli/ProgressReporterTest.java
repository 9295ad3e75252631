package dev.rlcode.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.agents.dqn.DqnTrainer.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    private final StringWriter sink = new StringWriter();

    @Test
    void logLinesAreOnePerReport() {
        ProgressReporter p = new ProgressReporter(new PrintWriter(sink), false);
        p.onProgress(new Progress(1000, 4000, 12, 35.0, 0.75, 500));
        p.onProgress(new Progress(2000, 4000, 20, Double.NaN, 0.5, 250));
        p.finish();
        assertEquals("""
                step 1000/4000 (25%) | 500 steps/s | episodes 12 | last return 35.0 | epsilon 0.750 | ETA 0:06
                step 2000/4000 (50%) | 250 steps/s | episodes 20 | last return - | epsilon 0.500 | ETA 0:08
                """, sink.toString());
    }

    @Test
    void barRedrawsOneLineAndKeepsMessagesAboveIt() {
        ProgressReporter p = new ProgressReporter(new PrintWriter(sink), true);
        Progress half = new Progress(150, 300, 5, 22.0, 0.5, 100);
        String bar = p.barLine(half);
        assertTrue(bar.matches("\\[#{12}-{12}] +50% 150/300 \\| 100 steps/s \\| ep 5 \\| return 22\\.0 \\| (ε|eps) 0\\.500 "
                + "\\| ETA 0:02"), bar);
        p.onProgress(half);
        p.onMessage("periodic eval");
        p.onProgress(new Progress(300, 300, 9, 30.0, 0.1, 100));
        p.finish();
        String blank = " ".repeat(bar.length());
        assertEquals("\r" + bar + "\r" + blank + "\rperiodic eval" + System.lineSeparator() + bar + "\r"
                + p.barLine(new Progress(300, 300, 9, 30.0, 0.1, 100)) + System.lineSeparator(), sink.toString());
    }

    @Test
    void aShorterBarBlanksTheRestOfTheLongerOne() {
        ProgressReporter p = new ProgressReporter(new PrintWriter(sink), true);
        Progress fast = new Progress(100, 300, 5, 22.0, 0.5, 12345), slow = new Progress(200, 300, 5, 22.0, 0.5, 9);
        p.onProgress(fast);
        p.onProgress(slow);
        int gap = p.barLine(fast).length() - p.barLine(slow).length();
        assertTrue(gap > 0);
        assertEquals("\r" + p.barLine(fast) + "\r" + p.barLine(slow) + " ".repeat(gap) + "\b".repeat(gap), sink.toString());
    }

    @Test
    void etaIsUnknownWithoutARateAndShowsHoursWhenLong() {
        assertEquals("-", ProgressReporter.eta(new Progress(0, 100, 0, Double.NaN, 1, 0)));
        assertEquals("1:00:00", ProgressReporter.eta(new Progress(0, 3600, 0, Double.NaN, 1, 1)));
        assertEquals("0:00", ProgressReporter.eta(new Progress(100, 100, 0, Double.NaN, 1, 50)));
    }
}
