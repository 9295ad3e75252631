package dev.rlcode.examples.cli;

/**
 * A problem with what the user asked for (a flag, a config value or file, an env name, a run folder or one of its
 * checkpoints): {@link RlCode} prints its message on one line of stderr and exits with code
 * {@value RlCode#EXIT_USAGE}. The message names the flag, key or file and says what is allowed.
 */
final class CliException extends RuntimeException {

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
