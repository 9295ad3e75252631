package dev.rlcode.envs.code.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
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
}
