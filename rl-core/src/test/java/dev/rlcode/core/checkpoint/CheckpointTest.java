package dev.rlcode.core.checkpoint;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path tmp;

    private static float[] bigFloats() {
        float[] a = new float[300_001]; // > 1 MiB of bytes: crosses the I/O chunk boundary
        for (int i = 0; i < a.length; i++) a[i] = i * 0.5f - 7;
        return a;
    }

    private Path writeSample(long step) throws IOException {
        CheckpointWriter w = new CheckpointWriter(step);
        w.meta().put("agent", "dqn").putObject("config").put("gamma", 0.99);
        w.put("weights", bigFloats())
                .put("ints", new int[] {0x01020304, -1, 7})
                .put("longs", new long[] {Long.MIN_VALUE, 42})
                .put("flags", new byte[] {0, 1, (byte) 255})
                .put("doubles", new double[] {Math.PI, -0.0})
                .put("empty", new float[0]);
        return w.write(Checkpoint.dirFor(tmp.resolve("checkpoints"), step));
    }

    /** Every file under {@code dir} with its bytes, to show that reading changed nothing. */
    private static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
        return files;
    }

    private static void assertUnchanged(Map<String, byte[]> before, Path dir) throws IOException {
        Map<String, byte[]> after = snapshot(dir);
        assertEquals(before.keySet(), after.keySet());
        for (String k : before.keySet()) assertArrayEquals(before.get(k), after.get(k), k);
    }

    /** Reads the corrupted checkpoint, expects a CheckpointException containing every fragment, and no change. */
    private static CheckpointException assertRejected(Path dir, String... fragments) throws IOException {
        Map<String, byte[]> before = snapshot(dir);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(dir));
        assertTrue(e.getMessage().startsWith("checkpoint " + dir + ": "), e.getMessage());
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "missing '" + f + "' in: " + e.getMessage());
        assertEquals(dir, e.checkpoint());
        assertUnchanged(before, dir);
        return e;
    }

    @Test
    void roundTripPreservesEveryArrayStepAndMeta() throws IOException {
        Path dir = writeSample(50_000);
        assertEquals("step-000050000", dir.getFileName().toString());
        Checkpoint c = Checkpoint.read(dir);
        assertEquals(50_000, c.step());
        assertNotNull(c.created());
        assertEquals("dqn", c.meta().get("agent").asText());
        assertEquals(0.99, c.meta().get("config").get("gamma").asDouble());
        assertArrayEquals(bigFloats(), c.floats("weights"));
        assertArrayEquals(new int[] {0x01020304, -1, 7}, c.ints("ints"));
        assertArrayEquals(new long[] {Long.MIN_VALUE, 42}, c.longs("longs"));
        assertArrayEquals(new byte[] {0, 1, (byte) 255}, c.bytes("flags"));
        assertArrayEquals(new double[] {Math.PI, -0.0}, c.doubles("doubles"));
        assertEquals(0, c.floats("empty").length);
        assertEquals(java.util.List.of("weights", "ints", "longs", "flags", "doubles", "empty"),
                c.entries().stream().map(ArrayEntry::name).toList());
    }

    @Test
    void filesAreLittleEndianAndManifestHasTheDocumentedFields() throws IOException {
        Path dir = writeSample(1);
        byte[] ints = Files.readAllBytes(dir.resolve("ints.bin"));
        assertArrayEquals(new byte[] {4, 3, 2, 1}, java.util.Arrays.copyOf(ints, 4));
        var m = Checkpoint.JSON.readTree(dir.resolve("manifest.json").toFile());
        assertEquals("rlcode-checkpoint", m.get("format").asText());
        assertEquals(1, m.get("version").asInt());
        assertEquals(1, m.get("step").asLong());
        var e = m.get("arrays").get(1);
        assertEquals("ints", e.get("name").asText());
        assertEquals("i32", e.get("dtype").asText());
        assertEquals(3, e.get("length").asInt());
        assertEquals("ints.bin", e.get("file").asText());
        assertEquals(64, e.get("sha256").asText().length());
    }

    @Test
    void writeLeavesNoTemporaryDirectoryAndRefusesToOverwrite() throws IOException {
        Path dir = writeSample(10);
        try (Stream<Path> s = Files.list(dir.getParent())) {
            assertEquals(java.util.List.of(dir), s.toList());
        }
        Map<String, byte[]> before = snapshot(dir);
        CheckpointWriter again = new CheckpointWriter(10).put("other", new int[] {1});
        var e = assertThrows(CheckpointException.class, () -> again.write(dir));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertUnchanged(before, dir);
        try (Stream<Path> s = Files.list(dir.getParent())) {
            assertEquals(1, s.count(), "a failed write must remove its temporary directory");
        }
    }

    @Test
    void flippedByteIsAChecksumErrorNamingTheArray() throws IOException {
        Path dir = writeSample(1);
        Path f = dir.resolve("weights.bin");
        byte[] b = Files.readAllBytes(f);
        b[123_457] ^= 0x10;
        Files.write(f, b);
        assertRejected(dir, "array 'weights'", "checksum mismatch in weights.bin");
    }

    @Test
    void truncatedFileReportsExpectedAndActualSize() throws IOException {
        Path dir = writeSample(1);
        Path f = dir.resolve("longs.bin");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 3));
        assertRejected(dir, "array 'longs'", "truncated file longs.bin: expected 16 bytes, actual 13");
    }

    @Test
    void missingFileIsNamed() throws IOException {
        Path dir = writeSample(1);
        Files.delete(dir.resolve("doubles.bin"));
        assertRejected(dir, "array 'doubles'", "missing file doubles.bin");
    }

    @Test
    void newerVersionIsRejectedClearly() throws IOException {
        Path dir = writeSample(1);
        Path m = dir.resolve("manifest.json");
        rewriteManifest(dir, Files.readString(m).replace("\"version\" : 1", "\"version\" : 99"));
        assertRejected(dir, "checkpoint version 99 is newer than this reader supports (1)");
    }

    @Test
    void garbageManifestIsNotValidJson() throws IOException {
        Path dir = writeSample(1);
        rewriteManifest(dir, "{\"format\": \"rlcode-checkpoint\", \"version\": 1, ]]garbage");
        assertRejected(dir, "manifest.json is not valid JSON");
    }

    @Test
    void foreignOrIncompleteManifestsAreRejected() throws IOException {
        Path dir = writeSample(1);
        Path m = dir.resolve("manifest.json");
        String good = Files.readString(m);
        rewriteManifest(dir, good.replace("rlcode-checkpoint", "something-else"));
        assertRejected(dir, "not an rlcode checkpoint", "something-else");
        rewriteManifest(dir, good.replace("\"dtype\" : \"i32\"", "\"dtype\" : \"i16\""));
        assertRejected(dir, "array 'ints': unknown dtype \"i16\"");
        rewriteManifest(dir, good.replace("\"file\" : \"ints.bin\"", "\"file\" : \"../ints.bin\""));
        assertRejected(dir, "array 'ints': file expected a plain file name");
        Files.delete(m);
        assertRejected(dir, "missing manifest.json");
    }

    /** The arrays' checksums cannot see the manifest: a changed step or meta field is refused by its own. */
    @Test
    void anEditedManifestIsRefusedByItsChecksum() throws IOException {
        Path dir = writeSample(7);
        Path m = dir.resolve(Checkpoint.MANIFEST), digest = dir.resolve(Checkpoint.MANIFEST_SHA256);
        assertTrue(Files.readString(digest).matches("[0-9a-f]{64}  manifest\\.json\n"), Files.readString(digest));
        String good = Files.readString(m);
        Files.writeString(m, good.replace("\"step\" : 7", "\"step\" : 8"));
        assertRejected(dir, "checksum mismatch in manifest.json", "the manifest was changed or damaged");
        Files.writeString(m, good);
        Checkpoint.read(dir);
        Files.writeString(digest, "not a digest\n");
        assertRejected(dir, "manifest.sha256: expected 64 lower-case hex digits");
        Files.delete(digest); // as a checkpoint written before manifest.sha256 existed: read without that check
        assertEquals(7, Checkpoint.read(dir).step());
    }

    /** Replaces the manifest and its checksum, as a consistent writer of that content would have left them. */
    private static void rewriteManifest(Path dir, String content) throws IOException {
        Files.writeString(dir.resolve(Checkpoint.MANIFEST), content);
        Files.writeString(dir.resolve(Checkpoint.MANIFEST_SHA256), ArrayIo.hex(ArrayIo.sha256().digest(
                content.getBytes(java.nio.charset.StandardCharsets.UTF_8))) + "  manifest.json\n");
    }

    @Test
    void typedGettersCheckNameAndDtype() throws IOException {
        Checkpoint c = Checkpoint.read(writeSample(1));
        var e = assertThrows(IllegalArgumentException.class, () -> c.floats("ints"));
        assertTrue(e.getMessage().contains("array 'ints': expected dtype f32, actual i32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.ints("nope"));
        assertTrue(e.getMessage().contains("no array 'nope'"), e.getMessage());
    }

    @Test
    void prefixedStateRoundTrips() throws IOException {
        Map<String, Object> state = new java.util.LinkedHashMap<>();
        state.put("obs", new float[] {1, 2});
        state.put("pos", new int[] {1});
        Path dir = new CheckpointWriter(3).putAll("replay.", state).put("other", new long[] {9})
                .write(tmp.resolve("c"));
        Map<String, Object> back = Checkpoint.read(dir).arrays("replay.");
        assertEquals(java.util.List.of("obs", "pos"), java.util.List.copyOf(back.keySet()));
        assertArrayEquals(new float[] {1, 2}, (float[]) back.get("obs"));
        assertArrayEquals(new int[] {1}, (int[]) back.get("pos"));
    }

    @Test
    void invalidNamesAndValuesAreRejected() {
        CheckpointWriter w = new CheckpointWriter(0);
        assertThrows(IllegalArgumentException.class, () -> w.put("../evil", new int[1]));
        assertThrows(IllegalArgumentException.class, () -> w.put(".hidden", new int[1]));
        assertThrows(IllegalArgumentException.class, () -> w.put("x", new Object()));
        assertThrows(IllegalArgumentException.class, () -> w.put("x", new short[1]));
        assertThrows(IllegalArgumentException.class, () -> new CheckpointWriter(-1));
    }

    @Test
    void latestSkipsCorruptAndTemporaryDirectories() throws IOException {
        Path root = tmp.resolve("checkpoints");
        assertTrue(Checkpoint.latest(root).isEmpty(), "no directory: no checkpoint");
        writeSample(10);
        writeSample(200);
        Path newest = writeSample(3000);
        Files.createDirectories(root.resolve(".step-000009999.tmp-123"));
        Files.createDirectories(root.resolve("step-000099999")); // empty: no manifest
        Files.write(newest.resolve("ints.bin"), new byte[12]);   // same size, wrong bytes
        assertEquals(200, Checkpoint.latest(root).orElseThrow().step());
        assertTrue(Files.exists(newest.resolve("ints.bin")), "latest() must not delete what it skips");
    }
}
