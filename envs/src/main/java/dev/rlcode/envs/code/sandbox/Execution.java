package dev.rlcode.envs.code.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * L5: one supervised sandboxed JVM. Starts the command with an empty environment, feeds the request on stdin,
 * drains stdout and stderr with caps, enforces the wall-clock limit from outside, SIGKILLs the whole process
 * tree on timeout or excess output, and reads the verdict only from a line that starts with the nonce.
 */
final class Execution {
    /** Most bytes read from the JVM's real stdout (the runner writes one line there; the candidate nothing). */
    static final int STDOUT_CAP = 1 << 20;
    /** Bytes of stderr kept for crash details (all of it counts against the output limit). */
    static final int STDERR_KEEP = 4096;

    /** What one execution gave, with its time split (launch = JVM start to request read). */
    record Outcome(ExecutionResult result, double launchMillis, double testMillis, double runMillis) {
    }

    private Execution() {
    }

    /** A started sandboxed JVM that has not been given its request yet, or why it could not start. */
    record Started(Process process, String failure) {
        /** {@return whether it started and is still running (waiting for its request)} */
        boolean alive() {
            return process != null && process.isAlive();
        }

        /** SIGKILLs it, if it started. */
        void kill() {
            if (process != null) {
                Execution.kill(process);
            }
        }
    }

    /** Starts the command with an empty environment; the JVM boots and then waits for its request on stdin. */
    static Started start(List<String> command) {
        var pb = new ProcessBuilder(command);
        pb.environment().clear(); // no JAVA_TOOL_OPTIONS, no JDK_JAVA_OPTIONS, nothing of ours
        pb.environment().put("LANG", "C.UTF-8");
        try {
            return new Started(Launcher.start(pb), null);
        } catch (IOException e) {
            return new Started(null, "cannot start the sandbox: " + e.getMessage());
        }
    }

    static Outcome run(List<String> command, byte[] request, String nonce, Duration timeout, long outputLimit,
                       String testClass) throws InterruptedException {
        return run(start(command), request, nonce, timeout, outputLimit, testClass);
    }

    /**
     * Feeds the request to a started JVM and supervises it; the wall-clock limit counts from now, and the launch
     * time reported is from now until the runner has read the request.
     */
    static Outcome run(Started started, byte[] request, String nonce, Duration timeout, long outputLimit,
                       String testClass) throws InterruptedException {
        long start = System.nanoTime();
        if (started.process() == null) {
            return new Outcome(new ExecutionResult.Crashed(started.failure()), 0, 0, ms(start));
        }
        Process p = started.process();
        var overflow = new AtomicBoolean();
        var stdout = new ByteArrayOutputStream();
        var stderr = new ByteArrayOutputStream();
        Thread feeder = Thread.ofVirtual().start(() -> {
            try (var in = p.getOutputStream()) {
                in.write(request);
            } catch (IOException e) {
                // the JVM died before reading everything: its exit tells the story
            }
        });
        Thread out = Thread.ofVirtual().start(() -> drain(p, p.getInputStream(), stdout, STDOUT_CAP, STDOUT_CAP, overflow));
        Thread err = Thread.ofVirtual().start(() -> drain(p, p.getErrorStream(), stderr, STDERR_KEEP,
                Math.max(outputLimit, STDERR_KEEP), overflow));
        boolean exited = false;
        try {
            exited = p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            if (!p.isAlive()) {
                exited = true;
            } else {
                kill(p); // SIGKILL of the whole tree: never wait for a clean exit
                exited = false;
            }
        }
        out.join(2000);
        err.join(2000);
        feeder.join(100);
        double runMillis = ms(start);
        String text;
        synchronized (stdout) {
            text = stdout.toString(StandardCharsets.UTF_8);
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(nonce + " ")) {
                // the last piece has no newline after it: a verdict cut off by the output cap is no verdict
                return i < lines.length - 1 ? parse(lines[i], start, runMillis, testClass)
                        : new Outcome(new ExecutionResult.Crashed("verdict line cut off (output limit)"), 0, 0,
                                runMillis);
            }
        }
        ExecutionResult result;
        if (!exited) {
            result = new ExecutionResult.Timeout(timeout);
        } else if (overflow.get()) {
            result = new ExecutionResult.Crashed("output limit exceeded, killed");
        } else {
            String tail;
            synchronized (stderr) {
                tail = stderr.toString(StandardCharsets.UTF_8).strip();
            }
            result = new ExecutionResult.Crashed("ended without a verdict (exit " + p.exitValue() + ")"
                    + (tail.isEmpty() ? "" : ": " + tail));
        }
        return new Outcome(result, 0, 0, runMillis);
    }

    private static Outcome parse(String line, long start, double runMillis, String testClass) {
        try {
            return parseFields(line, start, runMillis, testClass);
        } catch (RuntimeException e) { // the runner writes seven fields: anything else is not its verdict
            return new Outcome(new ExecutionResult.Crashed("malformed verdict line (" + e.getClass().getSimpleName()
                    + ")"), 0, 0, runMillis);
        }
    }

    private static Outcome parseFields(String line, long start, double runMillis, String testClass) {
        String[] f = line.split(" ", -1);
        if (f.length != 7) {
            throw new IllegalArgumentException("fields: " + f.length);
        }
        String kind = f[1];
        int count = Integer.parseInt(f[2]);
        long ready = Long.parseLong(f[3]);
        long done = Long.parseLong(f[4]);
        String test = new String(Base64.getDecoder().decode(f[5]), StandardCharsets.UTF_8);
        String message = new String(Base64.getDecoder().decode(f[6]), StandardCharsets.UTF_8);
        ExecutionResult r = switch (kind) {
            case "PASSED" -> count >= 1 ? new ExecutionResult.Passed(count)
                    : new ExecutionResult.TestFailed(testClass, "no test ran");
            case "FAILED" -> new ExecutionResult.TestFailed(test, message);
            case "ERROR" -> new ExecutionResult.RuntimeError(test.equals("main") ? message : test + ": " + message);
            case "OUTPUT_LIMIT" -> new ExecutionResult.RuntimeError("output limit: " + message);
            case "BAD_TESTS" -> new ExecutionResult.TestFailed(test, message);
            default -> new ExecutionResult.Crashed("unknown verdict " + kind);
        };
        return new Outcome(r, (ready - start) / 1e6, (done - ready) / 1e6, runMillis);
    }

    private static void drain(Process p, InputStream in, ByteArrayOutputStream keep, int keepBytes, long limit,
                              AtomicBoolean overflow) {
        byte[] buf = new byte[8192];
        long total = 0;
        try (in) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                total += n;
                synchronized (keep) {
                    int room = keepBytes - keep.size();
                    if (room > 0) {
                        keep.write(buf, 0, Math.min(room, n));
                    }
                }
                if (total > limit) {
                    overflow.set(true);
                    kill(p);
                    return;
                }
            }
        } catch (IOException e) {
            // the process was killed
        }
    }

    /** SIGKILLs a process and everything below it (snapshot the tree first: orphans leave it). */
    static void kill(Process p) {
        List<ProcessHandle> below = p.descendants().toList();
        p.destroyForcibly();
        below.forEach(ProcessHandle::destroyForcibly);
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
