package dev.rlcode.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.bench.Interleaved.Stats;
import dev.rlcode.bench.RatioTable.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatioTableTest {

    private static final Row GEMM = new Row("gemm 8x8x8", "square", "GFLOP/s", new Stats(40, 30, 50, 7),
            new Stats(4, 3, 5, 7), new Stats(5, 4.5, 6, 7), new Stats(10, 9, 11, 7), new Stats(8, 7, 9, 7));
    private static final Row TRAIN = new Row("train X", "training", "env steps/s", new Stats(12345.6, 12000, 13000, 3),
            new Stats(1234.5, 1200, 1300, 3), null, new Stats(10.0001, 9.5, 10.5, 3), null);

    @Test
    void rowsSurviveTheLineFormat() {
        List<String> lines = List.of("progress noise", RatioTable.encode(GEMM), RatioTable.encode(TRAIN));
        assertEquals(List.of(GEMM, TRAIN), RatioTable.decode(lines));
    }

    @Test
    void markdownHasOneLinePerRowAndDashesWhereNothingCompares() {
        String md = RatioTable.markdown(List.of(GEMM, TRAIN), "simd-256", "0.46.1", 100);
        List<String> lines = md.lines().toList();
        assertEquals(4, lines.size(), md);
        assertEquals("| gemm 8x8x8 | square | GFLOP/s | 40.0 [30.0–50.0] | 4.00 [3.00–5.00] | 5.00 [4.50–6.00] "
                + "| 10.0× [9.00–11.00] | 8.00× [7.00–9.00] | 40% |", lines.get(2));
        assertTrue(lines.get(3).endsWith("| 10.0× [9.50–10.50] | — | — |"), lines.get(3));
        assertTrue(lines.get(3).contains("| 12346 [12000–13000] | 1235 [1200–1300] | — |"), lines.get(3));
    }

    @Test
    void smallValuesKeepTheirDigits() {
        assertEquals("0.0012", RatioTable.fmt(0.00123));
        assertEquals("2.98", RatioTable.fmt(2.981));
        assertEquals("0.00", RatioTable.fmt(0));
    }
}
