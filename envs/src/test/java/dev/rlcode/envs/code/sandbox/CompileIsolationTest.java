package dev.rlcode.envs.code.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * L1 inside L4: the compile-service JVM runs in bubblewrap, so what a hostile source could make javac touch is
 * the JDK and nothing else of the host; and a javac bomb is still stopped by the heap cap and the timeout.
 * Checks are made from outside, through {@code /proc/<pid>} of the service JVM. Skipped where bubblewrap is
 * unavailable (the service then runs unwrapped, which the layer list says).
 */
class CompileIsolationTest {
    private static boolean wrapped(Sandbox sandbox) {
        return sandbox.layers().stream().anyMatch(l -> l.startsWith("L1 compile service") && l.contains(
                "inside bubblewrap"));
    }

    /** {@return the compile-service JVM (a java process among the service's processes)} */
    private static ProcessHandle serviceJvm() {
        for (long pid : ProcessSandbox.servicePids()) {
            var h = ProcessHandle.of(pid).orElseThrow();
            var all = new java.util.ArrayList<ProcessHandle>(List.of(h));
            h.descendants().forEach(all::add);
            for (ProcessHandle p : all) {
                if (p.info().command().map(c -> c.endsWith("/bin/java")).orElse(false)) {
                    return p;
                }
            }
        }
        throw new AssertionError("expected a compile-service JVM among " + ProcessSandbox.servicePids());
    }

    @Test
    void compileJvmSeesNoHostPathsAndHasNoNetwork() throws IOException {
        Sandbox sandbox = SandboxFixture.sandbox();
        assumeTrue(wrapped(sandbox), "bubblewrap unavailable: compile service runs unwrapped");
        ProcessHandle jvm = serviceJvm();
        Path proc = Path.of("/proc", Long.toString(jvm.pid()));
        for (String ns : List.of("net", "mnt", "pid", "ipc", "user")) {
            assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns", ns)),
                    Files.readSymbolicLink(proc.resolve("ns").resolve(ns)),
                    "expected the compile JVM in its own " + ns + " namespace");
        }
        Path root = proc.resolve("root");
        String userDir = Path.of(System.getProperty("user.dir")).toAbsolutePath().toString();
        for (String hostPath : List.of("/etc/passwd", "/root", "/home", "/bin/sh", "/var", userDir,
                System.getProperty("java.io.tmpdir") + "/rlcode-sandbox-never")) {
            assertFalse(Files.exists(root.resolve(hostPath.substring(1))),
                    "expected host path " + hostPath + " invisible to the compile JVM, actual: visible");
        }
        assertFalse(Files.exists(root.resolve(Path.of(CompileService.codeSource()).toString().substring(1))),
                "expected the host class path invisible to the compile JVM (it gets the compiler jar only)");
        // the JDK is there but read-only, even for root on the host going through the sandbox's mount
        Path jdk = root.resolve(Path.of(System.getProperty("java.home")).toRealPath().toString().substring(1));
        assertTrue(Files.isDirectory(jdk.resolve("bin")), "expected the JDK visible at its own path");
        assertThrows(IOException.class, () -> Files.createFile(jdk.resolve("rlcode-write-probe")),
                "expected the JDK mount to be read-only");
        // the only network interface is loopback
        String dev = Files.readString(proc.resolve("net/dev"));
        var ifaces = dev.lines().skip(2).map(l -> l.substring(0, l.indexOf(':')).strip()).toList();
        assertEquals(List.of("lo"), ifaces, "expected only loopback in the compile JVM's network namespace");
        if (sandbox.layers().stream().anyMatch(l -> l.startsWith("L4 per-slot uids "))) {
            String uid = Files.readAllLines(proc.resolve("status")).stream().filter(l -> l.startsWith("Uid:"))
                    .findFirst().orElseThrow();
            assertFalse(uid.matches("Uid:\\s+0\\s.*"), "expected the compile JVM not to run as root, actual " + uid);
        }
    }

    @Test
    void sourcesCannotReachTheServersClasses() {
        Verdict v = SandboxFixture.sandbox().run(ExecutionRequest.humanEvalX("""
                import dev.rlcode.envs.code.sandbox.CompileServer;
                public class Main { public static void main(String[] a) { } }
                """));
        assertEquals("compile_error", v.status(), "expected an empty class path for sources, actual " + v.result());
    }

    @Test
    void javacBombIsStoppedAndTheServiceRecovers() {
        // type size doubles with each nesting level; the error message alone would be gigabytes
        String bomb = "1";
        for (int i = 0; i < 26; i++) {
            bomb = "p(" + bomb + ")";
        }
        String source = """
                class Solution {
                    record P<A, B>(A a, B b) {}
                    static <T> P<T, T> p(T t) { return new P<>(t, t); }
                    static void f() { var x = %s; String s = x; }
                }
                public class Main { public static void main(String[] a) { } }
                """.formatted(bomb);
        try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults().withSlots(1).withCompileWorkers(1)
                .withCompileTimeout(Duration.ofSeconds(5)).withCache(true, null))) {
            Verdict v = sandbox.run(ExecutionRequest.humanEvalX(source));
            assertTrue(List.of("timeout", "crashed").contains(v.status()),
                    "expected the bomb to time out or die on the heap cap, actual " + v.result());
            // a compilation that ran out of time (or died) is judged again, not answered from the cache: how long
            // javac takes depends on the machine's load
            Verdict again = sandbox.run(ExecutionRequest.humanEvalX(source));
            assertTrue(List.of("timeout", "crashed").contains(again.status()), again.result().toString());
            assertFalse(again.timings().cached(), "a compile timeout was answered from the cache");
            Verdict after = sandbox.run(ExecutionRequest.humanEvalX(
                    "public class Main { public static void main(String[] a) { if (java.util.Map.of(1, 2).size() != 1) "
                            + "throw new AssertionError(); } }"));
            assertEquals("passed", after.status(), "expected a respawned service to compile again, actual "
                    + after.result());
        }
    }
}
