package dev.rlcode.agents.report;

import dev.rlcode.agents.run.RunDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunReportTest {

    @TempDir
    Path tmp;

    private static Map<String, Object> figures(double success, double llm) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success_rate", success);
        m.put("success_ci95_low", success - 0.05);
        m.put("success_ci95_high", Math.min(1, success + 0.04));
        m.put("episodes", 300);
        m.put("mean_llm_calls", llm);
        m.put("llm_calls_per_success", llm / success);
        return m;
    }

    private static void writeMetrics(RunDir run, int episodes, double slope) throws IOException {
        try (RunDir.MetricsWriter w = run.metrics()) {
            for (int i = 1; i <= episodes; i++) {
                w.write(Map.of("type", "episode", "step", i * 5, "return", -1 + slope * i));
                if (i % 50 == 0) w.write(Map.of("type", "eval", "step", i * 5, "eval_mean_return", slope * i));
            }
        }
    }

    @Test
    void writesHtmlAndReadablePngChartsForAnExecutiveRun() throws IOException {
        RunDir run = RunDir.create(tmp.resolve("exec"));
        run.writeJson("config.json", Map.of("seed", 7, "envId", "Executive-v0"));
        Map<String, Object> summary = figures(0.97, 2.1);
        summary.put("seed", 7);
        summary.put("baselines", Map.of("random", figures(0.06, 3.5), "script", figures(0.9, 2.6),
                "oracle", figures(0.99, 1.9)));
        summary.put("template_counts_by_tier", Map.of("EASY", Map.of("generate-test-stop", 60, "other", 2),
                "HARD", Map.of("generate-test-stop", 20, "other", 9)));
        run.writeJson("summary.json", summary);
        writeMetrics(run, 200, 0.01);

        Path html = RunReport.write(run.dir());

        String text = Files.readString(html);
        assertTrue(text.contains("<td>script</td>"), text);
        assertTrue(text.contains("<td>oracle</td>"));
        assertTrue(text.contains("Executive-v0"), "config section");
        for (String png : List.of("learning_curve.png", "success_vs_llm_calls.png", "templates_by_tier.png")) {
            assertTrue(text.contains("src=\"" + png + "\""), png + " linked");
            BufferedImage image = ImageIO.read(run.dir().resolve(png).toFile());
            assertNotNull(image, png + " is a PNG");
            assertEquals(820, image.getWidth());
        }
        assertFalse(Files.exists(run.dir().resolve("report.html.tmp")));
    }

    @Test
    void aPlainDqnRunGetsOnlyItsLearningCurve() throws IOException {
        RunDir run = RunDir.create(tmp.resolve("cartpole"));
        run.writeJson("summary.json", Map.of("eval_mean_return", 500.0, "env", "CartPole-v1"));
        writeMetrics(run, 100, 5);
        String text = Files.readString(RunReport.write(run.dir()));
        assertTrue(text.contains("learning_curve.png"));
        assertFalse(text.contains("success_vs_llm_calls.png"));
        assertTrue(text.contains("CartPole-v1"));
    }

    @Test
    void ablationFolderGetsTableBarsAndMeanCurves() throws IOException {
        Path dir = tmp.resolve("ablation");
        Files.createDirectories(dir);
        List<Object> variants = new ArrayList<>();
        for (String v : List.of("dqn", "double+dueling-nomask")) {
            List<Object> runs = new ArrayList<>();
            for (int seed = 1; seed <= 2; seed++) {
                RunDir r = RunDir.create(dir.resolve(v + "-seed" + seed));
                writeMetrics(r, 100, 0.01 * seed);
                Map<String, Object> m = figures(0.8 + 0.05 * seed, 2.0);
                m.put("seed", seed);
                m.put("run_dir", v + "-seed" + seed);
                m.put("mean_illegal_actions", 0.5);
                runs.add(m);
            }
            variants.add(Map.of("variant", v, "runs", runs));
        }
        RunDir.JSON.writeValue(dir.resolve(RunReport.ABLATION).toFile(),
                Map.of("description", "a <test> ablation", "variants", variants));
        String text = Files.readString(RunReport.write(dir));
        assertTrue(text.contains("<td>double+dueling-nomask</td>"));
        assertTrue(text.contains("a &lt;test&gt; ablation"), "escaped");
        assertTrue(text.contains("<td>0.875</td>"), "mean of 0.85 and 0.90: " + text);
        assertNotNull(ImageIO.read(dir.resolve("ablation_success.png").toFile()));
        assertNotNull(ImageIO.read(dir.resolve("ablation_curves.png").toFile()));
    }

    @Test
    void aFolderWithoutResultsIsAClearError() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunReport.write(empty));
        assertTrue(e.getMessage().contains("summary.json"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunReport.write(tmp.resolve("missing")));
    }

    @Test
    void aCorruptSummaryNamesTheFileAndLeavesItAlone() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("corrupt"));
        Files.writeString(dir.resolve("summary.json"), "{\"success_rate\": 0.9,");
        IOException e = assertThrows(IOException.class, () -> RunReport.write(dir));
        assertTrue(e.getMessage().contains("summary.json"), e.getMessage());
        assertEquals("{\"success_rate\": 0.9,", Files.readString(dir.resolve("summary.json")));
        assertFalse(Files.exists(dir.resolve(RunReport.HTML)));
    }

    @Test
    void rollingMeanUsesATrailingWindow() {
        double[][] r = RunReport.rolling(List.of(new double[] {1, 2}, new double[] {2, 4}, new double[] {3, 6},
                new double[] {4, 8}), 2);
        assertArrayEquals(new double[] {1, 2, 3, 4}, r[0]);
        assertArrayEquals(new double[] {2, 3, 5, 7}, r[1], 1e-12);
    }

    /** Figures keep three decimals; small settings keep three significant digits instead of rounding to 0. */
    @Test
    void numbersKeepTheirSignificantDigits() {
        assertEquals("0.887", RunReport.fmt(0.88666));
        assertEquals("0.000630", RunReport.fmt(6.3e-4));
        assertEquals("1.00e-06", RunReport.fmt(1e-6));
        assertEquals("-0.00500", RunReport.fmt(-0.005));
        assertEquals("4000.0", RunReport.fmt(4000.0));
        assertEquals("0.0", RunReport.fmt(0.0));
    }
}
