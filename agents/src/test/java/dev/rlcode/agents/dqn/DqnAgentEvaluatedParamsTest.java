package dev.rlcode.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.core.checkpoint.Checkpoint;
import dev.rlcode.core.checkpoint.CheckpointWriter;
import dev.rlcode.core.kernel.CpuBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DqnAgent#loadEvaluatedParams}: the parameters a run's summary evaluated, read back from its checkpoint. */
class DqnAgentEvaluatedParamsTest {

    @TempDir
    Path tmp;

    static final DqnConfig CFG = DqnTrainerTest.chain(Map.of());

    /** Writes a checkpoint with distinct "online" and "best" arrays (and meta eval_policy, unless null). */
    Checkpoint checkpoint(String name, String evalPolicy, float[] online, float[] best) throws IOException {
        CheckpointWriter w = new CheckpointWriter(100);
        if (evalPolicy != null) w.meta().put("eval_policy", evalPolicy);
        w.put("online", online);
        if (best != null) w.put("best", best);
        return Checkpoint.read(w.write(tmp.resolve(name)));
    }

    static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        a[0] = -v; // not a constant array, so a mix-up of positions would show too
        return a;
    }

    @Test
    void loadsTheBestNetworkOnlyWhenTheRunSelectedIt() throws IOException {
        try (var be = CpuBackend.scalar()) {
            DqnAgent agent = new DqnAgent(CFG, be, 8, 3);
            int n = agent.onlineParams().length;
            float[] online = filled(n, 0.25f), best = filled(n, -0.5f);

            assertEquals("best", agent.loadEvaluatedParams(checkpoint("best", "best", online, best)));
            assertArrayEquals(best, agent.onlineParams());
            assertEquals("final", agent.loadEvaluatedParams(checkpoint("final", "final", online, best)));
            assertArrayEquals(online, agent.onlineParams());
            // an unfinished run's checkpoint has no eval_policy: its current network
            assertEquals("final", agent.loadEvaluatedParams(checkpoint("unfinished", null, online, best)));
            assertArrayEquals(online, agent.onlineParams());

            var missing = assertThrows(IllegalArgumentException.class,
                    () -> agent.loadEvaluatedParams(checkpoint("no-best", "best", online, null)));
            assertTrue(missing.getMessage().contains("'best'") && missing.getMessage().contains("no-best"),
                    missing.getMessage());
            var misfit = assertThrows(IllegalArgumentException.class,
                    () -> agent.loadEvaluatedParams(checkpoint("misfit", "final", new float[n + 1], null)));
            assertTrue(misfit.getMessage().contains("does not fit"), misfit.getMessage());
        }
    }
}
