package dev.rlcode.agents.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cutting metrics back for a resume keeps every earlier file, however many resumes follow; a damaged line is named,
 * never silently dropped with everything after it; one process at a time writes a run folder.
 */
class RunDirTest {

    @TempDir
    Path tmp;

    private static void append(RunDir run, long... steps) throws IOException {
        try (RunDir.MetricsWriter w = run.metrics()) {
            for (long s : steps) w.write(Map.of("type", "episode", "step", s));
        }
    }

    @Test
    void everyResumeKeepsThePreviousMetricsInABackupOfItsOwn() throws IOException {
        RunDir run = RunDir.create(tmp.resolve("run"));
        append(run, 10, 20, 30);
        List<String> first = Files.readAllLines(run.metricsFile());
        run.truncateMetrics(20);                    // the first resume, from the checkpoint at step 20
        assertEquals(2, run.readMetrics().size());
        append(run, 30, 40, 50);                    // trained on, then stopped again
        List<String> second = Files.readAllLines(run.metricsFile());
        run.truncateMetrics(40);                    // the second resume
        assertEquals(4, run.readMetrics().size());

        assertEquals(first, Files.readAllLines(run.dir().resolve("metrics.jsonl.bak")), "the first backup stays");
        assertEquals(second, Files.readAllLines(run.dir().resolve("metrics.jsonl.bak.2")));
        assertFalse(Files.exists(run.dir().resolve("metrics.jsonl.bak.3")));
    }

