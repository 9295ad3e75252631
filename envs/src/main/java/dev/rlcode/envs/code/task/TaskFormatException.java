package dev.rlcode.envs.code.task;

import java.util.Objects;

/**
 * A task, composite or note file is malformed; the message names the file, the line (when known) and the field.
 */
public final class TaskFormatException extends RuntimeException {

    private final String file;
    private final int line;
    private final String field;

    /**
     * @param file   the file name as the user knows it (e.g. {@code tasks.jsonl}, {@code easy-x/task.json})
     * @param line   the 1-based line, or 0 when the problem concerns the whole file
     * @param field  the offending field, or {@code null} when the row as a whole is bad (e.g. invalid JSON)
     * @param detail what was expected and what was found, e.g. {@code expected a non-empty string, actual null}
     * @param cause  the underlying exception, or {@code null}
     */
    public TaskFormatException(String file, int line, String field, String detail, Throwable cause) {
        super(format(file, line, field, detail), cause);
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.field = field;
    }

    /** Same as {@link #TaskFormatException(String, int, String, String, Throwable)} without a cause. */
    public TaskFormatException(String file, int line, String field, String detail) {
        this(file, line, field, detail, null);
    }

    private static String format(String file, int line, String field, String detail) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(" line ").append(line);
        }
        sb.append(": ");
        if (field != null) {
            sb.append("field '").append(field).append("': ");
        }
        return sb.append(detail).toString();
    }

    /** {@return the file name as given to the loader} */
    public String file() {
        return file;
    }

    /** {@return the 1-based line, or 0 when the problem concerns the whole file} */
    public int line() {
        return line;
    }

    /** {@return the offending field, or {@code null} when the whole row is bad} */
    public String field() {
        return field;
    }
}
