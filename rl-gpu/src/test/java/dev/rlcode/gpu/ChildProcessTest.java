package dev.rlcode.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ChildProcess}: output and exit code come back, and a child past its limit fails the test. */
class ChildProcessTest {

    @Test
    void returnsOutputAndExitCode() throws Exception {
        ChildProcess.Result r = ChildProcess.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"),
                Map.of(), Duration.ofMinutes(1));
        assertEquals(3, r.exit());
        assertTrue(r.output().contains("out") && r.output().contains("err"), r.output());
    }

    @Test
    void aChildThatHangsWithItsOutputOpenFailsAtTheLimit() {
        AssertionError e = assertThrows(AssertionError.class, () -> ChildProcess.run(
                List.of("sh", "-c", "echo started; exec sleep 600"), Map.of(), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("did not end within PT1S") && e.getMessage().contains("started"),
                e.getMessage());
    }
}
