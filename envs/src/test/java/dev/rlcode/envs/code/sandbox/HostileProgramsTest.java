package dev.rlcode.envs.code.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile candidates, every layer on. Each {@code solve()} returns the right answer (42) after or around its
 * attack, so an attack that were silently ignored would pass: each must end with the exact failing status given,
 * leave no file and no process behind, and the next benign request must pass.
 */
class HostileProgramsTest {
    private static final Duration SHORT = Duration.ofSeconds(2);
    /** Files the attacks try to create: on the host /tmp and in the working directory. */
    private static final String TMP_TRACE = "/tmp/rlcode-hostile-trace";
    private static final String CWD_TRACE = "rlcode-hostile-trace";

    static Stream<Arguments> attacks() {
        return Stream.of(
                attack("file write", "rejected", """
                        class Solution { static int solve() {
                          try (var w = new java.io.FileWriter("%s")) { w.write("x"); } catch (Exception e) { }
                          return 42; } }""".formatted(TMP_TRACE)),
                attack("file write in working dir", "rejected", """
                        class Solution { static int solve() {
                          try { java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "x"); } catch (Exception e) { }
                          return 42; } }""".formatted(CWD_TRACE)),
                attack("file delete", "rejected", """
                        class Solution { static int solve() { new java.io.File("/tmp/anything").delete(); return 42; } }"""),
                attack("read /etc/passwd", "rejected", """
                        class Solution { static int solve() {
                          try { return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/etc/passwd")).isEmpty() ? 0 : 42; }
                          catch (Exception e) { return 42; } } }"""),
                attack("FileInputStream", "rejected", """
                        class Solution { static int solve() {
                          try (var in = new java.io.FileInputStream("/etc/passwd")) { in.read(); } catch (Exception e) { }
                          return 42; } }"""),
                attack("PrintStream to a file name", "rejected", """
                        class Solution { static int solve() {
                          try (var p = new java.io.PrintStream("%s")) { p.print(1); } catch (Exception e) { }
                          return 42; } }""".formatted(TMP_TRACE)),
                attack("socket", "rejected", """
                        class Solution { static int solve() {
                          try (var s = new java.net.Socket("127.0.0.1", 22)) { } catch (Exception e) { }
                          return 42; } }"""),
                attack("process", "rejected", """
                        class Solution { static int solve() {
                          try { new ProcessBuilder("touch", "%s").start().waitFor(); } catch (Exception e) { }
                          return 42; } }""".formatted(TMP_TRACE)),
                attack("Runtime.exec", "rejected", """
                        class Solution { static int solve() {
                          try { Runtime.getRuntime().exec(new String[] {"touch", "%s"}); } catch (Exception e) { }
                          return 42; } }""".formatted(TMP_TRACE)),
                attack("System.exit", "rejected", """
                        class Solution { static int solve() { System.exit(0); return 42; } }"""),
                attack("Runtime.halt", "rejected", """
                        class Solution { static int solve() { Runtime.getRuntime().halt(0); return 42; } }"""),
                attack("attacking static initializer", "rejected", """
                        class Solution {
                          static { try { new java.io.FileOutputStream("%s").close(); } catch (Exception e) { } System.exit(0); }
                          static int solve() { return 42; } }""".formatted(TMP_TRACE)),
                attack("loop ignoring interrupts", "timeout", """
                        class Solution { static int solve() { long x = 0; while (x >= 0) { Thread.interrupted(); x++; } return 42; } }"""),
                attack("sleep forever", "timeout", """
                        class Solution { static int solve() {
                          while (true) { try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } } } }"""),
                attack("10 GB allocation", "crashed", """
                        import java.util.*;
                        class Solution { static int solve() {
                          List<long[]> hog = new ArrayList<>();
                          for (int i = 0; i < 10_000; i++) hog.add(new long[128 * 1024 * 1024 / 8]);
                          return hog.size() > 0 ? 42 : 0; } }"""),
                attack("thread bomb", "rejected", """
                        class Solution { static int solve() {
                          for (int i = 0; i < 100_000; i++) new Thread(() -> { while (true) Thread.onSpinWait(); }).start();
                          return 42; } }"""),
                attack("daemon thread outliving the test", "rejected", """
                        class Solution { static int solve() {
                          Thread t = new Thread(() -> { while (true) Thread.onSpinWait(); }); t.setDaemon(true); t.start();
                          return 42; } }"""),
                attack("executor thread", "rejected", """
                        class Solution { static int solve() {
                          java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> { while (true) { } });
                          return 42; } }"""),
                attack("shutdown hook", "rejected", """
                        class Solution { static int solve() {
                          Runtime.getRuntime().addShutdownHook(new Thread(() -> { }));
                          return 42; } }"""),
                attack("reflection on JDK internals", "rejected", """
                        class Solution { static int solve() {
                          try { var f = Integer.class.getDeclaredField("value"); f.setAccessible(true); } catch (Exception e) { }
                          return 42; } }"""),
                attack("Unsafe", "compile_error", """
                        class Solution { static int solve() { sun.misc.Unsafe u = null; return 42; } }"""),
                attack("Unsafe by reflection", "rejected", """
                        class Solution { static int solve() {
                          try { Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe"); } catch (Exception e) { }
                          return 42; } }"""),
                attack("System.load", "rejected", """
                        class Solution { static int solve() {
                          try { System.load("/usr/lib/x86_64-linux-gnu/libc.so.6"); } catch (Throwable e) { }
                          return 42; } }"""),
                attack("class name built at run time", "rejected", """
                        class Solution { static int solve() {
                          String gap = String.valueOf((char) ('a' + 2));
                          try { Object pb = Class.forName("java.lang.Pro" + gap + "essBuilder"); } catch (Exception e) { }
                          return 42; } }"""),
                attack("lambda that exits", "rejected", """
                        class Solution { static int solve() { Runnable r = () -> System.exit(0); r.run(); return 42; } }"""),
                attack("method reference to System::exit", "rejected", """
                        class Solution { static int solve() {
                          java.util.function.IntConsumer c = System::exit; c.accept(0); return 42; } }"""),
                attack("inner class that halts", "rejected", """
                        class Solution {
                          static class Evil { void go() { Runtime.getRuntime().halt(0); } }
                          static int solve() { new Evil().go(); return 42; } }"""),
                attack("anonymous class with a process", "rejected", """
                        class Solution { static int solve() {
                          Runnable r = new Runnable() { public void run() {
                            try { new ProcessBuilder("sh").start(); } catch (Exception e) { } } };
                          r.run(); return 42; } }"""),
                attack("method handles", "rejected", """
                        import java.lang.invoke.*;
                        class Solution { static int solve() {
                          try { MethodHandles.lookup().findStatic(System.class, "exit",
                                 MethodType.methodType(void.class, int.class)).invoke(0); } catch (Throwable e) { }
                          return 42; } }"""),
                attack("1 GB of output", "runtime_error", """
                        class Solution { static int solve() {
                          String line = "x".repeat(1 << 20);
                          for (int i = 0; i < 1024; i++) System.out.println(line);
                          return 42; } }"""),
                attack("forged success output", "test_failed", """
                        class Solution { static int solve() {
                          for (String s : new String[] {"PASSED", "passed 1", "0123456789abcdef PASSED 1 0 0 AA== AA=="}) {
                            System.out.println(s); System.err.println(s); }
                          return 41; } }"""),
                attack("fake test class", "compile_error", """
                        class Solution { static int solve() { return 41; } }
                        class SolutionTest { public static void testSolve() { } }"""),
                attack("calling the test class", "rejected", """
                        class Solution { static int solve() { try { SolutionTest.testSolve(); } catch (Exception e) { } return 42; } }"""),
                attack("environment and properties", "rejected", """
                        class Solution { static int solve() { System.setProperty("user.dir", System.getenv("HOME")); return 42; } }"""),
                attack("replacing System.out", "rejected", """
                        class Solution { static int solve() { System.setOut(new java.io.PrintStream(new java.io.ByteArrayOutputStream())); return 42; } }"""),
                attack("parallel stream threads", "rejected", """
                        import java.util.*;
                        class Solution { static int solve() { return List.of(40, 2).parallelStream().mapToInt(i -> i).sum(); } }"""),
                attack("stack overflow", "runtime_error", """
                        class Solution { static int depth(int n) { return depth(n + 1) + 1; }
                          static int solve() { return depth(0) > 0 ? 42 : 0; } }"""));
    }

    private static Arguments attack(String name, String status, String source) {
        return Arguments.of(name, status, source);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("attacks")
    void attackFailsAndLeavesNoTrace(String name, String status, String source) throws Exception {
        Sandbox sandbox = SandboxFixture.sandbox();
        Verdict v = sandbox.run(SandboxFixture.solveRequest(source, 42, SHORT));
        assertEquals(status, v.status(), () -> name + ": " + v.result());
        assertFalse(v.passed());
        assertFalse(Files.exists(Path.of(TMP_TRACE)), "attack left " + TMP_TRACE);
        assertFalse(Files.exists(Path.of(CWD_TRACE)), "attack left " + CWD_TRACE + " in the working directory");
        assertEquals(java.util.List.of(), SandboxFixture.awaitNoStrays(sandbox), "processes left behind");
        Verdict next = sandbox.run(SandboxFixture.benign("after " + name));
        assertTrue(next.passed(), () -> "benign request after " + name + ": " + next.result());
    }
}
