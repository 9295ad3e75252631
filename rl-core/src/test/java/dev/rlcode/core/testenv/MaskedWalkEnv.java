package dev.rlcode.core.testenv;

import dev.rlcode.core.env.ActionMasked;

/**
 * {@link WalkEnv} with an action mask: the jump (action 2) is legal only from an even cell that keeps the walk
 * within {@code length}; left and right are always legal. Stepping an illegal action throws.
 */
public class MaskedWalkEnv extends WalkEnv implements ActionMasked {

    public MaskedWalkEnv() {
        super();
    }

    public MaskedWalkEnv(int length, double slip, boolean randomStart) {
        super(length, slip, randomStart);
    }

    @Override
    public boolean[] actionMask() {
        return new boolean[] {true, true, cell % 2 == 0 && cell + 2 <= length};
    }

    @Override
    protected void checkLegal(int action) {
        if (!actionMask()[action]) {
            throw new IllegalArgumentException("action: expected a legal action, actual " + action + " (masked out)");
        }
    }
}
