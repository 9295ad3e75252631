package dev.rlcode.agents.executive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.envs.code.ExecutiveConfig;
import dev.rlcode.envs.code.model.SyntheticModelConfig;
import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.sandbox.SandboxConfig;
import dev.rlcode.envs.code.task.BundledSuite;
import dev.rlcode.envs.code.task.CodeTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A short DQN Executive run at reduced budget, on a subset of the bundled tasks, with the real sandbox. */
@Tag("slow")
class ExecutiveTrainingTest {

    @Test
    @SuppressWarnings("unchecked")
    void shortTrainingBeatsTheRandomBaselineOnHeldOutTasks() throws Exception {
        try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults().withSlots(2).withCompileWorkers(1))) {
            ExecutiveSetup setup = everyFifthTask(sandbox);
            DqnConfig dqn = ConfigOverrides.apply(DqnConfig.executive(),
                    Map.of("seed", 1, "totalTimesteps", 1500, "learningStarts", 300));
            ExecutiveTraining.Result r = ExecutiveTraining.run(setup, ExecutiveConfig.defaults(), dqn,
                    CpuBackend.scalar(), 120, null, null);
            Map<String, Object> s = r.summary();
            Map<String, Object> random = (Map<String, Object>) ((Map<String, Object>) s.get("baselines")).get("random");
            System.out.println("executive training test summary: " + s);
            assertEquals(120, s.get("episodes"));
            assertEquals(120, random.get("episodes"));
            assertEquals("final", s.get("eval_policy"), "no periodic evaluation: the final parameters play");
            assertEquals("cpu-scalar", s.get("backend"), "the summary names the backend the network ran on");
            double dqnSuccess = (Double) s.get("success_rate");
            double randomSuccess = (Double) random.get("success_rate");
            assertTrue(dqnSuccess > randomSuccess, "DQN " + dqnSuccess + " vs random " + randomSuccess);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void threeEnvsSharingOneSandboxAlsoBeatTheRandomBaseline() throws Exception {
        try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults().withSlots(2).withCompileWorkers(1))) {
            ExecutiveSetup setup = everyFifthTask(sandbox);
            DqnConfig dqn = ConfigOverrides.apply(DqnConfig.executive(),
                    Map.of("seed", 1, "totalTimesteps", 1500, "learningStarts", 300, "numEnvs", 3));
            Map<String, Object> s = ExecutiveTraining.run(setup, ExecutiveConfig.defaults(), dqn, CpuBackend.scalar(),
                    120, null, null).summary();
            System.out.println("executive training test summary, 3 envs: " + s);
            assertEquals(1500L, ((Number) s.get("steps")).longValue());
            Map<String, Object> random = (Map<String, Object>) ((Map<String, Object>) s.get("baselines")).get("random");
            double dqnSuccess = (Double) s.get("success_rate");
            double randomSuccess = (Double) random.get("success_rate");
            assertTrue(dqnSuccess > randomSuccess, "DQN " + dqnSuccess + " vs random " + randomSuccess);
        }
    }

    /** Every fifth bundled task, the synthetic model with its default probabilities, split 70/30 by id. */
    private static ExecutiveSetup everyFifthTask(Sandbox sandbox) {
        List<CodeTask> all = BundledSuite.tasks();
        List<CodeTask> subset = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 5) {
            subset.add(all.get(i));
        }
        return ExecutiveSetup.synthetic(subset, BundledSuite.notes(), sandbox, SyntheticModelConfig.defaults(0), 10,
                null, false, 0.3, "executive", line -> { });
    }
}
