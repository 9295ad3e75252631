package dev.rlcode.envs.code.task;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Test-only: runs TEST_METHODS test classes against compiled trusted code in ONE forked JVM (the java binary of this
 * process), so that all bundled tasks are checked with a single launch.
 */
final class ForkedTestRunner {

    /** One job: classes to put on a fresh class loader, and the test classes to run there. */
    record Job(String name, Map<String, byte[]> classes, List<String> testClasses) {
    }

    /** One test method's outcome. */
    record Outcome(String job, String testClass, String method, boolean passed, String message) {
    }

    private ForkedTestRunner() {
    }

    static List<Outcome> run(List<Job> jobs, Path workDir) throws IOException, InterruptedException {
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            Path dir = workDir.resolve("job" + i);
            for (Map.Entry<String, byte[]> e : job.classes().entrySet()) {
                Path file = dir.resolve(e.getKey().replace('.', '/') + ".class");
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
            }
            for (String test : job.testClasses()) {
                manifest.append(job.name()).append('\t').append(dir).append('\t').append(test).append('\n');
            }
        }
        Path manifestFile = workDir.resolve("manifest.tsv");
        Files.writeString(manifestFile, manifest);
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String cp = Path.of(TestMethodsMain.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toString();
        // output to a file: reading the pipe to its end would wait for the JVM however long it hangs
        Path log = workDir.resolve("forked-output.log");
        Process p = new ProcessBuilder(java, "-Xss8m", "-cp", cp, TestMethodsMain.class.getName(),
                manifestFile.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("forked test JVM did not finish within 120 s:\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("forked test JVM exited with " + p.exitValue() + ":\n" + output);
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length == 6 && f[0].equals("R")) {
                outcomes.add(new Outcome(f[1], f[2], f[3], f[4].equals("PASS"), f[5]));
            }
        }
        return outcomes;
    }

    /** {@return the outcomes grouped by job name and test class, in order} */
    static Map<String, List<Outcome>> byJobAndClass(List<Outcome> outcomes) {
        Map<String, List<Outcome>> map = new LinkedHashMap<>();
        outcomes.forEach(o -> map.computeIfAbsent(o.job() + "/" + o.testClass(), k -> new ArrayList<>()).add(o));
        return map;
    }
}
