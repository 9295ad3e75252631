package dev.rlcode.agents.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run folder: {@code config.json} (the full resolved config), {@code metrics.jsonl} (one JSON object per line,
 * appended and flushed as it goes), {@code checkpoints/}, {@code summary.json} (final figures).
 *
 * <p>Small files are written atomically (temp file + rename), so a crash never leaves a half-written config or
 * summary. {@link #create} refuses a folder that already holds a run, so nothing is written over.
 */
public final class RunDir {

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINE = new ObjectMapper();

    private final Path dir;

    private RunDir(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates a new run folder (and parents).
     *
     * @throws IllegalArgumentException if {@code dir} exists and is not an empty directory
     */
    public static RunDir create(Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) throw new IllegalArgumentException("--out " + dir + ": expected a directory, actual a file");
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    boolean resumable = Files.exists(dir.resolve("config.json"));
                    throw new IllegalArgumentException("--out " + dir + ": expected a new or empty directory, actual one "
                            + "that already holds files (choose another --out"
                            + (resumable ? "; if it is an `rlcode train` run, `rlcode resume " + dir
                            + "` continues it)" : ")"));
                }
            }
        }
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new IllegalArgumentException("--out " + dir + ": expected a folder path, actual one below the "
                        + "file " + p);
            }
        }
        Files.createDirectories(dir.resolve("checkpoints"));
        return new RunDir(dir);
    }

    /**
     * Opens an existing run folder.
     *
     * @throws IllegalArgumentException if it has no config.json
     */
    public static RunDir open(Path dir) {
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new IllegalArgumentException("run " + dir + ": expected a run folder with config.json, actual none");
        }
        return new RunDir(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Name of the lock file a process that trains into the folder holds. */
    public static final String LOCK_FILE = ".lock";
    private static final Map<Path, java.nio.channels.FileChannel> CLAIMED = new java.util.HashMap<>();

    /**
     * Takes the folder for writing (training or resuming into it) for as long as this JVM lives, through an OS lock
     * on {@value #LOCK_FILE} that ends with the process, however it ends. A second process that tries while the
     * first runs is refused, so a {@code resume} can never cut back the metrics a running {@code train} is still
     * appending to. Claiming again from the same JVM is a no-op, whatever path (a symbolic link, say) names the
     * folder: the claims are keyed by its real path, so this JVM never opens (and, by closing, releases) a second
     * channel on a lock it holds.
     *
     * @throws RunFolderException naming the folder and the holder's pid when another process holds it
     */
    public void claim() throws IOException {
        Path key = dir.toRealPath();
        synchronized (CLAIMED) {
            if (CLAIMED.containsKey(key)) return;
            Path file = key.resolve(LOCK_FILE);
            var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            if (lock == null) {
                ch.close();
                String holder = Files.readString(file, StandardCharsets.US_ASCII).strip();
                throw new RunFolderException("run folder " + dir + " is in use by another rlcode process"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; wait for it to end or stop it, "
                        + "then run the command again (nothing was changed)");
            }
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            CLAIMED.put(key, ch);
        }
    }

    /**
     * {@return whether another process holds this folder's {@link #claim} now} (false when this JVM holds it, or
     * nobody does). It only looks: nothing is taken or changed.
     */
    public boolean inUse() throws IOException {
        Path key = dir.toRealPath();
        synchronized (CLAIMED) {
            if (CLAIMED.containsKey(key)) return false;
            Path file = key.resolve(LOCK_FILE);
            if (!Files.exists(file)) return false;
            // a shared lock on a read-only channel (a folder we may only read can be asked too); closing it
            // releases only its own lock: this JVM holds no other on the file (it is not in CLAIMED)
            try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
                var lock = ch.tryLock(0, Long.MAX_VALUE, true);
                if (lock == null) return true;
                lock.release();
                return false;
            }
        }
    }

    public Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    public Path metricsFile() {
        return dir.resolve("metrics.jsonl");
    }

    /**
     * Writes {@code name} (JSON, pretty) atomically.
     *
     * @throws RunFolderException naming the file when it cannot be written (a full disk); the previous file stays
     */
    public void writeJson(String name, Object value) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), value);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            if (e instanceof java.nio.file.FileSystemException) throw e;
            throw new RunFolderException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    /** {@return {@code name} parsed as a JSON object} @throws IOException naming the file if it does not parse */
    public Map<String, Object> readJson(String name) throws IOException {
        return readJsonObject(dir.resolve(name));
    }

    /**
     * {@return a file parsed as a JSON object}
     *
     * @throws IOException naming the file if it does not parse, or holds another JSON value (an array, null, ...)
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readJsonObject(Path p) throws IOException {
        Map<String, Object> m;
        try {
            m = JSON.readValue(p.toFile(), Map.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new IOException(p + ": expected a JSON object, actual unreadable content" + (at == null ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + " ("
                    + e.getOriginalMessage().lines().findFirst().orElse("").strip() + ")", e);
        } catch (IOException e) {
            throw new IOException(p + ": expected a JSON object, actual unreadable content (" + e.getMessage() + ")", e);
        }
        if (m == null) { // the file holds the literal null
            throw new IOException(p + ": expected a JSON object, actual null");
        }
        return m;
    }

    /**
     * {@return the metrics lines parsed, in order} A last line that does not parse is one a crash cut while it was
     * written, and is left out; any other line that is not a JSON object, or whose {@code step} is not a number, is
     * an error naming the line, since dropping it (and, on a resume, every line after it) would lose recorded
     * episodes.
     *
     * @throws RunFolderException naming {@code metrics.jsonl:LINE}
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> readMetrics() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.exists(metricsFile())) return out;
        // split on '\n' and decode each line strictly: a line that is not UTF-8 text is named like any other
        // damaged line (readAllLines would fail the whole file with a bare MalformedInputException)
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(metricsFile());
        } catch (IOException e) {
            throw new RunFolderException("cannot read " + metricsFile() + ": " + e.getMessage(), e);
        }
        List<byte[]> raw = new ArrayList<>();
        for (int start = 0, i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                raw.add(java.util.Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        List<String> lines = new ArrayList<>(raw.size());
        for (byte[] b : raw) {
            try {
                lines.add(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString());
            } catch (java.nio.charset.CharacterCodingException e) {
                lines.add(null);
            }
        }
        int last = lines.size() - 1;
        while (last >= 0 && lines.get(last) != null && lines.get(last).isBlank()) last--;
        for (int i = 0; i <= last; i++) {
            String line = lines.get(i);
            if (line == null) {
                if (i == last) break; // a crash can cut a line inside a multi-byte character
                throw new RunFolderException(metricsFile() + ":" + (i + 1) + ": expected a JSON object, actual bytes "
                        + "that are not UTF-8 text (fix or remove that line; nothing was changed)");
            }
            if (line.isBlank()) continue;
            Map<String, Object> row;
            try {
                row = LINE.readValue(line, Map.class);
            } catch (IOException e) {
                row = null;
            }
            if (row == null) {
                if (i == last) break; // cut by a crash while it was written: keep what is complete
                throw new RunFolderException(metricsFile() + ":" + (i + 1) + ": expected a JSON object, actual \""
                        + abbreviate(line) + "\" (fix or remove that line; nothing was changed)");
            }
            if (row.containsKey("step") && !(row.get("step") instanceof Number)) {
                throw new RunFolderException(metricsFile() + ":" + (i + 1) + ": step: expected a number, actual "
                        + row.get("step") + " (fix or remove that line; nothing was changed)");
            }
            out.add(row);
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /**
     * Keeps only the metrics lines whose {@code step} is at most {@code step} (for a resume from a checkpoint);
     * the previous file is kept as {@code metrics.jsonl.bak} so nothing recorded is lost. A later resume never
     * overwrites a backup: it keeps its previous file as {@code metrics.jsonl.bak.2}, then {@code .bak.3}, ...
     */
    public void truncateMetrics(long step) throws IOException {
        if (!Files.exists(metricsFile())) return;
        List<Map<String, Object>> keep = new ArrayList<>();
        for (Map<String, Object> m : readMetrics()) {
            if (((Number) m.getOrDefault("step", 0)).longValue() <= step) keep.add(m);
        }
        Path backup = dir.resolve("metrics.jsonl.bak");
        for (int k = 2; Files.exists(backup); k++) backup = dir.resolve("metrics.jsonl.bak." + k);
        Path tmp = dir.resolve("metrics.jsonl.tmp");
        try {
            Files.copy(metricsFile(), backup);
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (Map<String, Object> m : keep) {
                    w.write(LINE.writeValueAsString(m));
                    w.newLine();
                }
            }
            Files.move(tmp, metricsFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // metrics.jsonl is untouched until the move: take back the copies made for it (a full disk)
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(backup);
            throw new RunFolderException("cannot cut " + metricsFile() + " back to step " + step + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); it is unchanged", e);
        }
    }

    /** {@return an appender to metrics.jsonl; each line is flushed when written} */
    public MetricsWriter metrics() throws IOException {
        return new MetricsWriter(metricsFile(), Files.newBufferedWriter(metricsFile(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    /** Appends JSON lines to metrics.jsonl. */
    public static final class MetricsWriter implements AutoCloseable {
        private final Path file;
        private final BufferedWriter w;

        MetricsWriter(Path file, BufferedWriter w) {
            this.file = file;
            this.w = w;
        }

        /** Writes one line and flushes it. */
        public void write(Map<String, Object> row) {
            try {
                w.write(LINE.writeValueAsString(row));
                w.newLine();
                w.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            w.close();
        }
    }
}
