package dev.rlcode.bench;

import dev.rlcode.bench.Interleaved.Stats;
import java.util.ArrayList;
import java.util.List;

/** The rows of {@link RatioRunner}'s table, their markdown rendering, and a line format to pass them between JVMs. */
final class RatioTable {

    /** One table row; {@code ejml} and {@code vsEjml} are null where EJML has no counterpart. */
    record Row(String id, String what, String unit, Stats simd, Stats scalar, Stats ejml, Stats vsScalar,
               Stats vsEjml) {}

    private static final String PREFIX = "ROW\t";

    private RatioTable() {}

    /** {@return the markdown table; "% of peak" is taken against {@code peakGflops}} */
    static String markdown(List<Row> rows, String simdName, String ejmlVersion, double peakGflops) {
        StringBuilder t = new StringBuilder();
        t.append("| case | what | unit | SimdKernels (").append(simdName).append(") | ScalarKernels | EJML ")
                .append(ejmlVersion).append(" | simd/scalar | simd/EJML | simd % of FMA peak |\n");
        t.append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            t.append("| ").append(r.id()).append(" | ").append(r.what()).append(" | ").append(r.unit()).append(" | ")
                    .append(cell(r.simd())).append(" | ").append(cell(r.scalar())).append(" | ")
                    .append(r.ejml() == null ? "—" : cell(r.ejml())).append(" | ").append(ratio(r.vsScalar()))
                    .append(" | ").append(r.vsEjml() == null ? "—" : ratio(r.vsEjml())).append(" | ")
                    .append(r.unit().equals("GFLOP/s") ? percent(r.simd().median() / peakGflops) : "—")
                    .append(" |\n");
        }
        return t.toString();
    }

    /** {@return {@code row} as one tab-separated line starting with "ROW"} */
    static String encode(Row row) {
        return PREFIX + String.join("\t", row.id(), row.what(), row.unit(), encode(row.simd()), encode(row.scalar()),
                encode(row.ejml()), encode(row.vsScalar()), encode(row.vsEjml()));
    }

    /** {@return the rows encoded in {@code lines} (other lines are ignored)} */
    static List<Row> decode(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith(PREFIX)) continue;
            String[] f = line.substring(PREFIX.length()).split("\t", -1);
            if (f.length != 8) throw new IllegalArgumentException("row line: expected 8 fields, actual " + f.length);
            rows.add(new Row(f[0], f[1], f[2], stats(f[3]), stats(f[4]), stats(f[5]), stats(f[6]), stats(f[7])));
        }
        return rows;
    }

    private static String encode(Stats s) {
        return s == null ? "-" : s.median() + "," + s.min() + "," + s.max() + "," + s.count();
    }

    private static Stats stats(String s) {
        if (s.equals("-")) return null;
        String[] p = s.split(",");
        return new Stats(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                Integer.parseInt(p[3]));
    }

    private static String cell(Stats s) {
        return s.count() == 1 ? fmt(s.median()) : fmt(s.median()) + " [" + fmt(s.min()) + "–" + fmt(s.max()) + "]";
    }

    private static String percent(double fraction) {
        double p = 100 * fraction;
        return String.format(p >= 1 ? "%.0f%%" : "%.2g%%", p);
    }

    private static String ratio(Stats s) {
        String m = fmt(s.median()) + "×";
        return s.count() == 1 ? m : m + " [" + String.format("%.2f–%.2f", s.min(), s.max()) + "]";
    }

    /** {@return v with 3–4 significant digits, never in a way that hides a small positive value as 0} */
    static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return String.valueOf(v);
        double a = Math.abs(v);
        return String.format(a >= 1000 ? "%.0f" : a >= 10 ? "%.1f" : a >= 0.01 || a == 0 ? "%.2f" : "%.2g", v);
    }
}
