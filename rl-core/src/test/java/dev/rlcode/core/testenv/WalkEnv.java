package dev.rlcode.core.testenv;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.ResetResult;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.rng.Rng;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.space.Space;
import java.util.Map;

/**
 * A small well-behaved test env: a walk on the cells {@code 0..length}. Actions: 0 = left, 1 = right, 2 = jump two
 * cells right. With probability {@code slip} a move does nothing. The episode terminates at cell 0 (reward -1) or
 * at {@code length} or beyond (reward +1); every other step gives -0.01. Observation: {@code {cell / length,
 * cell % 2}}. Info: {@code "cell"} → the cell after the step.
 */
public class WalkEnv implements Env<float[], Integer> {

    protected final int length;
    private final double slip;
    private final boolean randomStart;
    protected Rng rng;
    protected int cell;
    protected boolean running;
    protected boolean started;

    public WalkEnv() {
        this(10, 0.1, true);
    }

    public WalkEnv(int length, double slip, boolean randomStart) {
        this.length = length;
        this.slip = slip;
        this.randomStart = randomStart;
    }

    @Override
    public Space<float[]> observationSpace() {
        return Box.of(0f, 1f, 2);
    }

    @Override
    public Space<Integer> actionSpace() {
        return new Discrete(3);
    }

    @Override
    public ResetResult<float[]> reset(long seed) {
        rng = Rng.of(seed);
        return start();
    }

    @Override
    public ResetResult<float[]> reset() {
        if (rng == null) rng = Rng.of(0);
        return start();
    }

    protected ResetResult<float[]> start() {
        cell = randomStart ? 1 + rng.nextInt(length - 1) : 1;
        running = true;
        started = true;
        return new ResetResult<>(observe(), Map.of("cell", cell));
    }

    @Override
    public StepResult<float[]> step(Integer action) {
        if (action == null || !actionSpace().contains(action)) {
            throw new IllegalArgumentException("action: expected 0, 1 or 2, actual " + action);
        }
        if (!running) throw new IllegalStateException(started ? "episode ended" : "never reset");
        checkLegal(action);
        if (!(slip > 0 && rng.nextDouble() < slip)) cell += switch (action) {
            case 0 -> -1;
            case 1 -> 1;
            default -> 2;
        };
        cell = Math.min(cell, length);
        boolean terminated = cell <= 0 || cell >= length;
        running = !terminated;
        double reward = cell >= length ? 1 : cell <= 0 ? -1 : -0.01;
        return new StepResult<>(observe(), reward, terminated, false, Map.of("cell", cell));
    }

    /** Throws if {@code action} is illegal in the current state; every action is legal here. */
    protected void checkLegal(int action) {}

    protected float[] observe() {
        return new float[] {cell / (float) length, cell % 2};
    }

    /** {@return the current cell} */
    public int cell() {
        return cell;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(length=" + length + ")";
    }
}
