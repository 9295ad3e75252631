package dev.rlcode.envs.code.sandbox;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * L1: a pool of {@link CompileServer} JVMs (heap-capped, killed and respawned on timeout or death).
 */
final class CompileService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CompileService.class.getName());

    /** What a compilation gave: classes or diagnostics, or a timeout / dead service. */
    sealed interface Outcome {
        record Compiled(CompileServer.Result result) implements Outcome {
        }

        record TimedOut() implements Outcome {
        }

        record Died(String detail) implements Outcome {
        }
    }

    /** Pids of every live compile-service JVM of this process (all sandboxes). */
    private static final java.util.Set<Long> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<String> command;
    private final BlockingQueue<Worker> idle;
    private final List<Worker> all = new ArrayList<>();
    private volatile boolean closed;

    /** A service on this JDK and class path, outside any OS sandbox (for tools and tests). */
    CompileService(int workers, int heapMb) {
        this(workers, concat(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                jvmArgs(heapMb), List.of("-cp", codeSource(), CompileServer.class.getName())));
    }

    /** A service whose JVMs run {@code command} (see {@link SandboxRuntime#compileServiceCommand}). */
    CompileService(int workers, List<String> command) {
        this.command = List.copyOf(command);
        idle = new ArrayBlockingQueue<>(workers);
        for (int i = 0; i < workers; i++) {
            Worker w = spawn();
            synchronized (all) {
                all.add(w);
            }
        }
        for (Worker w : List.copyOf(all)) { // they warm up in parallel; a slow one is waited for at its first use
            w.awaitReady(READY_WAIT);
            idle.add(w);
        }
    }

    /** {@return the compile-service JVM's flags: heap cap, deep stack for javac, exit on OOM, no attach} */
    static List<String> jvmArgs(int heapMb) {
        return List.of("-Xmx" + heapMb + "m", "-Xss16m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-XX:-UsePerfData", "-XX:+DisableAttachMechanism", "-XX:-CreateCoredumpOnCrash",
                "-XX:ErrorFile=/dev/null", CompileServer.EXPORT_OPTION);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        var all = new ArrayList<String>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    /** {@return the directory or jar this class was loaded from} */
    static String codeSource() {
        try {
            return Path.of(CompileService.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("code source of " + CompileService.class, e);
        }
    }

    /** Compiles {@code units} (name → source) within {@code timeout}. */
    Outcome compile(Map<String, String> units, Duration timeout) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("compile service is closed");
        }
        Worker w = idle.take();
        try {
            // a fresh service (replacing one that timed out or died) warms up outside the candidate's time limit
            w.awaitReady(READY_WAIT);
            Worker current = w;
            var task = new FutureTask<>(() -> current.exchange(units));
            Thread.ofVirtual().start(task);
            try {
                return new Outcome.Compiled(task.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                w = replace(w);
                return new Outcome.TimedOut();
            } catch (ExecutionException e) {
                String detail = "compile service died: " + e.getCause() + w.stderrTail();
                w = replace(w);
                return new Outcome.Died(detail);
            }
        } finally {
            idle.add(w);
        }
    }

    /** How long a compile service may take to warm up before its first compilation. */
    private static final Duration READY_WAIT = Duration.ofSeconds(30);

    private Worker replace(Worker dead) {
        dead.kill();
        Worker fresh = spawn();
        synchronized (all) {
            all.remove(dead);
            all.add(fresh);
        }
        return fresh;
    }

    private Worker spawn() {
        try {
            Process p = Launcher.start(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE));
            LIVE.add(p.pid());
            p.onExit().thenRun(() -> LIVE.remove(p.pid()));
            return new Worker(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start compile service: " + command, e);
        }
    }

    /** {@return the pids of the live compile-service JVMs of every sandbox in this process} */
    static java.util.Set<Long> pids() {
        return java.util.Set.copyOf(LIVE);
    }

    @Override
    public void close() {
        closed = true;
        synchronized (all) {
            all.forEach(Worker::kill);
            all.clear();
        }
    }

    /** One compile-server JVM and its streams. */
    private static final class Worker {
        final Process process;
        final DataOutputStream out;
        final DataInputStream in;
        final StringBuilder stderr = new StringBuilder();
        private volatile boolean ready;

        Worker(Process process) {
            this.process = process;
            out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
            in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
            Thread.ofVirtual().start(() -> {
                try (var err = process.getErrorStream()) {
                    byte[] buf = new byte[4096];
                    for (int n; (n = err.read(buf)) >= 0; ) {
                        synchronized (stderr) {
                            if (stderr.length() < 4096) {
                                stderr.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                            }
                        }
                    }
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "compile service stderr closed", e);
                }
            });
        }

        /** Waits (at most {@code limit}) for the server's ready byte; a dead or silent server is found later. */
        void awaitReady(Duration limit) {
            if (ready) {
                return; // every compilation asks: no thread once the server has said it is ready
            }
            var t = Thread.ofVirtual().start(() -> {
                try {
                    readReady();
                } catch (IOException e) {
                    // died during warm-up: the first exchange reports it
                }
            });
            try {
                t.join(limit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private synchronized void readReady() throws IOException {
            if (!ready) {
                int b = in.read();
                if (b != CompileServer.READY) {
                    throw new IOException("compile service did not start (read " + b + ")");
                }
                ready = true;
            }
        }

        CompileServer.Result exchange(Map<String, String> units) throws IOException {
            readReady();
            out.writeInt(units.size());
            for (var e : units.entrySet()) {
                Wire.writeString(out, e.getKey());
                Wire.writeString(out, e.getValue());
            }
            out.flush();
            boolean ok = in.readBoolean();
            int n = in.readInt();
            var classes = new ArrayList<CompileServer.Output>(n);
            for (int i = 0; i < n; i++) {
                classes.add(new CompileServer.Output(Wire.readString(in), Wire.readString(in), Wire.readBytes(in)));
            }
            int d = in.readInt();
            var diags = new ArrayList<Diagnostic>(d);
            for (int i = 0; i < d; i++) {
                diags.add(new Diagnostic(Wire.readString(in), in.readLong(), Wire.readString(in)));
            }
            return new CompileServer.Result(ok, classes, diags);
        }

        String stderrTail() {
            synchronized (stderr) {
                return stderr.isEmpty() ? "" : "; stderr: " + stderr.toString().strip();
            }
        }

        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
