package dev.rlcode.envs.code;

import dev.rlcode.envs.code.task.CompositeTask;
import java.util.Objects;

/**
 * One episode of a {@link HierarchicalEnv} fixed in advance: the composite and the reset seed, which seeds the code
 * model, so every policy evaluated on it starts from the same state and gets the same answers for the same sequence
 * of calls.
 *
 * @param composite the composite task
 * @param seed      the reset seed
 */
public record HierarchicalEpisode(CompositeTask composite, long seed) {

    /** @throws NullPointerException if {@code composite} is null */
    public HierarchicalEpisode {
        Objects.requireNonNull(composite, "composite");
    }
}
