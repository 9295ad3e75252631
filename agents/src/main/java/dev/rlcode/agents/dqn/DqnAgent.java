package dev.rlcode.agents.dqn;

import dev.rlcode.core.buffer.Batch;
import dev.rlcode.core.buffer.PrioritizedReplayBuffer;
import dev.rlcode.core.buffer.Replay;
import dev.rlcode.core.buffer.ReplayBuffer;
import dev.rlcode.core.buffer.ReplaySpec;
import dev.rlcode.core.checkpoint.Checkpoint;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.Buffer;
import dev.rlcode.core.kernel.Kernels;
import dev.rlcode.core.kernel.LossKind;
import dev.rlcode.core.nn.QNetwork;
import dev.rlcode.core.optim.Adam;
import dev.rlcode.core.rng.Rng;

/**
 * Deep Q-Network agent (Mnih et al. 2015, https://doi.org/10.1038/nature14236) with the options of
 * {@link DqnConfig}: Double DQN (van Hasselt et al. 2016, https://arxiv.org/abs/1509.06461), dueling head (Wang et
 * al. 2016, https://arxiv.org/abs/1511.06581), proportional prioritized replay (Schaul et al. 2016,
 * https://arxiv.org/abs/1511.05952), n-step returns, and action masking throughout: exploration samples uniformly
 * among legal actions, exploitation and the bootstrap max (or Double-DQN argmax) range over legal actions only.
 * With {@code masking} off in the config the agent ignores every mask it is given and chooses among all actions
 * (an env that refuses illegal actions then needs a wrapper such as
 * {@link dev.rlcode.core.wrapper.IllegalActionNoOp}).
 *
 * <p>The agent owns its networks, optimiser, replay and random streams; the step loop, schedules and logging live in
 * {@link DqnTrainer}. Everything random is drawn from streams of {@code config.seed()}, so a run is reproducible.
 */
public final class DqnAgent {

    /** Figures of one gradient step. */
    public record UpdateStats(float loss, float meanQ) {}

    private final DqnConfig cfg;
    private final Backend be;
    private final Kernels k;
    private final int obsDim, numActions, batchSize;
    final QNetwork online, target;
    final Adam optimizer;
    final Replay replay;
    final Rng exploreRng, replayRng;
    private final Batch batch;
    private final LossKind lossKind;
    // device-resident batch and work buffers
    private final Buffer obsB, nextObsB, actionsB, rewardsB, discountsB, masksB, weightsB;
    private final Buffer nextIdx, nextValues, tdTargets, gradQ, tdErrors, loss, actObs;
    private final float[] actQ, tdErrorsHost, targetsHost, lossHost = new float[1];

    /**
     * Refuses, before any allocation, a network that cannot fit: more parameters than one array holds, or (on a CPU
     * backend, whose buffers live in the Java heap) more than the heap holds for the online and target networks'
     * parameters and gradients, Adam's two moments and the best network's copy (seven arrays of that size).
     */
    private static void checkFits(DqnConfig cfg, Backend backend, int obsDim, int numActions) {
        int[] sizes = new int[cfg.hidden().length + 2];
        sizes[0] = obsDim;
        System.arraycopy(cfg.hidden(), 0, sizes, 1, cfg.hidden().length);
        sizes[sizes.length - 1] = numActions + 1; // the dueling head's value output, counted either way
        long params = dev.rlcode.core.nn.Mlp.parameterCount(sizes);
        if (params > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("hidden " + java.util.Arrays.toString(cfg.hidden()) + ": a network of "
                    + params + " parameters, expected at most " + (Integer.MAX_VALUE - 8) + " (one array)");
        }
        long needed = params * Float.BYTES * 7;
        long heap = Runtime.getRuntime().maxMemory();
        if (backend instanceof dev.rlcode.core.kernel.CpuBackend && needed > heap) {
            throw new IllegalArgumentException("hidden " + java.util.Arrays.toString(cfg.hidden()) + ": a network of "
                    + params + " parameters needs about " + (needed >> 20) + " MiB of heap (parameters, gradients, "
                    + "target, Adam state), more than the JVM's " + (heap >> 20) + " MiB (-Xmx)");
        }
    }

