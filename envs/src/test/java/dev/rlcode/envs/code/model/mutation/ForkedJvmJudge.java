package dev.rlcode.envs.code.model.mutation;

import dev.rlcode.envs.code.sandbox.TestStyle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Test-scope {@link MutantJudge}: compiles each candidate with its tests in process ({@code javax.tools}) and runs a
 * whole batch in one forked JVM ({@link BatchRunner}), relaunching after a timeout. Only for our own trusted code:
 * there is no sandboxing here, the real sandbox replaces it at integration.
 */
public final class ForkedJvmJudge implements MutantJudge {

    private static final Pattern PUBLIC_CLASS = Pattern.compile(
            "(?m)^\\s*public\\s+(?:final\\s+)?(?:class|record|enum|interface)\\s+([A-Za-z_$][\\w$]*)");

    private final long timeoutMillis;
    int jvmLaunches;

    public ForkedJvmJudge(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Outcome judge(String candidateSource, String tests, TestStyle style) {
        return judgeAll(List.of(candidateSource), tests, style).getFirst();
    }

    @Override
    public List<Outcome> judgeAll(List<String> candidates, String tests, TestStyle style) {
        Outcome[] out = new Outcome[candidates.size()];
        if (candidates.isEmpty()) {
            return List.of();
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("mutant-judge");
            String testClass = className(tests, "Main");
            List<String> jobs = new ArrayList<>();
            List<Integer> jobIndex = new ArrayList<>();
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
                for (int i = 0; i < candidates.size(); i++) {
                    Path dir = Files.createDirectories(work.resolve("c" + i));
                    List<JavaFileObject> units = style == TestStyle.MAIN
                            ? List.of(source(testClass, candidates.get(i) + "\n" + tests))
                            : List.of(source(className(candidates.get(i), "Solution"), candidates.get(i)), source(testClass, tests));
                    fm.setLocation(StandardLocation.CLASS_OUTPUT, List.of(dir.toFile()));
                    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
                    boolean ok = javac.getTask(null, fm, diagnostics, List.of("-proc:none", "-nowarn", "-Xlint:none"), null, units).call();
                    if (!ok) {
                        out[i] = Outcome.COMPILE_ERROR;
                    } else {
                        jobIndex.add(i);
                        jobs.add(i + "\t" + dir + "\t" + style + "\t" + testClass);
                    }
                }
            }
            Path jobFile = work.resolve("jobs.txt");
            Files.write(jobFile, jobs);
            int next = 0;
            while (next < jobs.size()) {
                next = launch(jobFile, next, jobs.size(), out);
            }
            for (int i = 0; i < out.length; i++) {
                if (out[i] == null) {
                    out[i] = Outcome.CRASHED;
                }
            }
            return Arrays.asList(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (work != null) {
                try (Stream<Path> walk = Files.walk(work)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // best effort cleanup of a temp folder
                }
            }
        }
    }

    /** Runs jobs from line {@code from}; returns the next line to run. */
    private int launch(Path jobFile, int from, int total, Outcome[] out) throws IOException, InterruptedException {
        jvmLaunches++;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp;
        try {
            cp = Path.of(BatchRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        // Output goes to a file, so the limit below holds even if the child hangs with its output open; the
        // child's own per-job timeouts normally end it long before (30 s start-up slack plus every job's limit).
        Path log = jobFile.resolveSibling("batch-" + from + ".log");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", cp,
                BatchRunner.class.getName(), jobFile.toString(), Integer.toString(from), Long.toString(timeoutMillis))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long limitMillis = 30_000 + (long) (total - from) * (timeoutMillis + 1_000);
        if (!p.waitFor(limitMillis, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
        }
        List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        List<String> jobs = Files.readAllLines(jobFile);
        int done = from;
        for (String line : lines) {
            if (line.startsWith("RESULT ")) {
                String[] f = line.split(" ");
                out[Integer.parseInt(f[1])] = Outcome.valueOf(f[2]);
                done++;
            }
        }
        if (done == from) { // the JVM died before reporting anything: blame the first job
            out[Integer.parseInt(jobs.get(from).split("\t")[0])] = Outcome.CRASHED;
            done++;
        }
        return Math.min(done, total);
    }

    private static JavaFileObject source(String className, String code) {
        return new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

    private static String className(String source, String fallback) {
        Matcher m = PUBLIC_CLASS.matcher(source);
        return m.find() ? m.group(1) : fallback;
    }
}
