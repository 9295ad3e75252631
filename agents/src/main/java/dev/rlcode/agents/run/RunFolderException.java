package dev.rlcode.agents.run;

import java.io.IOException;

/**
 * A run folder's file that rlcode cannot use as it stands (a damaged line of metrics.jsonl) or cannot write (a full
 * disk); the message names the file, and the line where there is one. Nothing in the folder was changed by the
 * operation that failed.
 */
public final class RunFolderException extends IOException {

    /** @param message names the file and the problem */
    public RunFolderException(String message) {
        super(message);
    }

    /** @param message names the file and the problem @param cause the I/O failure */
    public RunFolderException(String message, Throwable cause) {
        super(message, cause);
    }
}
