package dev.rlcode.envs.code;

import dev.rlcode.core.space.Space;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** The argument checks that open a step of the masked code envs, with one wording for their messages. */
final class StepChecks {

    private StepChecks() {
    }

    /**
     * Checks that an episode is running and that {@code action} is an element of {@code space} and legal.
     *
     * @param running whether an episode is running
     * @param action  the action a caller passed to {@code step}
     * @param space   the action space
     * @param mask    the current action mask
     * @param name    names action {@code i} in messages
     * @throws IllegalStateException    if no episode is running
     * @throws IllegalArgumentException if the action is null, outside the space or masked out (naming the legal ones)
     */
    static void requireLegal(boolean running, Integer action, Space<Integer> space, boolean[] mask,
                             IntFunction<String> name) {
        if (!running) {
            throw new IllegalStateException("step: expected a running episode (call reset first), actual none");
        }
        if (action == null || !space.contains(action)) {
            throw new IllegalArgumentException("action: expected an element of " + space + ", actual " + action);
        }
        if (!mask[action]) {
            List<String> legal = new ArrayList<>();
            for (int i = 0; i < mask.length; i++) {
                if (mask[i]) {
                    legal.add(name.apply(i));
                }
            }
            throw new IllegalArgumentException("action: expected a legal action " + legal + ", actual "
                    + name.apply(action) + " (masked out)");
        }
    }
}
