package dev.rlcode.examples.cli;

import dev.rlcode.core.kernel.Backend;
import picocli.CommandLine.Option;

/** The {@code --backend} option of every command that computes ({@code @Mixin BackendOption backend}). */
final class BackendOption {

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto",
            description = "compute backend: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    BackendChoice choice;

    /**
     * {@return a new backend of the chosen kind}
     *
     * @throws CliException if the backend is unavailable here
     */
    Backend create() {
        return choice.create();
    }
}
