package dev.rlcode.examples.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Plain-text tables in Markdown layout (CleanRL logs its hyperparameters as one), and value formatting. */
final class Tables {

    private Tables() {}

    /** {@return rows under headers, columns padded to their widest cell, one line each, ending with a newline} */
    static String table(List<String[]> rows, String... headers) {
        int[] width = new int[headers.length];
        for (int c = 0; c < headers.length; c++) width[c] = headers[c].length();
        for (String[] r : rows) for (int c = 0; c < r.length; c++) width[c] = Math.max(width[c], r[c].length());
        StringBuilder sb = new StringBuilder();
        line(sb, headers, width);
        String[] rule = new String[headers.length];
        for (int c = 0; c < rule.length; c++) rule[c] = "-".repeat(width[c]);
        line(sb, rule, width);
        for (String[] r : rows) line(sb, r, width);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width) {
        sb.append('|');
        for (int c = 0; c < width.length; c++) {
            String v = c < cells.length ? cells[c] : "";
            sb.append(' ').append(v).append(" ".repeat(width[c] - v.length())).append(" |");
        }
        sb.append('\n');
    }

    /**
     * {@return the trained policy against each baseline on the same episodes (summary.json's {@code paired} blocks),
     * a row per baseline, with {@code level} as a first column when not null; no rows for a summary written before
     * the paired figures existed}
     */
    @SuppressWarnings("unchecked")
    static List<String[]> pairedRows(String level, Map<String, Object> summary) {
        List<String[]> rows = new ArrayList<>();
        if (!(summary.get("baselines") instanceof Map<?, ?> baselines)) return rows;
        ((Map<String, Object>) baselines).forEach((name, v) -> {
            if (v instanceof Map<?, ?> b && b.get("paired") instanceof Map<?, ?> p) {
                List<String> r = new ArrayList<>();
                if (level != null) r.add(level);
                r.add(name);
                for (String k : List.of("both_succeeded", "only_agent", "only_baseline", "neither")) {
                    r.add(String.valueOf(p.get(k)));
                }
                r.add(p.get("mcnemar_p") instanceof Number n ? String.format(Locale.ROOT, "%.3g", n.doubleValue())
                        : "-");
                for (String k : List.of("agent_llm_calls_on_both", "baseline_llm_calls_on_both")) {
                    r.add(p.get(k) instanceof Number n ? String.format(Locale.ROOT, "%.2f", n.doubleValue()) : "-");
                }
                rows.add(r.toArray(String[]::new));
            }
        });
        return rows;
    }

    /** Headers of {@link #pairedRows}, after the level column when there is one. */
    private static final String[] PAIRED_HEADERS = {"baseline", "both solved", "only dqn", "only baseline", "neither",
        "McNemar p", "dqn calls, both solved", "baseline calls, both solved"};

    /** {@return {@link #pairedRows} of one summary under a line saying what they are; empty if it has none} */
    static String pairedTable(Map<String, Object> summary) {
        return pairedTable("dqn against each baseline, episode by episode (same episodes; McNemar's exact test on the "
                + "episodes only one solved; mean LLM calls on the episodes both solved):", pairedRows(null, summary),
                false);
    }

    /** {@return rows of {@link #pairedRows} (with their level column when {@code byLevel}) under a caption; empty
     * without rows} */
    static String pairedTable(String caption, List<String[]> rows, boolean byLevel) {
        if (rows.isEmpty()) return "";
        String[] headers = PAIRED_HEADERS;
        if (byLevel) {
            headers = new String[PAIRED_HEADERS.length + 1];
            headers[0] = "level";
            System.arraycopy(PAIRED_HEADERS, 0, headers, 1, PAIRED_HEADERS.length);
        }
        return caption + "\n" + table(rows, headers);
    }

    /** {@return a two-column table of a map's entries} */
    static String keyValues(Map<String, ?> map, String keyHeader, String valueHeader) {
        List<String[]> rows = new ArrayList<>();
        map.forEach((k, v) -> rows.add(new String[] {k, format(v)}));
        return table(rows, keyHeader, valueHeader);
    }

    /** {@return "±", or "+/-" when stdout's encoding cannot show it} */
    static String plusMinus() {
        return System.getProperty("stdout.encoding", "").equalsIgnoreCase("UTF-8") ? "±" : "+/-";
    }

    /** {@return a value as a person reads it: lists as [a, b], doubles with up to 6 significant digits} */
    static String format(Object v) {
        if (v == null) return "-";
        if (v instanceof int[] a) return Arrays.toString(a);
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) return Double.toString(d);
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.format(Locale.ROOT, "%.1f", d);
            String s = String.format(Locale.ROOT, "%.6g", d);
            if (s.contains("e")) return s.replaceFirst("\\.?0+e", "e");
            return s.contains(".") ? s.replaceFirst("0+$", "").replaceFirst("\\.$", "") : s;
        }
        return String.valueOf(v);
    }
}
