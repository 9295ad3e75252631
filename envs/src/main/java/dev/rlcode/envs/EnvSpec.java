package dev.rlcode.envs;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.space.MultiDiscrete;
import dev.rlcode.core.space.Space;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A registered env: its id, spaces, episode limit and factory (Gymnasium's {@code EnvSpec}).
 *
 * @param id               the registry name, e.g. {@code "CartPole-v1"}
 * @param observationSpace the space of one observation
 * @param actionSpace      the space of one action
 * @param maxEpisodeSteps  the step at which {@link #make()}'s env truncates an episode, at least 1
 * @param masked           whether the env has action masks (look them up with
 *                         {@link dev.rlcode.core.wrapper.Wrapper#actionMask(Env)})
 * @param factory          makes a fresh env with its time limit
 */
public record EnvSpec(String id, Space<float[]> observationSpace, Discrete actionSpace, int maxEpisodeSteps,
                      boolean masked, Supplier<? extends Env<float[], Integer>> factory) {

    public EnvSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(observationSpace, "observationSpace");
        Objects.requireNonNull(actionSpace, "actionSpace");
        Objects.requireNonNull(factory, "factory");
        if (maxEpisodeSteps < 1) {
            throw new IllegalArgumentException("maxEpisodeSteps: expected >= 1, actual " + maxEpisodeSteps);
        }
    }

    /** {@return a fresh env, time limit included} */
    public Env<float[], Integer> make() {
        return factory.get();
    }

    /** {@return one line for listings, e.g. {@code CartPole-v1  obs Box(4)  actions Discrete(2)  max 500 steps}} */
    public String summary() {
        return String.format("%-16s obs %-9s actions %-12s max %d steps%s", id, shortName(observationSpace),
                shortName(actionSpace), maxEpisodeSteps, masked ? "  masked" : "");
    }

    private static String shortName(Space<?> space) {
        return switch (space) {
            case Box b -> "Box(" + b.dim() + ")";
            case Discrete d -> "Discrete(" + d.n() + ")";
            case MultiDiscrete m -> "MultiDiscrete(" + m.nvec().length + ")";
        };
    }
}
