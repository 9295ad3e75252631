package dev.rlcode.examples.cli;

import dev.rlcode.envs.EnvRegistry;
import dev.rlcode.envs.EnvSpec;

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
            throw new CliException(where + ": expected one of " + String.join(", ", EnvRegistry.ids())
                    + " (see `rlcode envs`), actual '" + id + "'", e);
        }
    }
}
