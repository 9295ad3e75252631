package dev.rlcode.agents.dqn;

import dev.rlcode.core.env.ActionMasked;
import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.ResetResult;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.rng.Rng;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.space.Space;

/**
 * Test env: a corridor of n cells, start in a random cell of the left half, actions 0 = left, 1 = right,
 * 2 = stay. Reaching the right end terminates with +1; every step costs 0.01; truncated after 3n steps.
 * Masked: "left" is illegal in cell 0 and "stay" is always illegal, so a policy that ignores masks fails.
 */
final class ChainEnv implements Env<float[], Integer>, ActionMasked {

    private final int n;
    private final double goalReward;
    private Rng rng = Rng.of(0);
    private int pos, t;
    private boolean running;

    ChainEnv(int n) {
        this(n, 1.0);
    }

    /** @param goalReward the reward for reaching the right end (1 in the standard chain) */
    ChainEnv(int n, double goalReward) {
        this.n = n;
        this.goalReward = goalReward;
    }

    @Override
    public Space<float[]> observationSpace() {
        return Box.of(0f, 1f, n);
    }

    @Override
    public Space<Integer> actionSpace() {
        return new Discrete(3);
    }

    @Override
    public ResetResult<float[]> reset(long seed) {
        rng = Rng.of(seed);
        return reset();
    }

    @Override
    public ResetResult<float[]> reset() {
        pos = rng.nextInt(n / 2);
        t = 0;
        running = true;
        return new ResetResult<>(obs());
    }

    @Override
    public StepResult<float[]> step(Integer action) {
        if (!running) throw new IllegalStateException("step after episode end");
        if (!actionMask()[action]) throw new IllegalArgumentException("illegal action " + action + " in cell " + pos);
        pos += action == 0 ? -1 : 1;
        t++;
        boolean terminated = pos == n - 1;
        boolean truncated = !terminated && t >= 3 * n;
        running = !(terminated || truncated);
        return new StepResult<>(obs(), terminated ? goalReward : -0.01, terminated, truncated);
    }

    @Override
    public boolean[] actionMask() {
        return new boolean[] {pos > 0, true, false};
    }

    private float[] obs() {
        float[] o = new float[n];
        o[pos] = 1;
        return o;
    }

    /** Optimal return from cell p: (n-1-p) steps, the last rewarded. */
    double optimalReturn(int p) {
        int steps = n - 1 - p;
        return 1.0 - 0.01 * (steps - 1);
    }
}
