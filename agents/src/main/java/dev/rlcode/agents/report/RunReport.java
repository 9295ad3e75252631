package dev.rlcode.agents.report;

import dev.rlcode.agents.run.RunDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code report.html} and its PNG charts (XChart) into a run folder, from what the run already saved:
 * {@code config.json}, {@code metrics.jsonl}, {@code summary.json} and, when present, {@code ablation.json}.
 * Nothing is recomputed, so a report can be rebuilt at any time ({@code rlcode report --run DIR}) and never touches
 * the run's data.
 *
 * <p>Sections, each present only when its data is:
 * <ul>
 *   <li>headline figures and the config;</li>
 *   <li>{@code learning_curve.png}: training episode return (rolling mean) and periodic evaluation against env steps;</li>
 *   <li>policy comparison (the agent and {@code summary.baselines}) and {@code success_vs_llm_calls.png};</li>
 *   <li>{@code templates_by_tier.png}: the agent's Executive action templates per task tier;</li>
 *   <li>the ablation table and {@code ablation_success.png} / {@code ablation_curves.png} (an ablation folder).</li>
 * </ul>
 *
 * {@snippet :
 * Path html = RunReport.write(Path.of("runs/executive-1"));
 * }
 */
public final class RunReport {

    /** File name of the report in the run folder. */
    public static final String HTML = "report.html";
    /** File name of an ablation's results in its folder. */
    public static final String ABLATION = "ablation.json";
    private static final int WIDTH = 820, HEIGHT = 460;

    private RunReport() {
    }