    @Test
    void aDamagedLineInTheMiddleIsNamedAndNothingIsCutBack() throws IOException {
        RunDir run = RunDir.create(tmp.resolve("run"));
        append(run, 10, 20, 30, 40);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(run.metricsFile()));
        for (String bad : new String[] {"GARBAGE{", "[1,2]", "null", "{\"type\":\"episode\",\"step\":\"x\"}",
                "{\"type\":\"episode\",\"step\":null}"}) {
            List<String> damaged = new java.util.ArrayList<>(lines);
            damaged.set(1, bad);
            Files.write(run.metricsFile(), damaged);
            byte[] before = Files.readAllBytes(run.metricsFile());
            RunFolderException e = assertThrows(RunFolderException.class, () -> run.truncateMetrics(30), bad);
            assertTrue(e.getMessage().contains("metrics.jsonl:2: "), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(run.metricsFile()), "nothing changed");
            assertFalse(Files.exists(run.dir().resolve("metrics.jsonl.bak")));
        }
        // the last line cut by a crash while it was written is left out, as before
        List<String> cut = new java.util.ArrayList<>(lines);
        cut.set(3, lines.get(3).substring(0, 10));
        Files.write(run.metricsFile(), cut);
        assertEquals(3, run.readMetrics().size());
        // bytes that are not UTF-8 text: named by line inside the file, left out as a crash's cut at its end
        byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xff, (byte) 0xfe, ' ', 'x'};
        java.io.ByteArrayOutputStream inside = new java.io.ByteArrayOutputStream();
        inside.write(lines.get(0).getBytes(StandardCharsets.UTF_8));
        inside.write('\n');
        inside.write(bad);
        inside.write('\n');
        inside.write((lines.get(2) + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(run.metricsFile(), inside.toByteArray());
        RunFolderException e = assertThrows(RunFolderException.class, run::readMetrics);
        assertTrue(e.getMessage().contains("metrics.jsonl:2: expected a JSON object, actual bytes that are not UTF-8"),
                e.getMessage());
        // a last line cut inside a two-byte character ("é" is C3 A9)
        byte[] cutInChar = java.util.Arrays.copyOf(text, text.length + 3);
        cutInChar[text.length] = '{';
        cutInChar[text.length + 1] = '"';
        cutInChar[text.length + 2] = (byte) 0xc3;
        Files.write(run.metricsFile(), cutInChar);
        assertEquals(4, run.readMetrics().size());
    }

    /** A second process cannot train or resume into a folder another one is writing (the lock dies with it). */
    @Test
    void aMetricsFileThatCannotBeCutBackIsLeftAsItWasWithNoStrayFiles() throws IOException {
        RunDir run = RunDir.create(tmp.resolve("run"));
        append(run, 10, 20, 30);
        byte[] before = Files.readAllBytes(run.metricsFile());
        // the temporary file cannot be created (as on a full disk): an empty directory stands in its way
        Files.createDirectory(run.dir().resolve("metrics.jsonl.tmp"));
        RunFolderException e = assertThrows(RunFolderException.class, () -> run.truncateMetrics(20));
        assertTrue(e.getMessage().contains("metrics.jsonl") && e.getMessage().contains("unchanged"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(run.metricsFile()));
        assertFalse(Files.exists(run.dir().resolve("metrics.jsonl.bak")), "no backup of a file that did not change");
        assertFalse(Files.exists(run.dir().resolve("metrics.jsonl.tmp")));
        run.truncateMetrics(20); // and a later resume works
        assertEquals(2, run.readMetrics().size());
    }

    @Test
    void aMetricsPathThatIsNoFileIsNamed() throws IOException {
        RunDir run = RunDir.create(tmp.resolve("run"));
        Files.createDirectory(run.metricsFile());
        RunFolderException e = assertThrows(RunFolderException.class, run::readMetrics);
        assertTrue(e.getMessage().contains("metrics.jsonl"), e.getMessage());
    }

    @Test
    void aJsonFileHoldingAnotherValueThanAnObjectIsNamed() throws IOException {
        RunDir run = RunDir.create(tmp.resolve("run"));
        for (String content : List.of("null", "[1, 2]", "42", "\"text\"", "")) {
            Files.writeString(run.dir().resolve("config.json"), content);
            IOException e = assertThrows(IOException.class, () -> run.readJson("config.json"), content);
            assertTrue(e.getMessage().contains("config.json: expected a JSON object"), content + ": " + e.getMessage());
        }
    }

    @Test
    void aFolderClaimedByAnotherProcessIsRefusedNamingItsPid() throws Exception {
        RunDir run = RunDir.create(tmp.resolve("run"));
        run.writeJson("config.json", Map.of("envId", "CartPole-v1"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process other = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ClaimMain.class.getName(), run.dir().toString()).redirectErrorStream(true).start();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine(); // the child prints once it holds the folder, then waits for stdin to close
            assertEquals("claimed", line);
            assertTrue(run.inUse(), "held by the other process");
            RunFolderException e = assertThrows(RunFolderException.class, run::claim);
            assertTrue(e.getMessage().contains("is in use by another rlcode process (pid " + other.pid() + ")"),
                    e.getMessage());
        } finally {
            other.getOutputStream().close();
            other.destroyForcibly().waitFor();
        }
        assertFalse(run.inUse(), "the holder is gone");
        run.claim(); // the holder is gone, and its lock with it
        run.claim(); // again from the same JVM: a no-op
        assertFalse(run.inUse(), "held by this JVM: not another process's");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), run.dir());
        RunDir.open(link).claim(); // the same folder by another name: a no-op too, the lock stays held
        Process again = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ClaimMain.class.getName(), run.dir().toString()).redirectErrorStream(true).start();
        again.getOutputStream().close();
        String out = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(again.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.contains("is in use by another rlcode process (pid " + ProcessHandle.current().pid() + ")"),
                out);
        assertFalse(run.inUse());
        Process third = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ClaimMain.class.getName(), run.dir().toString()).redirectErrorStream(true).start();
        third.getOutputStream().close();
        assertTrue(third.waitFor(60, TimeUnit.SECONDS));
        String thirdOut = new String(third.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(thirdOut.contains("in use"), "asking (inUse) released nothing: this JVM still holds the folder: "
                + thirdOut);
        // last: closing any descriptor of the lock file, as reading it does, ends this process's (POSIX) lock
        assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(run.dir().resolve(RunDir.LOCK_FILE)));
    }

    /** The other process of {@link #aFolderClaimedByAnotherProcessIsRefusedNamingItsPid}. */
    public static final class ClaimMain {
        public static void main(String[] args) throws IOException {
            RunDir.open(Path.of(args[0])).claim();
            System.out.println("claimed");
            System.out.flush();
            System.in.read(); // until the parent closes our stdin or kills us
        }
    }
}