    /**
     * @param obsDim     observation width
     * @param numActions number of discrete actions
     */
    public DqnAgent(DqnConfig cfg, Backend backend, int obsDim, int numActions) {
        this.cfg = cfg;
        this.be = backend;
        this.k = backend.kernels();
        this.obsDim = obsDim;
        this.numActions = numActions;
        this.batchSize = cfg.batchSize();
        checkFits(cfg, backend, obsDim, numActions);
        Rng init = Rng.of(cfg.seed(), Rng.Stream.INIT);
        this.online = new QNetwork(be, obsDim, cfg.hidden(), numActions, cfg.dueling(), batchSize, init);
        this.target = new QNetwork(be, obsDim, cfg.hidden(), numActions, cfg.dueling(), batchSize, init);
        k.polyakUpdate(online.params(), target.params(), online.numParams(), 1f);
        this.optimizer = new Adam(be, online.numParams(), (float) cfg.learningRate(), (float) cfg.maxGradNorm());
        ReplaySpec spec = new ReplaySpec(cfg.bufferSize(), obsDim, numActions, cfg.masking(), cfg.nStep(),
                cfg.gamma(), cfg.numEnvs());
        this.replay = cfg.prioritized()
                ? new PrioritizedReplayBuffer(spec, cfg.perAlpha(), cfg.perBeta0(), cfg.totalTimesteps(), cfg.perEps())
                : new ReplayBuffer(spec);
        this.exploreRng = Rng.of(cfg.seed(), Rng.Stream.EXPLORATION);
        this.replayRng = Rng.of(cfg.seed(), Rng.Stream.REPLAY);
        this.batch = Batch.allocate(batchSize, spec);
        this.lossKind = "mse".equals(cfg.loss()) ? LossKind.MSE : LossKind.HUBER;
        this.obsB = be.allocF32(batchSize * obsDim);
        this.nextObsB = be.allocF32(batchSize * obsDim);
        this.actionsB = be.allocI32(batchSize);
        this.rewardsB = be.allocF32(batchSize);
        this.discountsB = be.allocF32(batchSize);
        this.masksB = be.allocI32(batchSize * numActions);
        this.weightsB = be.allocF32(batchSize);
        this.nextIdx = be.allocI32(batchSize);
        this.nextValues = be.allocF32(batchSize);
        this.tdTargets = be.allocF32(batchSize);
        this.gradQ = be.allocF32(batchSize * numActions);
        this.tdErrors = be.allocF32(batchSize);
        this.loss = be.allocF32(1);
        this.actObs = be.allocF32(obsDim);
        this.actQ = new float[numActions];
        this.tdErrorsHost = new float[batchSize];
        this.targetsHost = new float[batchSize];
    }

    /**
     * ε-greedy action: with probability ε a uniformly random legal action, otherwise the greedy legal action.
     *
     * @param mask legal actions (true = legal), or null when every action is legal; ignored when the config has
     *             masking off
     */
    public int act(float[] obs, boolean[] mask, double epsilon) {
        if (!cfg.masking()) mask = null;
        if (exploreRng.nextDouble() < epsilon) {
            if (mask == null) return exploreRng.nextInt(numActions);
            int legal = 0;
            for (boolean m : mask) if (m) legal++;
            int pick = exploreRng.nextInt(legal);
            for (int a = 0; a < numActions; a++) if (mask[a] && pick-- == 0) return a;
        }
        return greedy(obs, mask);
    }

