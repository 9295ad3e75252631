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
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The trained Executive of a finished {@code rlcode train executive} run, loaded from one checkpoint (the newest,
 * or a {@link Pin pinned} one) and frozen: its greedy masked policy as the {@link OptionPolicy} a
 * {@link dev.rlcode.envs.code.HierarchicalEnv} runs.
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
        return of(run, newestCheckpoint(run, runDir), backend);
    }

    /**
     * Loads the Executive of a run folder from one pinned checkpoint: the one a hierarchical run was trained with,
     * so that continuing the Executive run later ({@code rlcode resume} writes newer checkpoints) cannot change
     * what that hierarchical run's resume or evaluation plays.
     *
     * @param pin the checkpoint's step and parameters' digest, as {@link #newest} gave them
     * @throws IllegalArgumentException if the checkpoint is gone or holds other parameters
     */
    public static FrozenExecutive load(Path runDir, Pin pin, Backend backend) throws IOException {
        RunDir run = RunDir.open(runDir);
        Path dir = Checkpoint.dirFor(run.checkpoints(), pin.step());
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("executive run " + runDir + ": expected its checkpoint of step "
                    + pin.step() + " (the one this run was trained with), actual none in " + run.checkpoints());
        }
        Checkpoint ckpt = Checkpoint.read(dir);
        String digest = parametersDigest(ckpt);
        if (!digest.equals(pin.parametersSha256())) {
            throw new IllegalArgumentException("executive run " + runDir + ": its checkpoint of step " + pin.step()
                    + " does not hold the parameters this run was trained with (SHA-256 " + digest + ", expected "
                    + pin.parametersSha256() + ")");
        }
        return of(run, ckpt, backend);
    }

    /** The frozen policy of one read checkpoint of {@code run}, with the run's config. */
    private static FrozenExecutive of(RunDir run, Checkpoint ckpt, Backend backend) throws IOException {
        DqnConfig cfg = ConfigOverrides.apply(DqnConfig.executive(), run.readJson("config.json"));
        DqnAgent agent = new DqnAgent(cfg, backend, ExecutiveEnv.OBS_DIM, ExecutiveAction.values().length);
        return new FrozenExecutive(agent, ckpt.step(), agent.loadEvaluatedParams(ckpt));
    }

    /**
     * One checkpoint of an Executive run: its step and the SHA-256 of the parameters the frozen policy plays (the
     * checkpoint's {@code best} array when its summary played the best periodic parameters, else {@code online}),
     * as its manifest records it. Only the parameters count: a resume that rewrites the final checkpoint with the
     * same parameters (and another wall time in its metadata) keeps the pin.
     */
    public record Pin(long step, String parametersSha256) {
    }

    /**
     * {@return the pin of the run's newest checkpoint, read and verified}
     *
     * @throws IllegalArgumentException if the run has no checkpoint
     */
    public static Pin newest(Path runDir) throws IOException {
        Checkpoint ckpt = newestCheckpoint(RunDir.open(runDir), runDir);
        return new Pin(ckpt.step(), parametersDigest(ckpt));
    }

    private static Checkpoint newestCheckpoint(RunDir run, Path runDir) throws IOException {
        return Checkpoint.newest(run.checkpoints()).orElseThrow(() -> new IllegalArgumentException(
                "executive run " + runDir + ": expected a checkpoint in " + run.checkpoints() + ", actual none"));
    }

    /** {@return the manifest's SHA-256 of the array the frozen policy plays} */
    private static String parametersDigest(Checkpoint ckpt) {
        String array = "best".equals(ckpt.meta().path("eval_policy").asText("")) ? "best" : "online";
        return ckpt.entries().stream().filter(e -> e.name().equals(array)).findFirst()
                .map(dev.rlcode.core.checkpoint.ArrayEntry::sha256)
                .orElseThrow(() -> new IllegalArgumentException("checkpoint " + ckpt.dir() + ": expected an array '"
                        + array + "', actual none"));
    }

    @Override
    public int act(float[] observation, boolean[] mask) {
        synchronized (agent) { // one frozen Executive serves every env of a concurrent evaluation
            return agent.greedy(observation, mask);
        }
    }
}
