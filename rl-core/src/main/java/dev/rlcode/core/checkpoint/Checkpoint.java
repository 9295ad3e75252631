package dev.rlcode.core.checkpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checkpoint read from disk and fully verified: its step, meta object and named arrays.
 *
 * <p>On disk a checkpoint is a directory (by convention {@code checkpoints/step-000050000/}, see {@link #dirFor})
 * holding {@code manifest.json} and one little-endian file per array, written by {@link CheckpointWriter}:
 * {@snippet lang=json :
 * { "format": "rlcode-checkpoint", "version": 1, "created": "2025-01-01T12:00:00Z", "step": 50000,
 *   "meta": { "agent": "dqn" },
 *   "arrays": [ { "name": "replay.obs", "dtype": "f32", "length": 400000, "file": "replay.obs.bin",
 *                 "sha256": "…64 hex digits…" } ] }
 * }
 * Next to it, {@code manifest.sha256} holds the manifest's own SHA-256 in {@code sha256sum} format, so an edited or
 * damaged manifest (a changed step count, say, which the arrays' checksums cannot see) is refused too; checkpoints
 * written before 2026-12-07 have no such file and are read without that check. {@link #read(Path)} checks the
 * manifest's checksum, the format tag, the version, and every array file's size and SHA-256 before returning; it
 * opens files read-only and never changes anything on disk.
 *
 * {@snippet :
 * Optional<Checkpoint> last = Checkpoint.latest(runDir.resolve("checkpoints"));
 * if (last.isPresent()) {
 *     buffer.restoreState(last.get().arrays("replay."));
 *     long step = last.get().step();
 * }
 * }
 */
public final class Checkpoint {

    /** Value of the manifest's {@code format} field. */
    public static final String FORMAT = "rlcode-checkpoint";
    /** Manifest version this code writes, and the newest it reads. */
    public static final int VERSION = 1;
    /** Name of the manifest file inside a checkpoint directory. */
    public static final String MANIFEST = "manifest.json";
    /** Name of the file holding the manifest's SHA-256 ({@code sha256sum} format). */
    public static final String MANIFEST_SHA256 = "manifest.sha256";

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d{1,18})");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final System.Logger LOG = System.getLogger(Checkpoint.class.getName());

    private final Path dir;
    private final long step;
    private final Instant created;
    private final JsonNode meta;
    private final List<ArrayEntry> entries;
    private final Map<String, Object> arrays;

    private Checkpoint(Path dir, long step, Instant created, JsonNode meta, List<ArrayEntry> entries,
                       Map<String, Object> arrays) {
        this.dir = dir;
        this.step = step;
        this.created = created;
        this.meta = meta;
        this.entries = List.copyOf(entries);
        this.arrays = arrays;
    }

    /**
     * {@return the conventional directory of the checkpoint of {@code step}: {@code checkpointsDir/step-%09d}}
     *
     * @param checkpointsDir the run's checkpoints directory
     * @param step           training step, {@code >= 0}
     * @throws IllegalArgumentException if {@code step < 0}
     */
    public static Path dirFor(Path checkpointsDir, long step) {
        if (step < 0) throw new IllegalArgumentException("checkpoint step: expected >= 0, actual " + step);
        return checkpointsDir.resolve("step-%09d".formatted(step));
    }

    /**
     * Deletes the checkpoint directory {@code dir} and everything in it, if it exists: for the one caller that may
     * replace a checkpoint, a trainer restored from it that writes the same state again.
     */
    public static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) CheckpointWriter.deleteTree(dir);
    }

    /**
     * Reads and verifies the checkpoint in {@code dir}.
     *
     * @param dir a checkpoint directory
     * @return the checkpoint with all arrays loaded
     * @throws CheckpointException if the directory or manifest is missing or unreadable, the manifest is not valid
     *                             JSON or not an rlcode checkpoint, its version is newer or unknown, a field is
     *                             malformed, or an array file is missing, has the wrong size or a wrong checksum;
     *                             the message names the checkpoint, the array and the problem
     */
    public static Checkpoint read(Path dir) throws CheckpointException {
        if (!Files.isDirectory(dir)) throw new CheckpointException(dir, "no such checkpoint directory");
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) throw new CheckpointException(dir, "missing " + MANIFEST);
        verifyManifestChecksum(dir, manifestFile);
        JsonNode m;
        try {
            m = JSON.readTree(manifestFile.toFile());
        } catch (JacksonException e) {
            throw new CheckpointException(dir, MANIFEST + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CheckpointException(dir, "cannot read " + MANIFEST + ": " + e, e);
        }
        if (m == null || !m.isObject()) throw new CheckpointException(dir, MANIFEST + " is not a JSON object");
        if (!FORMAT.equals(m.path("format").asText(null))) {
            throw new CheckpointException(dir, "not an rlcode checkpoint: format expected \"" + FORMAT + "\", actual "
                    + m.get("format"));
        }
        JsonNode v = m.get("version");
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new CheckpointException(dir, "unknown checkpoint version " + v + ": expected an integer 1.." + VERSION);
        }
        if (v.intValue() > VERSION) {
            throw new CheckpointException(dir, "checkpoint version " + v.intValue() + " is newer than this reader "
                    + "supports (" + VERSION + "); read it with a newer rlcode");
        }
        if (v.intValue() < 1) throw new CheckpointException(dir, "unknown checkpoint version " + v.intValue());
        JsonNode stepNode = field(dir, m, "step");
        if (!stepNode.isIntegralNumber() || !stepNode.canConvertToLong() || stepNode.longValue() < 0) {
            throw new CheckpointException(dir, "field 'step': expected a non-negative integer, actual " + stepNode);
        }
        long step = stepNode.longValue();
        Instant created;
        try {
            created = Instant.parse(field(dir, m, "created").asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new CheckpointException(dir, "field 'created': expected an ISO-8601 instant, actual "
                    + m.get("created"), e);
        }
        JsonNode meta = field(dir, m, "meta");
        if (!meta.isObject()) throw new CheckpointException(dir, "field 'meta': expected an object, actual " + meta);
        JsonNode list = field(dir, m, "arrays");
        if (!list.isArray()) throw new CheckpointException(dir, "field 'arrays': expected a list, actual " + list);

        List<ArrayEntry> entries = new ArrayList<>();
        Map<String, Object> arrays = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            ArrayEntry e = entry(dir, list.get(i), i);
            if (arrays.containsKey(e.name())) throw new CheckpointException(dir, "array '" + e.name() + "' listed twice");
            arrays.put(e.name(), readArray(dir, e));
            entries.add(e);
        }
        return new Checkpoint(dir, step, created, meta.deepCopy(), entries, Collections.unmodifiableMap(arrays));
    }

    private static JsonNode field(Path dir, JsonNode m, String name) throws CheckpointException {
        JsonNode f = m.get(name);
        if (f == null || f.isNull()) throw new CheckpointException(dir, MANIFEST + " lacks field '" + name + "'");
        return f;
    }

    private static ArrayEntry entry(Path dir, JsonNode n, int i) throws CheckpointException {
        String where = "arrays[" + i + "]";
        if (n == null || !n.isObject()) throw new CheckpointException(dir, where + ": expected an object, actual " + n);
        String name = n.path("name").asText("");
        if (name.isEmpty()) throw new CheckpointException(dir, where + ": missing 'name'");
        where = "array '" + name + "'";
        Dtype dtype = Dtype.fromJsonName(n.path("dtype").asText(""));
        if (dtype == null) {
            throw new CheckpointException(dir, where + ": unknown dtype " + n.get("dtype") + ", expected f32, i32, "
                    + "i64, u8 or f64");
        }
        JsonNode len = n.path("length");
        if (!len.isIntegralNumber() || !len.canConvertToInt() || len.intValue() < 0) {
            throw new CheckpointException(dir, where + ": length expected a non-negative int, actual " + len);
        }
        String file = n.path("file").asText("");
        if (file.isEmpty() || file.contains("/") || file.contains("\\") || file.startsWith(".")) {
            throw new CheckpointException(dir, where + ": file expected a plain file name, actual " + n.get("file"));
        }
        String sha = n.path("sha256").asText("");
        if (!SHA256.matcher(sha).matches()) {
            throw new CheckpointException(dir, where + ": sha256 expected 64 lower-case hex digits, actual "
                    + n.get("sha256"));
        }
        return new ArrayEntry(name, dtype, len.intValue(), file, sha);
    }

    private static Object readArray(Path dir, ArrayEntry e) throws CheckpointException {
        String where = "array '" + e.name() + "': ";
        Path file = dir.resolve(e.file());
        if (!Files.isRegularFile(file)) throw new CheckpointException(dir, where + "missing file " + e.file());
        try {
            long actual = Files.size(file);
            if (actual != e.byteLength()) {
                throw new CheckpointException(dir, where + (actual < e.byteLength() ? "truncated" : "oversized")
                        + " file " + e.file() + ": expected " + e.byteLength() + " bytes, actual " + actual);
            }
            MessageDigest md = ArrayIo.sha256();
            Object array = ArrayIo.read(file, e.dtype(), e.length(), md);
            String sha = ArrayIo.hex(md.digest());
            if (!sha.equals(e.sha256())) {
                throw new CheckpointException(dir, where + "checksum mismatch in " + e.file() + ": expected sha256 "
                        + e.sha256() + ", actual " + sha);
            }
            return array;
        } catch (CheckpointException ce) {
            throw ce;
        } catch (IOException io) {
            throw new CheckpointException(dir, where + "cannot read " + e.file() + ": " + io, io);
        }
    }

    /**
     * Finds the newest valid checkpoint among the {@code step-<digits>} directories of {@code checkpointsDir}:
     * candidates are tried from the highest step down, and invalid ones are skipped with a warning on the
     * {@link System.Logger} of this class. Temporary directories of unfinished writes are ignored.
     *
     * @param checkpointsDir the directory holding checkpoint directories; need not exist
     * @return the newest checkpoint that reads and verifies, or empty if there is none
     * @throws IOException if {@code checkpointsDir} exists but cannot be listed
     */
    public static Optional<Checkpoint> latest(Path checkpointsDir) throws IOException {
        List<Map.Entry<Long, Path>> candidates = candidates(checkpointsDir);
        for (var c : candidates) {
            try {
                return Optional.of(read(c.getValue()));
            } catch (CheckpointException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping invalid checkpoint: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Reads the checkpoint with the highest step in {@code checkpointsDir}, strictly: unlike {@link #latest}, an
     * invalid newest checkpoint is an error, not skipped (resuming from an older one would silently discard
     * progress and later collide with the damaged directory).
     *
     * @return the newest checkpoint, or empty if there is none
     * @throws CheckpointException if the newest checkpoint does not read or verify
     * @throws IOException         if {@code checkpointsDir} exists but cannot be listed
     */
    public static Optional<Checkpoint> newest(Path checkpointsDir) throws IOException {
        List<Map.Entry<Long, Path>> candidates = candidates(checkpointsDir);
        if (candidates.isEmpty()) return Optional.empty();
        return Optional.of(read(candidates.getFirst().getValue()));
    }

    /** {@return the step directories of {@code checkpointsDir}, highest step first} */
    private static List<Map.Entry<Long, Path>> candidates(Path checkpointsDir) throws IOException {
        List<Map.Entry<Long, Path>> candidates = new ArrayList<>();
        if (!Files.isDirectory(checkpointsDir)) return candidates;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(checkpointsDir, Files::isDirectory)) {
            for (Path p : ds) {
                Matcher mt = STEP_DIR.matcher(p.getFileName().toString());
                if (mt.matches()) candidates.add(Map.entry(Long.parseLong(mt.group(1)), p));
            }
        }
        candidates.sort(Map.Entry.<Long, Path>comparingByKey().reversed());
        return candidates;
    }

    /** {@return the directory this checkpoint was read from} */
    public Path dir() {
        return dir;
    }

    /** Checks manifest.json against manifest.sha256 where that file exists (every checkpoint written since it does). */
    private static void verifyManifestChecksum(Path dir, Path manifestFile) throws CheckpointException {
        Path digestFile = dir.resolve(MANIFEST_SHA256);
        if (!Files.exists(digestFile)) return;
        String expected, actual;
        try {
            String text = Files.readString(digestFile, java.nio.charset.StandardCharsets.US_ASCII).strip();
            expected = text.split("\\s+", 2)[0];
            actual = ArrayIo.hex(ArrayIo.sha256().digest(Files.readAllBytes(manifestFile)));
        } catch (IOException e) {
            throw new CheckpointException(dir, "cannot read " + MANIFEST_SHA256 + " or " + MANIFEST + ": " + e, e);
        }
        if (!SHA256.matcher(expected).matches()) {
            throw new CheckpointException(dir, MANIFEST_SHA256 + ": expected 64 lower-case hex digits, actual \""
                    + expected + "\"");
        }
        if (!expected.equals(actual)) {
            throw new CheckpointException(dir, "checksum mismatch in " + MANIFEST + ": expected sha256 " + expected
                    + " (" + MANIFEST_SHA256 + "), actual " + actual + ": the manifest was changed or damaged");
        }
    }

    /** {@return the training step recorded in the manifest} */
    public long step() {
        return step;
    }

    /** {@return when the checkpoint was written} */
    public Instant created() {
        return created;
    }

    /** {@return a copy of the free-form meta object} */
    public JsonNode meta() {
        return meta.deepCopy();
    }

    /** {@return the manifest entries, in the order they were written} */
    public List<ArrayEntry> entries() {
        return entries;
    }

    /** {@return whether the checkpoint holds an array named {@code name}} */
    public boolean contains(String name) {
        return arrays.containsKey(name);
    }

    /**
     * {@return the {@code f32} array {@code name}, not copied}
     *
     * @param name the array's name as written
     * @throws IllegalArgumentException if there is no such array or it has another dtype
     */
    public float[] floats(String name) {
        return (float[]) get(name, Dtype.F32);
    }

    /**
     * {@return the {@code i32} array {@code name}, not copied}
     *
     * @param name the array's name as written
     * @throws IllegalArgumentException if there is no such array or it has another dtype
     */
    public int[] ints(String name) {
        return (int[]) get(name, Dtype.I32);
    }

    /**
     * {@return the {@code i64} array {@code name}, not copied}
     *
     * @param name the array's name as written
     * @throws IllegalArgumentException if there is no such array or it has another dtype
     */
    public long[] longs(String name) {
        return (long[]) get(name, Dtype.I64);
    }

    /**
     * {@return the {@code u8} array {@code name}, not copied}
     *
     * @param name the array's name as written
     * @throws IllegalArgumentException if there is no such array or it has another dtype
     */
    public byte[] bytes(String name) {
        return (byte[]) get(name, Dtype.U8);
    }

    /**
     * {@return the {@code f64} array {@code name}, not copied}
     *
     * @param name the array's name as written
     * @throws IllegalArgumentException if there is no such array or it has another dtype
     */
    public double[] doubles(String name) {
        return (double[]) get(name, Dtype.F64);
    }

    /**
     * {@return the arrays whose names start with {@code prefix}, keyed by the rest of the name, in write order;
     * the inverse of {@link CheckpointWriter#putAll(String, Map)}} The arrays are this checkpoint's own: callers
     * that keep them past a restore should copy.
     *
     * @param prefix name prefix, e.g. {@code "replay."}; empty for all arrays
     */
    public Map<String, Object> arrays(String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        arrays.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
        });
        return out;
    }

    private Object get(String name, Dtype dtype) {
        Object a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("checkpoint " + dir + ": no array '" + name + "'; it holds "
                    + arrays.keySet());
        }
        if (Dtype.of(a) != dtype) {
            throw new IllegalArgumentException("checkpoint " + dir + ": array '" + name + "': expected dtype "
                    + dtype.jsonName() + ", actual " + Dtype.of(a).jsonName());
        }
        return a;
    }
}
