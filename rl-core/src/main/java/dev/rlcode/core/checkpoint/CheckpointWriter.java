package dev.rlcode.core.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Collects named primitive arrays and a JSON meta object, then writes them as one checkpoint directory.
 *
 * <p>Layout: {@code manifest.json} (see {@link Checkpoint}) and its checksum {@code manifest.sha256}, plus one
 * little-endian file {@code <name>.bin} per array.
 * {@link #write(Path)} is all-or-nothing: everything is written and forced to disk in a hidden temporary
 * directory next to the target, which is then renamed into place atomically. A crash leaves either no checkpoint or
 * a complete one (plus possibly a stray {@code .step-….tmp-…} directory, which readers ignore).
 *
 * <p><b>Existing checkpoints are never overwritten</b>: writing to a directory that exists throws. A checkpoint is a
 * record of a step; replacing it would make two different states answer to one name.
 *
 * {@snippet :
 * CheckpointWriter w = new CheckpointWriter(step);
 * w.meta().put("agent", "dqn").put("seed", 1);
 * w.put("qnet.weights", weights).putAll("replay.", buffer.saveState());
 * w.write(Checkpoint.dirFor(runDir.resolve("checkpoints"), step));
 * }
 *
 * <p>Arrays are not copied by {@code put}: do not modify them until {@link #write(Path)} returns. Not thread-safe.
 */
public final class CheckpointWriter {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}");

    private final long step;
    private final Map<String, Object> arrays = new LinkedHashMap<>();
    private ObjectNode meta = Checkpoint.JSON.createObjectNode();

    /**
     * Creates an empty checkpoint of {@code step} with an empty meta object.
     *
     * @param step the training step the checkpoint records, {@code >= 0}
     * @throws IllegalArgumentException if {@code step < 0}
     */
    public CheckpointWriter(long step) {
        if (step < 0) throw new IllegalArgumentException("checkpoint step: expected >= 0, actual " + step);
        this.step = step;
    }

    /** {@return the free-form meta object, to add fields to in place} */
    public ObjectNode meta() {
        return meta;
    }

    /**
     * Replaces the meta object (it is not copied).
     *
     * @param meta a JSON object
     * @return this writer
     * @throws IllegalArgumentException if {@code meta} is not a JSON object
     */
    public CheckpointWriter meta(JsonNode meta) {
        if (!(meta instanceof ObjectNode o)) {
            throw new IllegalArgumentException("checkpoint meta: expected a JSON object, actual "
                    + (meta == null ? "null" : meta.getNodeType()));
        }
        this.meta = o;
        return this;
    }

    /**
     * Adds (or replaces) the array {@code name}.
     *
     * @param name  1–200 characters from {@code [A-Za-z0-9_.-]}, not starting with {@code '.'} or {@code '-'}
     * @param array a {@code float[]}, {@code int[]}, {@code long[]}, {@code byte[]} or {@code double[]}; not copied
     * @return this writer
     * @throws IllegalArgumentException if the name is malformed or the array is not one of those types
     */
    public CheckpointWriter put(String name, Object array) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("checkpoint array name: expected 1-200 characters of [A-Za-z0-9_.-] "
                    + "not starting with '.' or '-', actual '" + name + "'");
        }
        Dtype.of(array);
        arrays.put(name, array);
        return this;
    }

    /**
     * Adds every array of {@code state} under the name {@code prefix + key}, e.g. a replay buffer's
     * {@code saveState()} under {@code "replay."}; read them back with {@link Checkpoint#arrays(String)}.
     *
     * @param prefix prepended to each key (may be empty)
     * @param state  primitive arrays by name
     * @return this writer
     * @throws IllegalArgumentException if a resulting name is malformed or a value is not a primitive array
     */
    public CheckpointWriter putAll(String prefix, Map<String, ?> state) {
        state.forEach((k, v) -> put(prefix + k, v));
        return this;
    }

    /**
     * Writes the checkpoint to {@code dir}, atomically; creates missing parent directories.
     *
     * @param dir the checkpoint directory to create, e.g. {@code checkpoints/step-000050000}
     * @return {@code dir}
     * @throws CheckpointException if {@code dir} already exists or the file system cannot rename atomically
     * @throws IOException         if writing fails (the temporary directory is removed; {@code dir} is not created)
     */
    public Path write(Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) throw new CheckpointException(dir, "a checkpoint cannot be the file-system root");
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new CheckpointException(dir, "already exists; checkpoints are never overwritten");
        }
        Files.createDirectories(parent);
        // Hidden and unique; created with default permissions (createTempDirectory would make it owner-only).
        Path tmp = Files.createDirectory(parent.resolve("." + target.getFileName() + ".tmp-"
                + ProcessHandle.current().pid() + "-" + System.nanoTime()));
        try {
            ArrayNode entries = Checkpoint.JSON.createArrayNode();
            for (var e : arrays.entrySet()) {
                String file = e.getKey() + ".bin";
                String sha = ArrayIo.write(tmp.resolve(file), e.getValue());
                entries.addObject()
                        .put("name", e.getKey())
                        .put("dtype", Dtype.of(e.getValue()).jsonName())
                        .put("length", Dtype.length(e.getValue()))
                        .put("file", file)
                        .put("sha256", sha);
            }
            ObjectNode manifest = Checkpoint.JSON.createObjectNode()
                    .put("format", Checkpoint.FORMAT)
                    .put("version", Checkpoint.VERSION)
                    .put("created", Instant.now().toString())
                    .put("step", step);
            manifest.set("meta", meta);
            manifest.set("arrays", entries);
            Path manifestFile = tmp.resolve(Checkpoint.MANIFEST);
            byte[] manifestBytes = Checkpoint.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
            Files.write(manifestFile, manifestBytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            force(manifestFile);
            Path digestFile = tmp.resolve(Checkpoint.MANIFEST_SHA256);
            Files.writeString(digestFile, ArrayIo.hex(ArrayIo.sha256().digest(manifestBytes)) + "  "
                    + Checkpoint.MANIFEST + "\n", java.nio.charset.StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            force(digestFile);
            force(tmp);
            try {
                // On Linux rename(2) fails on a non-empty target; the exists() check above covers an empty one.
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new CheckpointException(dir, "the file system cannot rename atomically", e);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                throw new CheckpointException(dir, "already exists; checkpoints are never overwritten", e);
            }
            force(parent);
            return dir;
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) { // e.g. a full disk: name the checkpoint; earlier checkpoints are untouched
            throw new CheckpointException(dir, "cannot be written (" + e.getMessage() + "); its temporary folder is "
                    + "removed and earlier checkpoints are untouched", e);
        } finally {
            if (Files.exists(tmp)) deleteTree(tmp);
        }
    }

    /** Forces a file or directory to disk; directories cannot be opened for that on some platforms, which is fine. */
    private static void force(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // Best effort: e.g. Windows cannot open a directory as a channel. Files were forced when written.
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