    /**
     * {@return argmax over legal actions of Q(obs, ·) (over all actions when the config has masking off: the mask
     * is then ignored); ties go to the lowest index}
     */
    public int greedy(float[] obs, boolean[] mask) {
        if (!cfg.masking()) mask = null;
        qValues(obs, actQ);
        int best = -1;
        for (int a = 0; a < numActions; a++) {
            if ((mask == null || mask[a]) && (best < 0 || actQ[a] > actQ[best])) best = a;
        }
        if (best < 0) throw new IllegalArgumentException("mask: expected at least one legal action, actual none");
        return best;
    }

    /** Writes Q(obs, ·) of the online network into {@code out} (numActions floats). */
    public void qValues(float[] obs, float[] out) {
        be.upload(obs, 0, actObs, 0, obsDim);
        be.download(online.forward(actObs, 1), 0, out, 0, numActions);
    }

    /** Stores one step of env 0 in replay (n-step windows are formed there). */
    public void observe(float[] obs, int action, double reward, float[] nextObs, boolean terminated,
                        boolean truncated, boolean[] nextMask) {
        observe(0, obs, action, reward, nextObs, terminated, truncated, nextMask);
    }

    /**
     * Stores one step of env {@code env} ({@code 0 <= env < numEnvs}) in replay; each env has its own n-step window.
     */
    public void observe(int env, float[] obs, int action, double reward, float[] nextObs, boolean terminated,
                        boolean truncated, boolean[] nextMask) {
        replay.add(env, obs, action, reward, nextObs, terminated, truncated, cfg.masking() ? nextMask : null);
    }

    /**
     * Ends env {@code env}'s episode as truncated in {@code obs} (legal actions {@code mask}) without a new step:
     * replay stores the steps still waiting for their n-step window, bootstrapping from {@code obs}.
     */
    public void truncate(int env, float[] obs, boolean[] mask) {
        replay.truncate(env, obs, cfg.masking() ? mask : null);
    }

    /** Drops env {@code env}'s steps still waiting for their n-step window (an episode abandoned unseen). */
    public void abandon(int env) {
        replay.abandon(env);
    }

    /** {@return the number of transitions in replay} */
    public int replaySize() {
        return replay.size();
    }

    /**
     * One gradient step on a sampled minibatch, top to bottom.
     *
     * @param withMeanQ whether to download the batch's Q estimates for the mean-Q metric (one extra transfer)
     */
    public UpdateStats update(boolean withMeanQ) {
        // 1. Sample a batch and move it to the device.
        replay.sample(batchSize, replayRng, batch);
        be.upload(batch.obs(), 0, obsB, 0, batchSize * obsDim);
        be.upload(batch.nextObs(), 0, nextObsB, 0, batchSize * obsDim);
        be.upload(batch.actions(), 0, actionsB, 0, batchSize);
        be.upload(batch.rewards(), 0, rewardsB, 0, batchSize);
        be.upload(batch.discounts(), 0, discountsB, 0, batchSize);
        be.upload(batch.weights(), 0, weightsB, 0, batchSize);
        Buffer mask = null;
        if (cfg.masking()) {
            be.upload(batch.nextMasks(), 0, masksB, 0, batchSize * numActions);
            mask = masksB;
        }
        // 2. TD target (no grad): y = R + γ^n(1−d)·Q_target(s', a*), a* legal.
        //    Double DQN: a* = argmax_a' Q_online(s', a'); vanilla: max_a' Q_target(s', a').
        Buffer nextQTarget;
        if (cfg.doubleQ()) {
            k.maskedArgmax(online.forward(nextObsB, batchSize), mask, nextIdx, batchSize, numActions);
            nextQTarget = target.forward(nextObsB, batchSize);
            k.gather(nextQTarget, nextIdx, nextValues, batchSize, numActions);
        } else {
            nextQTarget = target.forward(nextObsB, batchSize);
            k.maskedMax(nextQTarget, mask, nextValues, batchSize, numActions);
        }
        k.tdTarget(rewardsB, discountsB, nextValues, tdTargets, batchSize);
        // 3. Current Q(s, a) and the (importance-weighted) loss with its gradient dL/dQ.
        Buffer q = online.forward(obsB, batchSize);
        k.tdLoss(q, actionsB, tdTargets, cfg.prioritized() ? weightsB : null, gradQ, tdErrors, loss, batchSize,
                numActions, lossKind, 1f);
        // 4. Backward, clip, Adam step.
        online.backward(gradQ, batchSize);
        optimizer.step(online.params(), online.grads());
        // 5. New priorities |δ| + ε for prioritized replay.
        if (cfg.prioritized() || withMeanQ) be.download(tdErrors, 0, tdErrorsHost, 0, batchSize);
        if (cfg.prioritized()) replay.updatePriorities(batch.indices(), tdErrorsHost);
        be.download(loss, 0, lossHost, 0, 1);
        float meanQ = Float.NaN;
        if (withMeanQ) { // Q(s,a) = δ + y
            be.download(tdTargets, 0, targetsHost, 0, batchSize);
            double s = 0;
            for (int i = 0; i < batchSize; i++) s += tdErrorsHost[i] + targetsHost[i];
            meanQ = (float) (s / batchSize);
        }
        return new UpdateStats(lossHost[0], meanQ);
    }

