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
        return load(runDir, newest(runDir), backend);
    }

    /**
     * Loads the Executive of a run folder from one pinned checkpoint: the one a hierarchical run was trained with,
     * so that continuing the Executive run later ({@code rlcode resume} writes newer checkpoints) cannot change
     * what that hierarchical run's resume or evaluation plays.
     *
     * @param pin the checkpoint's step and manifest digest, as {@link #newest} gave them
     * @throws IllegalArgumentException if the checkpoint is gone or is not the pinned one (its digest differs)
     */
    public static FrozenExecutive load(Path runDir, Pin pin, Backend backend) throws IOException {
        RunDir run = RunDir.open(runDir);
        DqnConfig cfg = ConfigOverrides.apply(DqnConfig.executive(), run.readJson("config.json"));
        Path dir = Checkpoint.dirFor(run.checkpoints(), pin.step());
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("executive run " + runDir + ": expected its checkpoint of step "
                    + pin.step() + " (the one this run was trained with), actual none in " + run.checkpoints());
        }
        Checkpoint ckpt = Checkpoint.read(dir);
        String digest = manifestDigest(dir);
        if (!digest.equals(pin.manifestSha256())) {
            throw new IllegalArgumentException("executive run " + runDir + ": its checkpoint of step " + pin.step()
                    + " is not the one this run was trained with (manifest SHA-256 " + digest + ", expected "
                    + pin.manifestSha256() + ")");
        }
        DqnAgent agent = new DqnAgent(cfg, backend, ExecutiveEnv.OBS_DIM, ExecutiveAction.values().length);
        return new FrozenExecutive(agent, ckpt.step(), agent.loadEvaluatedParams(ckpt));
    }

    /**
     * One checkpoint of an Executive run: its step and the SHA-256 of its manifest (which holds every array's
     * checksum, so it identifies the parameters).
     */
    public record Pin(long step, String manifestSha256) {
    }

    /**
     * {@return the pin of the run's newest checkpoint, read and verified}
     *
     * @throws IllegalArgumentException if the run has no checkpoint
     */
    public static Pin newest(Path runDir) throws IOException {
        RunDir run = RunDir.open(runDir);
        Checkpoint ckpt = Checkpoint.newest(run.checkpoints()).orElseThrow(() -> new IllegalArgumentException(
                "executive run " + runDir + ": expected a checkpoint in " + run.checkpoints() + ", actual none"));
        return new Pin(ckpt.step(), manifestDigest(ckpt.dir()));
    }

    private static String manifestDigest(Path checkpointDir) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(checkpointDir.resolve(Checkpoint.MANIFEST))));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    @Override
    public int act(float[] observation, boolean[] mask) {
        synchronized (agent) { // one frozen Executive serves every env of a concurrent evaluation
            return agent.greedy(observation, mask);
        }
    }
}
