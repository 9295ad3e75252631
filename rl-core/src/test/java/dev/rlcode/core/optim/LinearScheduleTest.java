package dev.rlcode.core.optim;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class LinearScheduleTest {

    @Test
    void decreasingMatchesCleanRlFormula() {
        // CleanRL: slope = (end - start) / duration; max(slope * t + start, end)
        LinearSchedule s = new LinearSchedule(1.0, 0.05, 1000);
        for (long t : new long[] {0, 1, 250, 999, 1000, 5000}) {
            double cleanRl = Math.max((0.05 - 1.0) / 1000 * t + 1.0, 0.05);
            assertEquals(cleanRl, s.value(t), 1e-12, "t=" + t);
        }
    }

    @Test
    void increasingClampsAtEnd() {
        LinearSchedule beta = new LinearSchedule(0.4, 1.0, 100);
        assertEquals(0.4, beta.value(0), 0);
        assertEquals(0.7, beta.value(50), 1e-12);
        assertEquals(1.0, beta.value(100), 0);
        assertEquals(1.0, beta.value(10_000), 0);
    }

    @Test
    void fractionTruncatesToWholeSteps() {
        LinearSchedule s = LinearSchedule.ofFraction(1.0, 0.0, 0.5, 11);
        assertEquals(5, s.durationSteps());
        assertEquals(0.0, s.value(5), 0);
        assertEquals(0.8, s.value(1), 1e-12);
    }

    @Test
    void zeroDurationIsEndImmediately() {
        assertEquals(0.1, new LinearSchedule(1.0, 0.1, 0).value(0), 0);
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LinearSchedule(1, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new LinearSchedule(Double.NaN, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> LinearSchedule.ofFraction(1, 0, 1.5, 10));
        var e = assertThrows(IllegalArgumentException.class, () -> new LinearSchedule(1, 0, 10).value(-1));
        assertTrue(e.getMessage().contains("actual -1"), e.getMessage());
    }
}