    /** Target update θ' ← τθ + (1−τ)θ' (a hard copy when τ = 1). */
    public void updateTarget() {
        k.polyakUpdate(online.params(), target.params(), online.numParams(), (float) cfg.tau());
    }

    /** Tells prioritized replay the env step, which anneals β from β0 to 1 over the run (no-op for uniform). */
    public void setStep(long envStep) {
        if (replay instanceof PrioritizedReplayBuffer per) per.setStep(envStep);
    }

    /** {@return the online network's parameters, downloaded} */
    public float[] onlineParams() {
        return be.toArray(online.params());
    }

    /** Replaces the online network's parameters (e.g. to load the best policy for evaluation). */
    public void loadOnlineParams(float[] params) {
        if (params.length != online.numParams()) {
            throw new IllegalArgumentException("online params: expected " + online.numParams() + " floats, actual "
                    + params.length);
        }
        be.upload(params, 0, online.params(), 0, params.length);
    }

    /**
     * Loads the parameters a run evaluated from one of its checkpoints: the best periodic-evaluation network when
     * the run selected it (the checkpoint's meta {@code eval_policy} is {@code best}), otherwise the online network.
     * Every command that replays a run's policy ({@code eval}, {@code eval-code}, the frozen Executive) goes through
     * here, so none of them can play other parameters than the run's own summary did.
     *
     * @param ckpt a checkpoint of a run with this agent's config
     * @return {@code "best"} or {@code "final"}
     * @throws IllegalArgumentException if the checkpoint lacks that array or it does not fit this network
     */
    public String loadEvaluatedParams(Checkpoint ckpt) {
        boolean best = "best".equals(ckpt.meta().path("eval_policy").asText(""));
        String array = best ? "best" : "online";
        if (!ckpt.contains(array)) {
            throw new IllegalArgumentException("checkpoint " + ckpt.dir() + ": expected an array '" + array
                    + "', actual none");
        }
        try {
            loadOnlineParams(ckpt.floats(array));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint " + ckpt.dir() + ": array '" + array + "' does not fit "
                    + "the run's config.json (" + e.getMessage() + ")", e);
        }
        return best ? "best" : "final";
    }

    /** {@return the target network's parameters, downloaded} */
    public float[] targetParams() {
        return be.toArray(target.params());
    }

    /** Replaces the target network's parameters (checkpoint restore). */
    public void loadTargetParams(float[] params) {
        if (params.length != target.numParams()) {
            throw new IllegalArgumentException("target params: expected " + target.numParams() + " floats, actual "
                    + params.length);
        }
        be.upload(params, 0, target.params(), 0, params.length);
    }

    /** {@return the backend's name} */
    public String backendName() {
        return be.name();
    }

    /** {@return the config} */
    public DqnConfig config() {
        return cfg;
    }
}
