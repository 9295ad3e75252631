package dev.rlcode.envs.code.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/** One sandbox shared by the sandbox tests of this JVM (its compile service is warm once), and helpers. */
final class SandboxFixture {
    private static Sandbox shared;

    private SandboxFixture() {
    }

    /** {@return the shared sandbox, every layer on, 2 slots; the JVM's exit ends its compile service} */
    static synchronized Sandbox sandbox() {
        if (shared == null) {
            shared = Sandbox.create(SandboxConfig.defaults().withSlots(2).withCompileWorkers(1));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A TEST_METHODS request: {@code Solution} unit plus a test class calling {@code Solution.solve()}. */
    static ExecutionRequest solveRequest(String solutionSource, int expected, Duration timeout) {
        String test = """
                public class SolutionTest {
                    public static void testSolve() throws Exception {
                        int got = Solution.solve();
                        if (got != %d) throw new AssertionError("expected %d, got " + got);
                    }
                }
                """.formatted(expected, expected);
        return new ExecutionRequest(Map.of("Solution", solutionSource), test, "SolutionTest", TestStyle.TEST_METHODS,
                timeout);
    }

    /** {@return a benign request that must pass; {@code tag} makes it unique so the cache never answers it} */
    static ExecutionRequest benign(String tag) {
        return solveRequest("""
                import java.util.*;
                class Solution {
                    // %s
                    static int solve() { return new ArrayList<>(List.of(40, 2)).stream().mapToInt(Integer::intValue).sum(); }
                }
                """.formatted(tag), 42, Duration.ofSeconds(10));
    }

    /** {@return descendants of this JVM other than the compile service and its wrappers (sandboxed JVMs, bwrap, ...)} */
    static List<ProcessHandle> strayProcesses(Sandbox sandbox) {
        Set<Long> service = new java.util.HashSet<>(ProcessSandbox.servicePids());
        // the next runs' JVMs (this and other open sandboxes), started after their previous run was swept
        ProcessSandbox.allSpares().forEach(h -> service.add(h.pid()));
        for (long pid : Set.copyOf(service)) { // the service JVM may sit below bwrap's own processes
            ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> service.add(d.pid())));
        }
        return ProcessHandle.current().descendants()
                .filter(p -> !service.contains(p.pid()) && p.parent().map(q -> !service.contains(q.pid())).orElse(true))
                .filter(ProcessHandle::isAlive)
                .collect(Collectors.toList());
    }

    /** Waits up to 3 s for stray processes to be gone; {@return those left} */
    static List<ProcessHandle> awaitNoStrays(Sandbox sandbox) throws InterruptedException {
        List<ProcessHandle> left = strayProcesses(sandbox);
        for (int i = 0; i < 30 && !left.isEmpty(); i++) {
            Thread.sleep(100);
            left = strayProcesses(sandbox);
        }
        return left;
    }

    /** HumanEval-X Java: finds {@code shared/datasets/humaneval-x-java} by walking up from {@code user.dir}. */
    static Path humanEvalX() {
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            Path f = d.resolve("shared/datasets/humaneval-x-java/humaneval_java.jsonl.gz");
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new IllegalStateException("humaneval_java.jsonl.gz not found: expected shared/datasets/humaneval-x-java/"
                + " in a parent of " + System.getProperty("user.dir") + " (CI has it at ../shared)");
    }

    /** One HumanEval-X problem. */
    record Problem(String taskId, String prompt, String canonicalSolution, String test) {
        String program() {
            return prompt + canonicalSolution + "\n" + test;
        }
    }

    static List<Problem> loadHumanEvalX(Path file) {
        try (var in = new GZIPInputStream(Files.newInputStream(file))) {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            var problems = new ArrayList<Problem>();
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                var node = mapper.readTree(line);
                problems.add(new Problem(node.get("task_id").asText(), node.get("prompt").asText(),
                        node.get("canonical_solution").asText(), node.get("test").asText()));
            }
            return problems;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
