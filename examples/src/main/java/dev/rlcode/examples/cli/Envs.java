package dev.rlcode.examples.cli;

import dev.rlcode.envs.EnvRegistry;
import dev.rlcode.envs.EnvSpec;
import java.util.List;

/** Looks envs up in {@link EnvRegistry} for the commands, with errors that say where the id came from. */
final class Envs {

    private Envs() {}

    /**
     * {@return the registered env {@code id}}
     *
     * @param where how to name the id's origin in the error, e.g. {@code "ENV"} or a config file
     * @throws CliException listing the registered ids if there is no such env
     */
    static EnvSpec spec(String id, String where) {
        try {
            return EnvRegistry.spec(id);
        } catch (IllegalArgumentException e) {
            List<String> failures = EnvRegistry.providerFailures();
            throw new CliException(where + ": expected one of " + String.join(", ", EnvRegistry.ids())
                    + " (see `rlcode envs`; a plug-in's jar goes on RLCODE_CLASSPATH), actual '" + id + "'"
                    + (failures.isEmpty() ? "" : "; env providers failed: " + String.join("; ", failures)), e);
        }
    }
}
