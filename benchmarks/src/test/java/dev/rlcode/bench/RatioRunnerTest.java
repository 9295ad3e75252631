package dev.rlcode.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test: the runner produces its table with the expected rows and positive numbers (no timing checks). */
class RatioRunnerTest {

    private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    @Test
    void quickRunPrintsOneRowPerCaseWithPositiveFigures(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("table.md");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String doc = RatioRunner.run(new String[] {"--quick", "--rounds", "2", "--out", out.toString(),
                "--filter", "^gemm 64x4x64$|^mlp 4-64-64-2 b64$"}, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertTrue(doc.contains("Vector API preferred species"), doc);
        assertTrue(doc.contains("| case | what | unit | SimdKernels"), doc);
        assertTrue(doc.contains("each case in a fresh JVM"), doc);
        List<String> rows = doc.lines().filter(l -> l.startsWith("| gemm") || l.startsWith("| mlp")).toList();
        assertEquals(2, rows.size(), doc);
        assertRow(rows.get(0), "gemm 64x4x64", "GFLOP/s");
        assertRow(rows.get(1), "mlp 4-64-64-2 b64", "GFLOP/s");
        assertEquals(doc, Files.readString(out));
    }

    /** Case id, unit, and six positive figures: three implementations, two ratios, % of peak. */
    private static void assertRow(String row, String id, String unit) {
        String[] cells = row.split("\\|");
        // cells[0] is empty (leading '|'): id, what, unit, simd, scalar, ejml, simd/scalar, simd/ejml, % of peak
        assertEquals(10, cells.length, row);
        assertEquals(id, cells[1].trim(), row);
        assertEquals(unit, cells[3].trim(), row);
        for (int c = 4; c <= 9; c++) {
            Matcher m = NUMBER.matcher(cells[c]);
            assertTrue(m.find(), "cell " + c + " of: " + row);
            assertTrue(Double.parseDouble(m.group()) > 0, "cell " + c + " of: " + row);
        }
    }

    @Test
    void quickRunInThisJvmGivesTheSameRows() throws Exception {
        String doc = RatioRunner.run(new String[] {"--quick", "--no-fork", "--rounds", "2", "--filter", "^gemm 1x4x64$"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(doc.contains("all cases in one JVM"), doc);
        List<String> rows = doc.lines().filter(l -> l.startsWith("| gemm")).toList();
        assertEquals(1, rows.size(), doc);
        assertRow(rows.get(0), "gemm 1x4x64", "GFLOP/s");
    }

    @Test
    void quickTrainingRunReportsBothRates() throws Exception {
        String doc = RatioRunner.run(new String[] {"--quick", "--filter", "^train RL4J$"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        List<String> rows = doc.lines().filter(l -> l.startsWith("| train")).toList();
        assertEquals(2, rows.size(), doc);
        assertTrue(rows.get(0).startsWith("| train RL4J |"), doc);
        assertTrue(rows.get(1).startsWith("| train RL4J (training phase) |"), doc);
        for (String row : rows) {
            String[] cells = row.split("\\|");
            assertEquals("env steps/s", cells[3].trim(), row);
            for (int c : new int[] {4, 5, 7}) {
                Matcher m = NUMBER.matcher(cells[c]);
                assertTrue(m.find() && Double.parseDouble(m.group()) > 0, "cell " + c + " of: " + row);
            }
            assertEquals("—", cells[6].trim(), "no EJML trainer: " + row);
            assertEquals("—", cells[9].trim(), "no FLOP count for training: " + row);
        }
    }

    @Test
    void badOptionsAreRejectedWithTheirName() {
        var e = assertThrows(IllegalArgumentException.class, () -> RatioRunner.Options.parse(new String[] {"--fast"}));
        assertTrue(e.getMessage().contains("--fast"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RatioRunner.Options.parse(new String[] {"--rounds", "0"}));
        assertTrue(e.getMessage().contains("--rounds"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RatioRunner.Options.parse(new String[] {"--out"}));
        assertTrue(e.getMessage().contains("--out"), e.getMessage());
        // an --out that cannot be written is refused before any measurement, not after the whole run
        e = assertThrows(IllegalArgumentException.class,
                () -> RatioRunner.Options.parse(new String[] {"--out", "/nonexistent-rlcode-dir/x.md"}));
        assertTrue(e.getMessage().contains("--out /nonexistent-rlcode-dir/x.md"), e.getMessage());
    }

    @Test
    void defaultsDependOnQuick() {
        RatioRunner.Options full = RatioRunner.Options.parse(new String[0]);
        RatioRunner.Options quick = RatioRunner.Options.parse(new String[] {"--quick"});
        assertEquals(7, full.rounds());
        assertEquals(3, full.trainRounds());
        assertEquals(3, quick.rounds());
        assertEquals(1, quick.trainRounds());
        assertTrue(full.fork());
        assertFalse(RatioRunner.Options.parse(new String[] {"--no-fork"}).fork());
        assertFalse(RatioRunner.Options.parse(new String[] {"--child"}).fork(), "a child never forks");
        assertTrue(quick.wants("gemm 64x64x64"));
        assertFalse(RatioRunner.Options.parse(new String[] {"--filter", "^mlp"}).wants("gemm 64x64x64"));
    }
}
