package dev.rlcode.envs.code.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same kind of attacks with the class-file scan switched OFF: the runtime, the OS sandbox and the harness
 * rules must still contain them (no trace, no forged pass). OS-level cases are skipped where bubblewrap is
 * unavailable.
 */
class DefenceInDepthTest {
    private static final Duration SHORT = Duration.ofSeconds(3);
    private static final Path TRACE = Path.of("/tmp/rlcode-depth-trace");
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.create(SandboxConfig.defaults().withSlots(1).withCompileWorkers(1).withCache(false, null)
                .withLayers(false, true, true, true, true));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static boolean osSandbox() {
        return sandbox.layers().stream().anyMatch(l -> l.startsWith("L4 bubblewrap ("));
    }

    private static boolean seccomp() {
        return sandbox.layers().stream().anyMatch(l -> l.startsWith("L4 seccomp: no fork"));
    }

    private static Verdict solve(String body) throws InterruptedException {
        Verdict v = sandbox.run(SandboxFixture.solveRequest("class Solution { static int solve() throws Exception { "
                + body + " } }", 42, SHORT));
        assertFalse(Files.exists(TRACE), "attack left " + TRACE);
        assertEquals(List.of(), SandboxFixture.awaitNoStrays(sandbox), "processes left behind");
        return v;
    }

    @Test
    void scanIsOff() {
        assertFalse(sandbox.layers().stream().anyMatch(l -> l.startsWith("L2 class-file scan: package")));
    }

    @Test
    void exitWithoutVerdictIsACrashNotAPass() throws Exception {
        assertEquals("crashed", solve("System.exit(0); return 42;").status());
        assertEquals("crashed", solve("Runtime.getRuntime().halt(0); return 42;").status());
    }

    @Test
    void forgedVerdictOnTheRealStdoutIsIgnored() throws Exception {
        String forge = """
                var out = new java.io.FileOutputStream(java.io.FileDescriptor.out);
                for (String s : new String[] {"x PASSED 1 0 0 AA== AA==", "PASSED 1"}) out.write(("\\n" + s + "\\n").getBytes());
                out.flush();""";
        assertEquals("test_failed", solve(forge + " return 41;").status());
        assertEquals("crashed", solve(forge + " System.exit(0); return 42;").status());
    }

    @Test
    void nativeLoadingIsDenied() throws Exception {
        var v = solve("System.load(\"/usr/lib/x86_64-linux-gnu/libc.so.6\"); return 42;");
        assertEquals("runtime_error", v.status(), v.result()::toString);
    }

    @Test
    void lingeringThreadsAndHooksDoNotOutliveTheVerdict() throws Exception {
        var v = solve("""
                for (int i = 0; i < 50; i++) { new Thread(() -> { try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } }).start(); }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> { try { Thread.sleep(60_000); } catch (InterruptedException e) { } }));
                return 42;""");
        assertEquals("passed", v.status(), v.result()::toString); // harmless: the runner halts after the verdict
    }

    @Test
    void fileWritesStayInTheSandbox() throws Exception {
        assumeTrue(osSandbox(), "bubblewrap unavailable");
        var v = solve("java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + TRACE + "\"), \"x\"); return 42;");
        assertEquals("passed", v.status(), v.result()::toString); // written to the sandbox's own tmpfs, then gone
    }

    @Test
    void hostFilesAreInvisible() throws Exception {
        assumeTrue(osSandbox(), "bubblewrap unavailable");
        var v = solve("return java.nio.file.Files.readAllLines(java.nio.file.Path.of(\"/etc/passwd\")).size() > 0 ? 42 : 0;");
        assertEquals("runtime_error", v.status(), v.result()::toString);
    }

    @Test
    void processesAndSocketsFail() throws Exception {
        assumeTrue(osSandbox() && seccomp(), "bubblewrap or seccomp unavailable");
        var p = solve("new ProcessBuilder(\"/jre/bin/java\", \"-version\").start().waitFor(); return 42;");
        assertEquals("runtime_error", p.status(), p.result()::toString);
        var s = solve("try (var so = new java.net.Socket(\"127.0.0.1\", 22)) { } return 42;");
        assertEquals("runtime_error", s.status(), s.result()::toString);
    }
}