    /**
     * Builds the report of a run folder.
     *
     * @param runDir a run folder with at least a {@code summary.json} or an {@code ablation.json}
     * @return the path of report.html
     * @throws IllegalArgumentException if the folder has neither file
     * @throws IOException              if a file cannot be read (its name is in the message) or written
     */
    public static Path write(Path runDir) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        if (!Files.isDirectory(runDir)) {
            throw new IllegalArgumentException("run: expected a run folder, actual " + runDir + " (not a directory)");
        }
        boolean hasSummary = Files.isRegularFile(runDir.resolve("summary.json"));
        boolean hasAblation = Files.isRegularFile(runDir.resolve(ABLATION));
        if (!hasSummary && !hasAblation) {
            throw new IllegalArgumentException("run: expected summary.json or " + ABLATION + " in " + runDir
                    + ", actual neither (has the run finished?)");
        }
        Html html = new Html(title(runDir, hasAblation));
        if (hasSummary) {
            Map<String, Object> summary = read(runDir.resolve("summary.json"));
            headline(html, summary);
            learningCurve(html, runDir);
            policies(html, runDir, summary);
            templatesByTier(html, runDir, summary);
        }
        if (hasAblation) {
            ablation(html, runDir, read(runDir.resolve(ABLATION)));
        }
        if (Files.isRegularFile(runDir.resolve("config.json"))) {
            html.h2("Config");
            html.keyValues(read(runDir.resolve("config.json")));
        }
        Path out = runDir.resolve(HTML);
        Path tmp = runDir.resolve(HTML + ".tmp");
        Files.writeString(tmp, html.finish(), StandardCharsets.UTF_8);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return out;
    }

    private static String title(Path runDir, boolean ablation) {
        Path name = runDir.toAbsolutePath().normalize().getFileName();
        return (ablation ? "rlcode ablation: " : "rlcode run: ") + (name == null ? runDir : name);
    }

    private static Map<String, Object> read(Path file) throws IOException {
        return RunDir.readJsonObject(file);
    }

    /** {@return the rows of a metrics.jsonl file, or none if it does not exist}; a bad line is named */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> metrics(Path file) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) return rows;
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) continue;
            Map<String, Object> row;
            try {
                row = RunDir.JSON.readValue(line, Map.class);
            } catch (IOException e) {
                throw new IOException(file + ":" + n + ": not a JSON object (" + e.getMessage() + ")", e);
            }
            if (row == null) throw new IOException(file + ":" + n + ": not a JSON object (null)");
            rows.add(row);
        }
        return rows;
    }

    private static void headline(Html html, Map<String, Object> summary) {
        html.h2("Summary");
        Map<String, Object> flat = new LinkedHashMap<>();
        summary.forEach((k, v) -> {
            if (!(v instanceof Map<?, ?>) && !(v instanceof List<?>)) flat.put(k, v);
        });
        html.keyValues(flat);
    }

    private static void learningCurve(Html html, Path dir) throws IOException {
        List<Map<String, Object>> rows = metrics(dir.resolve("metrics.jsonl"));
        List<double[]> episodes = new ArrayList<>(), evals = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            if ("episode".equals(r.get("type")) && r.get("step") instanceof Number s && r.get("return") instanceof Number v) {
                episodes.add(new double[] {s.doubleValue(), v.doubleValue()});
            } else if ("eval".equals(r.get("type")) && r.get("step") instanceof Number s
                    && r.get("eval_mean_return") instanceof Number v) {
                evals.add(new double[] {s.doubleValue(), v.doubleValue()});
            }
        }
        if (episodes.isEmpty()) return;
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Learning curve")
                .xAxisTitle("env steps").yAxisTitle("episode return").build();
        int window = Math.max(1, Math.min(100, episodes.size() / 20));
        double[][] smooth = rolling(episodes, window);
        XYSeries s = chart.addSeries("training return (rolling mean of " + window + ")", smooth[0], smooth[1]);
        s.setMarker(SeriesMarkers.NONE);
        if (!evals.isEmpty()) {
            XYSeries e = chart.addSeries("periodic evaluation", column(evals, 0), column(evals, 1));
            e.setMarker(SeriesMarkers.CIRCLE);
        }
        html.h2("Learning curve");
        html.image(save(chart, dir, "learning_curve"), "learning curve");
    }

    /** {@return {x, rolling mean of y}} over a trailing window */
    static double[][] rolling(List<double[]> points, int window) {
        int n = points.size();
        double[] x = new double[n], y = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += points.get(i)[1];
            if (i >= window) sum -= points.get(i - window)[1];
            x[i] = points.get(i)[0];
            y[i] = sum / Math.min(i + 1, window);
        }
        return new double[][] {x, y};
    }

    private static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }

    @SuppressWarnings("unchecked")
    private static void policies(Html html, Path dir, Map<String, Object> summary) throws IOException {
        if (!(summary.get("baselines") instanceof Map<?, ?> baselines) || !summary.containsKey("success_rate")) return;
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        all.put("agent", summary);
        baselines.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) all.put(String.valueOf(k), (Map<String, Object>) m);
        });
        html.h2("Held-out evaluation: agent and baselines on the same episodes");
        List<String> cols = List.of("success_rate", "success_ci95_low", "success_ci95_high", "episodes", "mean_steps",
                "mean_llm_calls", "llm_calls_per_success", "mean_test_runs", "template_share");
        List<List<Object>> table = new ArrayList<>();
        all.forEach((name, m) -> {
            List<Object> row = new ArrayList<>();
            row.add(name);
            cols.forEach(c -> row.add(m.get(c)));
            table.add(row);
        });
        List<String> header = new ArrayList<>();
        header.add("policy");
        header.addAll(cols);
        html.table(header, table);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Success rate against LLM calls")
                .xAxisTitle("mean LLM calls per episode").yAxisTitle("success rate (held-out)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(12);
        all.forEach((name, m) -> {
            if (m.get("mean_llm_calls") instanceof Number x && m.get("success_rate") instanceof Number y) {
                double lo = m.get("success_ci95_low") instanceof Number l ? l.doubleValue() : y.doubleValue();
                double hi = m.get("success_ci95_high") instanceof Number h ? h.doubleValue() : y.doubleValue();
                // XChart draws symmetric bars: the larger half of the Wilson interval (conservative).
                double bar = Math.max(y.doubleValue() - lo, hi - y.doubleValue());
                chart.addSeries(name, new double[] {x.doubleValue()}, new double[] {y.doubleValue()},
                        new double[] {bar});
            }
        });
        html.image(save(chart, dir, "success_vs_llm_calls"), "success against LLM calls");
        html.paragraph("Error bars: the larger half of each Wilson 95% interval (the table has both ends).");
    }

    @SuppressWarnings("unchecked")
    private static void templatesByTier(Html html, Path dir, Map<String, Object> summary) throws IOException {
        if (!(summary.get("template_counts_by_tier") instanceof Map<?, ?> byTier) || byTier.isEmpty()) return;
        List<String> tiers = new ArrayList<>();
        Map<String, List<Number>> series = new LinkedHashMap<>();
        byTier.forEach((tier, counts) -> {
            tiers.add(String.valueOf(tier));
            ((Map<String, Object>) counts).forEach((template, n) ->
                    series.computeIfAbsent(template, k -> new ArrayList<>()));
        });
        byTier.forEach((tier, counts) -> series.forEach((template, values) -> {
            Object n = ((Map<String, Object>) counts).get(template);
            values.add(n instanceof Number v ? v : 0);
        }));
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Action templates of the agent by task tier").xAxisTitle("tier").yAxisTitle("episodes").build();
        chart.getStyler().setStacked(true);
        series.forEach((template, values) -> chart.addSeries(template, tiers, values));
        html.h2("Templates by tier");
        html.image(save(chart, dir, "templates_by_tier"), "templates by tier");
        List<List<Object>> table = new ArrayList<>();
        series.forEach((template, values) -> {
            List<Object> row = new ArrayList<>();
            row.add(template);
            row.addAll(values);
            table.add(row);
        });
        List<String> header = new ArrayList<>();
        header.add("template");
        header.addAll(tiers);
        html.table(header, table);
    }

    @SuppressWarnings("unchecked")
    private static void ablation(Html html, Path dir, Map<String, Object> ablation) throws IOException {
        if (!(ablation.get("variants") instanceof List<?> variants)) {
            throw new IOException(dir.resolve(ABLATION) + ": expected a \"variants\" list");
        }
        html.h2("Ablation");
        if (ablation.get("description") != null) html.paragraph(String.valueOf(ablation.get("description")));
        List<String> header = List.of("variant", "seeds", "success (mean)", "success per seed", "min", "max",
                "LLM calls / solved (mean)", "illegal actions / episode (mean)");
        List<List<Object>> table = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Number> means = new ArrayList<>(), errors = new ArrayList<>();
        XYChart curves = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Training return by variant (mean over seeds, rolling)").xAxisTitle("env steps")
                .yAxisTitle("episode return").build();
        for (Object o : variants) {
            Map<String, Object> v = (Map<String, Object>) o;
            String name = String.valueOf(v.get("variant"));
            List<Number> rates = new ArrayList<>();
            List<Number> perSolved = new ArrayList<>(), illegal = new ArrayList<>();
            for (Object r : (List<Object>) v.getOrDefault("runs", List.of())) {
                Map<String, Object> run = (Map<String, Object>) r;
                if (run.get("success_rate") instanceof Number n) rates.add(n);
                if (run.get("llm_calls_per_success") instanceof Number n) perSolved.add(n);
                if (run.get("mean_illegal_actions") instanceof Number n) illegal.add(n);
            }
            double mean = mean(rates);
            table.add(List.of(name, rates.size(), mean, rates.stream().map(RunReport::fmt).toList().toString(),
                    rates.stream().mapToDouble(Number::doubleValue).min().orElse(Double.NaN),
                    rates.stream().mapToDouble(Number::doubleValue).max().orElse(Double.NaN), mean(perSolved),
                    mean(illegal)));
            names.add(name);
            means.add(mean);
            errors.add(std(rates));
            addMeanCurve(curves, name, dir, (List<Object>) v.getOrDefault("runs", List.of()));
        }
        html.table(header, table);
        CategoryChart bars = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Held-out success by variant (mean ± std over seeds)").xAxisTitle("variant")
                .yAxisTitle("success rate").build();
        bars.getStyler().setXAxisLabelRotation(30);
        bars.addSeries("success", names, means, errors);
        html.image(save(bars, dir, "ablation_success"), "ablation success");
        if (!curves.getSeriesMap().isEmpty()) {
            html.image(save(curves, dir, "ablation_curves"), "ablation learning curves");
        }
    }

    /** Adds the mean over a variant's runs of their rolling training return, on the steps of the shortest run. */
    @SuppressWarnings("unchecked")
    private static void addMeanCurve(XYChart chart, String name, Path dir, List<Object> runs) throws IOException {
        List<double[][]> curves = new ArrayList<>();
        for (Object r : runs) {
            Object folder = ((Map<String, Object>) r).get("run_dir");
            if (folder == null) continue;
            Path p = dir.resolve(folder.toString());
            if (!Files.isRegularFile(p.resolve("metrics.jsonl"))) continue;
            List<double[]> pts = new ArrayList<>();
            for (Map<String, Object> row : metrics(p.resolve("metrics.jsonl"))) {
                if ("episode".equals(row.get("type")) && row.get("step") instanceof Number s
                        && row.get("return") instanceof Number v) {
                    pts.add(new double[] {s.doubleValue(), v.doubleValue()});
                }
            }
            if (!pts.isEmpty()) curves.add(rolling(pts, Math.max(1, Math.min(100, pts.size() / 20))));
        }
        if (curves.isEmpty()) return;
        // Resample every run on a common grid of 50 step values up to the shortest run's last step.
        double end = curves.stream().mapToDouble(c -> c[0][c[0].length - 1]).min().orElse(0);
        if (end <= 0) return;
        int n = 50;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = end * (i + 1) / n;
            double sum = 0;
            for (double[][] c : curves) sum += valueAt(c, x[i]);
            y[i] = sum / curves.size();
        }
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }

    private static double valueAt(double[][] curve, double step) {
        double v = curve[1][0];
        for (int i = 0; i < curve[0].length && curve[0][i] <= step; i++) v = curve[1][i];
        return v;
    }

    private static double mean(List<Number> xs) {
        return xs.stream().mapToDouble(Number::doubleValue).average().orElse(Double.NaN);
    }

    private static double std(List<Number> xs) {
        if (xs.size() < 2) return 0;
        double m = mean(xs);
        double ss = xs.stream().mapToDouble(x -> (x.doubleValue() - m) * (x.doubleValue() - m)).sum();
        return Math.sqrt(ss / (xs.size() - 1));
    }

    private static String save(Chart<?, ?> chart, Path dir, String name) throws IOException {
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        Path png = dir.resolve(name + ".png");
        Path tmp = dir.resolve(name + ".png.tmp");
        Files.write(tmp, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return png.getFileName().toString();
    }

    static String fmt(Object v) {
        if (v instanceof Double d) {
            if (d.isNaN()) return "-";
            // small settings (a learning rate of 6.3e-4, a PER epsilon of 1e-6) keep three significant digits
            if (d != 0 && Math.abs(d) < 0.01) return String.format(Locale.ROOT, "%.3g", d);
            return Math.abs(d) >= 1000 || d == Math.rint(d) && Math.abs(d) < 1e6
                    ? String.format(Locale.ROOT, "%.1f", d) : String.format(Locale.ROOT, "%.3f", d);
        }
        if (v instanceof Float f) return fmt(f.doubleValue());
        return v == null ? "-" : String.valueOf(v);
    }

    /** A minimal HTML writer with escaping. */
    private static final class Html {
        private final StringBuilder sb = new StringBuilder();

        Html(String title) {
            sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                    .append("</title>\n<style>body{font-family:sans-serif;max-width:980px;margin:2em auto;}"
                            + "table{border-collapse:collapse;margin:1em 0;}td,th{border:1px solid #bbb;"
                            + "padding:3px 8px;text-align:right;}td:first-child,th:first-child{text-align:left;}"
                            + "img{max-width:100%;}</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n");
        }

        void h2(String s) {
            sb.append("<h2>").append(esc(s)).append("</h2>\n");
        }

        void paragraph(String s) {
            sb.append("<p>").append(esc(s)).append("</p>\n");
        }

        void image(String file, String alt) {
            sb.append("<p><img src=\"").append(esc(file)).append("\" alt=\"").append(esc(alt)).append("\"></p>\n");
        }

        void keyValues(Map<String, Object> m) {
            sb.append("<table>\n");
            m.forEach((k, v) -> sb.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(fmt(v)))
                    .append("</td></tr>\n"));
            sb.append("</table>\n");
        }

        void table(List<String> header, List<List<Object>> rows) {
            sb.append("<table>\n<tr>");
            header.forEach(h -> sb.append("<th>").append(esc(h)).append("</th>"));
            sb.append("</tr>\n");
            for (List<Object> row : rows) {
                sb.append("<tr>");
                row.forEach(c -> sb.append("<td>").append(esc(fmt(c))).append("</td>"));
                sb.append("</tr>\n");
            }
            sb.append("</table>\n");
        }

        String finish() {
            return sb.append("</body></html>\n").toString();
        }

        private static String esc(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
