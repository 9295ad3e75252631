package dev.rlcode.agents.hier;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnAgent;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.checkpoint.Checkpoint;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.envs.code.ExecutiveAction;
import dev.rlcode.envs.code.ExecutiveEnv;
import dev.rlcode.envs.code.OptionPolicy;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The trained Executive of a finished {@code rlcode train executive} run, loaded from its newest checkpoint and
 * frozen: its greedy masked policy as the {@link OptionPolicy} a {@link dev.rlcode.envs.code.HierarchicalEnv} runs.
 * The parameters are those the run's summary evaluated: the best periodic ones when the checkpoint says
 * {@code eval_policy = best}, else the final ones.
 *
 * {@snippet :
 * FrozenExecutive exec = FrozenExecutive.load(Path.of("runs/exec1"), backend);
 * HierarchicalEnv env = new HierarchicalEnv(config, composites, models, judge, notes, exec);
 * }
 *
 * @param agent      the loaded DQN (never trained further)
 * @param step       the checkpoint's env step
 * @param parameters which parameters were loaded: {@code best} or {@code final}
 */
public record FrozenExecutive(DqnAgent agent, long step, String parameters) implements OptionPolicy {

    /**
     * Loads the Executive of a run folder.
     *
     * @param runDir  the run folder (config.json and checkpoints/)
     * @param backend the compute backend of the Q-network
     * @return the frozen policy
     * @throws IOException              if the folder cannot be read
     * @throws IllegalArgumentException if the folder has no checkpoint or its config is not an Executive's
     */
    public static FrozenExecutive load(Path runDir, Backend backend) throws IOException {
        RunDir run = RunDir.open(runDir);
        DqnConfig cfg = ConfigOverrides.apply(DqnConfig.executive(), run.readJson("config.json"));
        Checkpoint ckpt = Checkpoint.newest(run.checkpoints()).orElseThrow(() -> new IllegalArgumentException(
                "executive run " + runDir + ": expected a checkpoint in " + run.checkpoints() + ", actual none"));
        DqnAgent agent = new DqnAgent(cfg, backend, ExecutiveEnv.OBS_DIM, ExecutiveAction.values().length);
        return new FrozenExecutive(agent, ckpt.step(), agent.loadEvaluatedParams(ckpt));
    }

    @Override
    public int act(float[] observation, boolean[] mask) {
        synchronized (agent) { // one frozen Executive serves every env of a concurrent evaluation
            return agent.greedy(observation, mask);
        }
    }
}
