package dev.rlcode.envs;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.wrapper.TimeLimit;
import dev.rlcode.core.wrapper.Wrapper;
import dev.rlcode.envs.classic.Acrobot;
import dev.rlcode.envs.classic.CartPole;
import dev.rlcode.envs.classic.MountainCar;
import dev.rlcode.envs.grid.GridWorld;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The built-in envs by name, as {@code gymnasium.make(id)} finds them: {@code CartPole-v1}, {@code MountainCar-v0},
 * {@code Acrobot-v1} and {@code GridWorld-v0}. Each comes with its time limit.
 *
 * {@snippet :
 * Env<float[], Integer> env = EnvRegistry.make("CartPole-v1");
 * for (EnvSpec spec : EnvRegistry.specs()) System.out.println(spec.summary());   // `rlcode envs`
 * }
 */
public final class EnvRegistry {

    private static final Map<String, EnvSpec> SPECS = new LinkedHashMap<>();

    static {
        register("CartPole-v1", CartPole::make);
        register("MountainCar-v0", MountainCar::make);
        register("Acrobot-v1", Acrobot::make);
        register("GridWorld-v0", GridWorld::make);
    }

    private EnvRegistry() {}

    /** Registers {@code factory}, reading the spaces, limit and masking off one env it makes. */
    private static void register(String id, Supplier<Env<float[], Integer>> factory) {
        try (Env<float[], Integer> probe = factory.get()) {
            int limit = ((TimeLimit<float[], Integer>) probe).maxEpisodeSteps();
            SPECS.put(id, new EnvSpec(id, probe.observationSpace(), (Discrete) probe.actionSpace(), limit,
                    Wrapper.isMasked(probe), factory));
        }
    }

    /**
     * {@return a fresh env registered as {@code id}, with its time limit}
     *
     * @throws IllegalArgumentException if no env is registered as {@code id}; the message lists the known ids
     */
    public static Env<float[], Integer> make(String id) {
        return spec(id).make();
    }

    /**
     * {@return the spec registered as {@code id}}
     *
     * @throws IllegalArgumentException if no env is registered as {@code id}; the message lists the known ids
     */
    public static EnvSpec spec(String id) {
        EnvSpec spec = SPECS.get(id);
        if (spec == null) {
            throw new IllegalArgumentException("env id: expected one of " + ids() + ", actual \"" + id + "\"");
        }
        return spec;
    }

    /** {@return every registered spec, in registration order} */
    public static List<EnvSpec> specs() {
        return List.copyOf(SPECS.values());
    }

    /** {@return every registered id, in registration order} */
    public static List<String> ids() {
        return List.copyOf(SPECS.keySet());
    }
}
