package dev.rlcode.envs;

import dev.rlcode.core.env.Env;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A plug-in source of envs for {@link EnvRegistry}, found with {@link java.util.ServiceLoader} (Gymnasium's
 * registration through entry points). Put a jar on the class path that holds the provider and names it in
 * {@code META-INF/services/dev.rlcode.envs.EnvProvider}; its envs are then registered after the built-in ones, so
 * that {@code rlcode envs} lists them and {@code rlcode train ID} trains them
 * ({@code RLCODE_CLASSPATH=my-envs.jar ./rlcode train MyEnv-v0}).
 *
 * {@snippet :
 * public final class MyEnvs implements EnvProvider {
 *     public MyEnvs() {}   // ServiceLoader needs a public no-argument constructor
 *
 *     public Map<String, Supplier<Env<float[], Integer>>> envs() {
 *         return Map.of("MyEnv-v0", () -> new TimeLimit<>(new MyEnv(), 200));
 *     }
 * }
 * }
 *
 * <p>A provider that cannot be loaded, whose {@link #envs()} throws, or one of whose envs fails
 * {@link EnvRegistry#register}'s checks is skipped (only that env, in the last case) with a warning; the reason
 * stays in {@link EnvRegistry#providerFailures()} and in the error for an unknown id.
 */
public interface EnvProvider {

    /**
     * {@return the envs to register: id (Gymnasium's form, e.g. {@code MyEnv-v0}) to a factory of a fresh env
     * wrapped in its {@link dev.rlcode.core.wrapper.TimeLimit}; registered in the map's iteration order}
     */
    Map<String, Supplier<Env<float[], Integer>>> envs();
}
