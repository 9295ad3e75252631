package dev.rlcode.agents.executive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.envs.code.CodeJudge;
import dev.rlcode.envs.code.ExecutiveConfig;
import dev.rlcode.envs.code.retrieval.NoteIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Executive training with several envs stepping at once ({@code numEnvs}), on a fake model and judge. */
class ExecutiveManyEnvsTest {

    @Test
    void theSameSeedTrainsTheSameNetworkHoweverTheEnvThreadsInterleave() throws Exception {
        // a judge that takes a different, varying time per call, so the envs' threads finish in changing orders
        CodeJudge jittery = (task, code, hidden) -> {
            try {
                Thread.sleep((System.nanoTime() & 3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ExecutiveCandidatesTest.JUDGE.judge(task, code, hidden);
        };
        ExecutiveSetup base = ExecutiveCandidatesTest.setup();
        ExecutiveSetup setup = new ExecutiveSetup(base.train(), base.test(), List.of(),
                ExecutiveCandidatesTest.CoinModel::new, jittery, NoteIndex.of(List.of()));
        DqnConfig dqn = ConfigOverrides.apply(ExecutiveCandidatesTest.dqn(), Map.of("numEnvs", 4));
        ExecutiveConfig env = ExecutiveConfig.defaults();
        List<ExecutiveTraining.Result> runs = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            runs.add(ExecutiveTraining.run(setup, env, dqn, CpuBackend.scalar(), 30, null, null));
        }
        assertArrayEquals(runs.get(0).trainer().agent().onlineParams(), runs.get(1).trainer().agent().onlineParams());
        assertEquals(withoutClock(runs.get(0).summary()), withoutClock(runs.get(1).summary()));
        assertEquals(300L, ((Number) runs.get(0).summary().get("steps")).longValue());
    }

    private static Map<String, Object> withoutClock(Map<String, Object> summary) {
        Map<String, Object> m = new LinkedHashMap<>(summary);
        m.remove("wall_seconds");
        m.remove("env_steps_per_second");
        return m;
    }
}
