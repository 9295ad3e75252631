package dev.rlcode.envs.code.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building the jlinked runtime from scratch, as a first run on a fresh machine does. */
class SandboxRuntimeTest {

    @Test
    void aFreshRuntimeHasTheDefaultCdsArchivesAndItsJvmMapsThem(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // slot uids traverse it
        SandboxRuntime rt = SandboxRuntime.prepare(SandboxConfig.defaults().withRuntimeDir(dir.resolve("rt")));
        assertTrue(rt.jlinked, "expected a jlinked runtime");
        for (String archive : new String[] {"classes.jsa", "classes_nocoops.jsa"}) {
            Path jsa = rt.javaHome.resolve("lib/server/" + archive);
            assertTrue(Files.isRegularFile(jsa) && Files.size(jsa) > (1 << 20), "expected a CDS archive at " + jsa);
        }
        // -Xshare:on makes the JVM fail when it cannot map the archive, instead of running without it
        for (String oops : new String[] {"-XX:+UseCompressedOops", "-XX:-UseCompressedOops"}) {
            Process p = new ProcessBuilder(rt.javaHome.resolve("bin/java").toString(), "-Xshare:on", oops, "-version")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), oops + ": " + out);
            assertTrue(out.contains("sharing"), "expected 'sharing' in the version line: " + out);
        }
    }

    /**
     * The probes' command runner keeps its time limit for a command that hangs with its output open (it read the
     * output pipe to 8 KiB or its end first, so such a command hung the sandbox's start-up for good) and kills it.
     */
    @Test
    void aProbeCommandThatHangsIsKilledAtItsLimit(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("pid");
        String reason = SandboxRuntime.run(List.of("sh", "-c", "echo $$ > " + pidFile + "; echo started; exec sleep 600"),
                1);
        assertEquals("timed out after 1 s", reason);
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        java.util.Optional<ProcessHandle> h = ProcessHandle.of(pid);
        assertTrue(h.isEmpty() || h.get().onExit().get(10, TimeUnit.SECONDS) != null, "the command was not killed");
        assertEquals("exit 4: boom", SandboxRuntime.run(List.of("sh", "-c", "echo boom; exit 4"), 20));
        assertEquals(null, SandboxRuntime.run(List.of("true"), 20));
    }

    @Test
    void aLibraryMappedFromAPrivateFolderDoesNotSwitchOffBubblewrap(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap is not installed");
        String maps = Files.readString(Path.of("/proc/self/maps"));
        Matcher libm = Pattern.compile("(/\\S*/libm\\.so[.0-9]*)\\s").matcher(maps);
        Assumptions.assumeTrue(libm.find(), "no libm mapped in this JVM");
        Path system = Path.of(libm.group(1));
        // as PoCL maps its compiled kernels from ~/.cache/pocl: a library below a folder only its owner can enter
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path privateDir = Files.createDirectories(dir.resolve("home/.cache/lib"));
        Files.setPosixFilePermissions(dir.resolve("home"), PosixFilePermissions.fromString("rwx------"));
        Path copy = Files.copy(system, privateDir.resolve("libcopy.so"));
        SymbolLookup.libraryLookup(copy, Arena.global());
        assertTrue(Files.readString(Path.of("/proc/self/maps")).contains(copy.toString()), "expected the copy mapped");

        assertTrue(SandboxRuntime.systemDirectory(system.getParent()), system.getParent().toString());
        assertFalse(SandboxRuntime.systemDirectory(privateDir));
        SandboxRuntime rt = SandboxRuntime.prepare(SandboxConfig.defaults().withRuntimeDir(dir.resolve("rt")));
        assertNotNull(rt.bwrap, "bubblewrap must stay on when a non-system library is mapped");
    }
}
