package dev.rlcode.envs;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.wrapper.TimeLimit;
import dev.rlcode.core.wrapper.Wrapper;
import dev.rlcode.envs.classic.Acrobot;
import dev.rlcode.envs.classic.CartPole;
import dev.rlcode.envs.classic.MountainCar;
import dev.rlcode.envs.grid.GridWorld;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The registered envs by name, as {@code gymnasium.make(id)} finds them: the built-in {@code CartPole-v1},
 * {@code MountainCar-v0}, {@code Acrobot-v1} and {@code GridWorld-v0}, then those of every {@link EnvProvider} on
 * the class path, then any added with {@link #register}. Each comes with its time limit. Thread-safe.
 *
 * {@snippet :
 * Env<float[], Integer> env = EnvRegistry.make("CartPole-v1");
 * for (EnvSpec spec : EnvRegistry.specs()) System.out.println(spec.summary());   // `rlcode envs`
 * EnvRegistry.register("MyEnv-v0", () -> new TimeLimit<>(new MyEnv(), 200));    // gymnasium.register
 * }
 */
public final class EnvRegistry {

    /** Gymnasium's id form: an optional {@code namespace/}, a name, an optional {@code -vN} version. */
    private static final Pattern ID = Pattern.compile("(?:[\\w:.-]+/)?[\\w:.-]+?(?:-v\\d+)?");
    private static final System.Logger LOG = System.getLogger(EnvRegistry.class.getName());
    private static final Map<String, EnvSpec> SPECS = new LinkedHashMap<>();
    private static final List<String> PROVIDER_FAILURES = new ArrayList<>();

    static {
        register("CartPole-v1", CartPole::make);
        register("MountainCar-v0", MountainCar::make);
        register("Acrobot-v1", Acrobot::make);
        register("GridWorld-v0", GridWorld::make);
        registerProviders(ServiceLoader.load(EnvProvider.class));
    }

    private EnvRegistry() {}

    /**
     * Registers an env under {@code id}, reading its spaces, time limit and masking off one env the factory makes
     * (and closes). The factory is called again by every {@link #make}.
     *
     * @param id      a new id in Gymnasium's form: {@code [namespace/]name[-vN]}, e.g. {@code MyEnv-v0}
     * @param factory makes a fresh env wrapped in its {@link TimeLimit}, with a {@link Discrete} action space
     * @throws IllegalArgumentException if the id is malformed or taken, or the factory fails, returns null, or
     *                                  makes an env without a time limit or with another action space
     */
    public static void register(String id, Supplier<? extends Env<float[], Integer>> factory) {
        Objects.requireNonNull(factory, "factory");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("env id: expected [namespace/]name[-vN] (letters, digits, _ : . -),"
                    + " actual " + (id == null ? "null" : "\"" + id + "\""));
        }
        synchronized (SPECS) {
            if (SPECS.containsKey(id)) {
                throw taken(id); // before making an env for nothing
            }
        }
        Env<float[], Integer> probe;
        try {
            probe = factory.get();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("env \"" + id + "\": its factory failed: " + e, e);
        }
        if (probe == null) {
            throw new IllegalArgumentException("env \"" + id + "\": expected the factory to make an env, actual null");
        }
        EnvSpec spec;
        try (probe) {
            if (!(probe.actionSpace() instanceof Discrete actions)) {
                throw new IllegalArgumentException("env \"" + id + "\": expected a Discrete action space (the DQN"
                        + " family acts on those), actual " + probe.actionSpace());
            }
            spec = new EnvSpec(id, probe.observationSpace(), actions, timeLimit(id, probe), Wrapper.isMasked(probe),
                    factory);
        }
        synchronized (SPECS) {
            if (SPECS.putIfAbsent(id, spec) != null) {
                throw taken(id); // registered by another thread meanwhile
            }
        }
    }

    private static IllegalArgumentException taken(String id) {
        return new IllegalArgumentException("env id: expected a new id, actual \"" + id + "\" (already registered)");
    }

    /** {@return the limit of the first {@link TimeLimit} in the env's wrapper chain} */
    private static int timeLimit(String id, Env<float[], Integer> env) {
        for (Env<float[], Integer> e = env; e instanceof Wrapper<float[], Integer> w; e = w.inner()) {
            if (w instanceof TimeLimit<float[], Integer> limit) {
                return limit.maxEpisodeSteps();
            }
        }
        throw new IllegalArgumentException("env \"" + id + "\": expected an env wrapped in a TimeLimit"
                + " (new TimeLimit<>(env, maxSteps)), actual " + env.getClass().getName() + " without one");
    }

    /**
     * Registers the envs of every provider. A provider that cannot be loaded or whose {@link EnvProvider#envs()}
     * throws is skipped, and so is each of its envs that {@link #register} refuses; each failure is logged as a
     * warning and kept for {@link #providerFailures()}. ServiceLoader's iterator goes on after such an error on a
     * best-effort basis; when it fails twice in a row with the same message, the search stops there.
     */
    static void registerProviders(Iterable<EnvProvider> providers) {
        Iterator<EnvProvider> it = providers.iterator();
        String lastError = null;
        while (true) {
            EnvProvider provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
                lastError = null;
            } catch (ServiceConfigurationError e) {
                if (Objects.equals(e.getMessage(), lastError)) {
                    break; // the iterator cannot get past it
                }
                lastError = e.getMessage();
                providerFailed("env provider not loaded: " + e.getMessage());
                continue;
            }
            String name = provider.getClass().getName();
            Map<String, Supplier<Env<float[], Integer>>> envs;
            try {
                envs = Objects.requireNonNull(provider.envs(), "envs()");
            } catch (RuntimeException e) {
                providerFailed("env provider " + name + ": envs() failed: " + e);
                continue;
            }
            for (Map.Entry<String, Supplier<Env<float[], Integer>>> e : envs.entrySet()) {
                try {
                    register(e.getKey(), e.getValue());
                } catch (RuntimeException x) {
                    providerFailed("env provider " + name + ": " + x.getMessage());
                }
            }
        }
    }

    private static void providerFailed(String message) {
        synchronized (SPECS) {
            PROVIDER_FAILURES.add(message);
        }
        LOG.log(System.Logger.Level.WARNING, message);
    }

    /** {@return why envs of {@link EnvProvider}s were not registered, one line each (empty when none failed)} */
    public static List<String> providerFailures() {
        synchronized (SPECS) {
            return List.copyOf(PROVIDER_FAILURES);
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
     * @throws IllegalArgumentException if no env is registered as {@code id}; the message lists the known ids and
     *                                  any provider failures
     */
    public static EnvSpec spec(String id) {
        synchronized (SPECS) {
            EnvSpec spec = SPECS.get(id);
            if (spec == null) {
                throw new IllegalArgumentException("env id: expected one of " + SPECS.keySet() + ", actual \"" + id
                        + "\"" + (PROVIDER_FAILURES.isEmpty() ? "" : "; env providers failed: "
                        + String.join("; ", PROVIDER_FAILURES)));
            }
            return spec;
        }
    }

    /** {@return every registered spec, in registration order} */
    public static List<EnvSpec> specs() {
        synchronized (SPECS) {
            return List.copyOf(SPECS.values());
        }
    }

    /** {@return every registered id, in registration order} */
    public static List<String> ids() {
        synchronized (SPECS) {
            return List.copyOf(SPECS.keySet());
        }
    }
}
