package dev.rlcode.envs.code.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;

/**
 * L3 and L4: the hardened runtime (a jlinked {@code java.base}-only image with its CDS archive, the runner jar,
 * an optional AOT cache, the seccomp program), built on first use into {@link SandboxConfig#runtimeDir()} and
 * reused; and the command line that starts one sandboxed execution, wrapped in {@code prlimit}, {@code setpriv}
 * and {@code bwrap} where they are available and work.
 */
final class SandboxRuntime {
    private static final System.Logger LOG = System.getLogger(SandboxRuntime.class.getName());
    /** Size of the sandbox's writable {@code /tmp}. */
    static final long TMPFS_BYTES = 16L << 20;

    final SandboxConfig config;
    final Path dir;
    final Path javaHome;
    final boolean jlinked;
    final Path runnerJar;
    /** The compile service's classes alone ({@code CompileServer}, {@code Wire}, {@code Diagnostic}). */
    final Path compilerJar;
    /** The compile service's command up to and including {@code java}, wrapped like executions where possible. */
    private final List<String> compilePrefix;
    /** Whether the compile service runs inside bubblewrap. */
    final boolean compileSandboxed;
    final String runnerHash;
    final Path seccompFile;
    final String bwrap;
    final String prlimit;
    final String setpriv;
    final boolean root;
    final List<String> layers = new ArrayList<>();
    private final List<String> libBinds;
    volatile Path aotCache;
    /** Per-slot cgroups, or null when unavailable or switched off. */
    final SlotCgroups cgroups;

    private SandboxRuntime(SandboxConfig config) throws IOException {
        this.config = config;
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        root = uid == 0;
        String version = Runtime.version().toString().replaceAll("[^A-Za-z0-9.+-]", "_");
        dir = config.runtimeDir() != null ? config.runtimeDir()
                : Path.of(System.getProperty("java.io.tmpdir"), "rlcode-sandbox-" + version + "-" + uid);
        Files.createDirectories(dir);
        checkPrivate(dir);
        setReadable(dir);
        try (var ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var lock = ch.lock()) {
            byte[] jar = runnerJarBytes();
            runnerHash = HexFormat.of().formatHex(sha256(jar)).substring(0, 16);
            runnerJar = dir.resolve("runner-" + runnerHash + ".jar");
            writeIfAbsent(runnerJar, jar);
            if (config.jlinkRuntime()) {
                javaHome = jlink(dir.resolve("jre"));
                jlinked = true;
            } else {
                javaHome = Path.of(System.getProperty("java.home"));
                jlinked = false;
            }
            Path bpf = dir.resolve("seccomp-x86_64.bpf");
            writeIfAbsent(bpf, SeccompFilter.program());
            libBinds = libraryBinds();
            prlimit = config.rlimits() ? which("prlimit") : null;
            setpriv = root && config.slotUidBase() >= 0 ? which("setpriv") : null;
            String bw = config.osSandbox() ? which("bwrap") : null;
            if (bw != null) {
                String failure = probe(bw, null);
                if (failure != null) {
                    LOG.log(System.Logger.Level.WARNING, "L4 bubblewrap unavailable ({0}); running without OS sandbox,"
                            + " other layers stay on", failure);
                    bw = null;
                }
            } else if (config.osSandbox()) {
                LOG.log(System.Logger.Level.WARNING, "L4 bubblewrap not installed (apt-get install bubblewrap); "
                        + "running without OS sandbox, other layers stay on");
            }
            bwrap = bw;
            Path sc = null;
            if (config.seccomp() && bwrap != null) {
                String arch = System.getProperty("os.arch");
                if (!arch.equals("amd64") && !arch.equals("x86_64")) {
                    LOG.log(System.Logger.Level.WARNING, "L4 seccomp unavailable: filter is x86-64 only, this is {0}", arch);
                } else {
                    String failure = probe(bwrap, bpf);
                    if (failure == null) {
                        sc = bpf;
                    } else {
                        LOG.log(System.Logger.Level.WARNING, "L4 seccomp unavailable ({0})", failure);
                    }
                }
            }
            seccompFile = sc;
            cgroups = config.cgroups() ? SlotCgroups.create(config.slots(), cgroupMemoryBytes(),
                    setpriv != null ? 512 : 4096, root) : null;
            byte[] cjar = jarBytes(List.of(CompileServer.class, Wire.class, Diagnostic.class));
            compilerJar = dir.resolve("compiler-" + HexFormat.of().formatHex(sha256(cjar)).substring(0, 16) + ".jar");
            writeIfAbsent(compilerJar, cjar);
            List<String> wrapped = bwrap != null ? compileWrapper() : null;
            if (wrapped != null) {
                String failure = run(concat(wrapped, List.of("-XX:-UsePerfData", "-version")));
                if (failure != null) {
                    LOG.log(System.Logger.Level.WARNING, "L1 compile service runs outside bubblewrap ({0}); its heap "
                            + "cap and timeout stay on", failure);
                    wrapped = null;
                }
            }
            compileSandboxed = wrapped != null;
            compilePrefix = wrapped != null ? wrapped
                    : List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            Path aot = aotPath();
            aotCache = Files.isRegularFile(aot) ? aot : null;
        }
        describe();
    }

    static SandboxRuntime prepare(SandboxConfig config) {
        try {
            return new SandboxRuntime(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sandbox runtime", e);
        }
    }

    /** {@return where this runtime's AOT cache lives (it depends on the runner, the image and the wrapping)} */
    Path aotPath() {
        // the JVM rejects (quietly, unless asked) a cache made with other flags: the flags are part of the name
        String flags = HexFormat.of().formatHex(sha256(String.join("\n", jvmFlags(bwrap != null))
                .getBytes(StandardCharsets.UTF_8))).substring(0, 8);
        return dir.resolve("runner-" + runnerHash + (jlinked ? "-jlink" : "-jdk") + (bwrap != null ? "-bwrap" : "-host")
                + "-" + flags + ".aot");
    }

    private void describe() {
        layers.add("L3 " + (jlinked ? "jlinked java.base runtime with CDS (" + javaHome + ")"
                : "this JDK limited to java.base (no jlink image: CDS off)") + ", heap " + config.heapMb() + " MB, stack "
                + config.stackKb() + " KB, direct " + config.directMemoryMb()
                + " MB, native access and Unsafe memory access denied, finalization off, 1 processor");
        if (bwrap != null) {
            layers.add("L4 bubblewrap (" + bwrap + "): user/pid/net/ipc/uts/cgroup namespaces, no network, read-only "
                    + "runtime, " + (TMPFS_BYTES >> 20) + " MiB tmpfs /tmp, new session, die with parent");
        } else {
            layers.add("L4 bubblewrap: OFF (" + (config.osSandbox() ? "unavailable" : "disabled") + ")");
        }
        layers.add(seccompFile != null ? "L4 seccomp: no fork/vfork/non-thread clone, AF_UNIX sockets only, kernel "
                + "admin calls denied" : "L4 seccomp: OFF");
        layers.add(prlimit != null ? "L4 prlimit: file size 16 MiB, 64 open files, no core, CPU time, processes, "
                + "address space" : "L4 prlimit: OFF");
        layers.add(cgroups != null ? "L4 cgroups (v1): per-slot memory " + (cgroups.memoryBytes >> 20) + " MiB (and "
                + "memory+swap), " + cgroups.pidsMax + " processes/threads, slot group swept with SIGKILL after each run"
                : "L4 cgroups: OFF (" + (config.cgroups() ? "unavailable" : "disabled") + ")");
        layers.add(setpriv != null ? "L4 per-slot uids " + config.slotUidBase() + ".." + (config.slotUidBase()
                + config.slots() - 1) + " (setpriv, no new privileges)" : "L4 per-slot uids: OFF (not root)");
    }

    /** {@return the cgroup memory cap of one execution: twice the heap plus 256 MiB for metaspace, code, stacks} */
    long cgroupMemoryBytes() {
        return ((long) config.heapMb() * 2 + 256) << 20;
    }

    /** JVM flags of every execution (L3). */
    List<String> jvmFlags(boolean sandboxed) {
        // start-up cost: C1 only, with thresholds x10 (most of a short run's JIT work compiled start-up code that
        // never runs again; hot test loops still get compiled); reflection through native accessors (the runner's
        // one Method.invoke would otherwise spin method-handle classes); serial GC, one processor
        var f = new ArrayList<String>(List.of("-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
                "-XX:CompileThresholdScaling=10", "-Djdk.reflect.useNativeAccessorOnly=true",
                "-XX:ActiveProcessorCount=1", "-XX:+UseSerialGC", "-Xmx" + config.heapMb() + "m",
                "-Xss" + config.stackKb() + "k", "-XX:MaxDirectMemorySize=" + config.directMemoryMb() + "m",
                "-XX:CompressedClassSpaceSize=64m", "-XX:MaxMetaspaceSize=96m", "-XX:ReservedCodeCacheSize=32m",
                "-XX:+ExitOnOutOfMemoryError", "-XX:+DisableAttachMechanism", "-XX:-CreateCoredumpOnCrash",
                "-XX:ErrorFile=" + (sandboxed ? "/tmp/hs_err.log" : "/dev/null"), "--illegal-native-access=deny",
                "--sun-misc-unsafe-memory-access=deny", "--finalization=disabled", "-Djdk.serialFilter=maxdepth=20;!*",
                "-Djava.io.tmpdir=/tmp", "-Xlog:disable", "-Xlog:all=error:stderr"));
        if (!jlinked) {
            f.addAll(List.of("--limit-modules", "java.base"));
        }
        return f;
    }

    /**
     * The command of one execution.
     *
     * @param slot      the slot (chooses the uid when running as root)
     * @param timeout   the wall-clock limit (sets the CPU-time limit a little above it)
     * @param aotOutput non-null for the AOT training run: where the cache is written (no seccomp, no uid switch)
     */
    List<String> command(int slot, Duration timeout, Path aotOutput) {
        return command(slot, timeout, aotOutput, false);
    }

    /**
     * The command of one execution.
     *
     * @param strictAot add {@code -XX:AOTMode=on}: the JVM fails rather than run without the AOT cache
     */
    List<String> command(int slot, Duration timeout, Path aotOutput, boolean strictAot) {
        boolean training = aotOutput != null;
        var cmd = new ArrayList<String>();
        boolean sc = seccompFile != null && !training;
        boolean cg = cgroups != null && !training;
        if (sc || cg) { // one shell: enter the slot's cgroups (fail closed), open the filter as fd 3, exec the rest
            String enter = cg ? cgroups.enterScript(slot) + " && " : "";
            cmd.addAll(List.of("/bin/sh", "-c", enter + (sc ? "exec \"$@\" 3<\"$0\"" : "exec \"$@\""),
                    sc ? seccompFile.toString() : "sh"));
        }
        if (prlimit != null && !training) {
            long cpu = Math.max(2, timeout.toSeconds() + 2);
            cmd.addAll(List.of(prlimit, "--fsize=" + (16L << 20), "--nofile=64", "--core=0", "--cpu=" + cpu,
                    "--nproc=" + (setpriv != null ? 512 : 100000),
                    "--as=" + ((long) config.heapMb() + 1536L) * (1L << 20)));
        }
        if (setpriv != null && !training) {
            int uid = config.slotUidBase() + slot;
            cmd.addAll(List.of(setpriv, "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--no-new-privs"));
        }
        String java;
        String cp;
        String aot = null;
        if (bwrap != null) {
            cmd.addAll(List.of(bwrap, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
                    "--new-session", "--clearenv", "--cap-drop", "ALL", "--hostname", "sandbox",
                    "--ro-bind", javaHome.toString(), "/jre", "--ro-bind", runnerJar.toString(), "/sandbox/runner.jar"));
            cmd.addAll(libBinds);
            cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--size", Long.toString(TMPFS_BYTES), "--tmpfs",
                    "/tmp", "--chdir", "/tmp"));
            if (training) {
                cmd.addAll(List.of("--bind", aotOutput.getParent().toString(), "/sandbox/out"));
                aot = "-XX:AOTCacheOutput=/sandbox/out/" + aotOutput.getFileName();
            } else if (aotCache != null) {
                cmd.addAll(List.of("--ro-bind", aotCache.toString(), "/sandbox/runner.aot"));
                aot = "-XX:AOTCache=/sandbox/runner.aot";
            }
            if (sc) {
                cmd.addAll(List.of("--seccomp", "3"));
            }
            java = "/jre/bin/java";
            cp = "/sandbox/runner.jar";
        } else {
            java = javaHome.resolve("bin").resolve("java").toString();
            cp = runnerJar.toString();
            if (training) {
                aot = "-XX:AOTCacheOutput=" + aotOutput;
            } else if (aotCache != null) {
                aot = "-XX:AOTCache=" + aotCache;
            }
        }
        cmd.add(java);
        cmd.addAll(jvmFlags(bwrap != null));
        if (aot != null) {
            cmd.add(aot);
            if (strictAot && !training) {
                cmd.add("-XX:AOTMode=on");
            }
        }
        cmd.addAll(List.of("-cp", cp, SandboxRunner.class.getName()));
        if (training) {
            cmd.add("--train");
        }
        return cmd;
    }

    /**
     * The compile service's command: {@code java} of this JDK with {@code jvmArgs}, the compiler jar as the class
     * path and {@code mainClass}; inside bubblewrap when it works (see {@link #compileWrapper()}).
     */
    List<String> compileServiceCommand(List<String> jvmArgs, String mainClass) {
        var cmd = new ArrayList<String>(compilePrefix);
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", compileSandboxed ? "/sandbox/compiler.jar" : compilerJar.toString(), mainClass));
        return cmd;
    }

    /**
     * L1 in L4: the compile-service JVM in bubblewrap, like an execution but with this JDK (javac lives in
     * {@code jdk.compiler}): every namespace unshared (no network), this JDK and the compiler jar read-only and
     * nothing else of the host but its shared libraries, a small tmpfs {@code /tmp}, empty environment, no
     * capabilities, die with the parent; as root, a uid of its own below the slot uids, no new privileges; the
     * seccomp filter of executions (no processes, no internet sockets). It compiles in memory and never writes.
     *
     * @return the command prefix up to {@code java}
     */
    private List<String> compileWrapper() throws IOException {
        String jdk = Path.of(System.getProperty("java.home")).toRealPath().toString();
        var cmd = new ArrayList<String>();
        if (seccompFile != null) {
            cmd.addAll(List.of("/bin/sh", "-c", "exec \"$@\" 3<\"$0\"", seccompFile.toString()));
        }
        if (setpriv != null) {
            int uid = compileUid();
            cmd.addAll(List.of(setpriv, "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--no-new-privs"));
        }
        cmd.addAll(List.of(bwrap, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
                "--new-session", "--clearenv", "--cap-drop", "ALL", "--hostname", "compile",
                "--ro-bind", jdk, jdk, "--ro-bind", compilerJar.toString(), "/sandbox/compiler.jar"));
        cmd.addAll(libBinds);
        cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--size", Long.toString(TMPFS_BYTES), "--tmpfs",
                "/tmp", "--chdir", "/tmp"));
        if (seccompFile != null) {
            cmd.addAll(List.of("--seccomp", "3"));
        }
        cmd.add(jdk + "/bin/java");
        return cmd;
    }

    /** {@return the uid of compile-service JVMs when running as root: just below slot 0's} */
    int compileUid() {
        return config.slotUidBase() - 1;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new ArrayList<String>(a);
        all.addAll(b);
        return all;
    }

    /** Runs a short command; {@return null if it exits 0 within 20 s, else why not} */
    private static String run(List<String> cmd) {
        return run(cmd, 20);
    }

    /**
     * {@link #run(List)} with a time limit of {@code seconds}; the reason holds the first 8 KiB of the output. The
     * output goes to a temporary file, so the limit holds for a command that hangs with its output open (reading
     * its pipe would block until it exits); a command past the limit, or interrupted, is killed with its children.
     */
    static String run(List<String> cmd, int seconds) {
        Path log = null;
        Process p = null;
        try {
            log = Files.createTempFile("rlcode-sandbox-probe", ".log");
            p = Launcher.start(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()));
            p.getOutputStream().close();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                return "timed out after " + seconds + " s";
            }
            if (p.exitValue() == 0) return null;
            byte[] out;
            try (InputStream in = Files.newInputStream(log)) {
                out = in.readNBytes(8192);
            }
            return "exit " + p.exitValue() + ": " + new String(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            if (p != null && p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** Runs {@code java -version} inside bwrap (with the filter if given); {@return null if it works, else why not} */
    private String probe(String bwrapPath, Path bpf) {
        var cmd = new ArrayList<String>();
        if (bpf != null) {
            cmd.addAll(List.of("/bin/sh", "-c", "exec \"$@\" 3<\"$0\"", bpf.toString()));
        }
        if (setpriv != null) {
            cmd.addAll(List.of(setpriv, "--reuid=" + config.slotUidBase(), "--regid=" + config.slotUidBase(),
                    "--clear-groups", "--no-new-privs"));
        }
        cmd.addAll(List.of(bwrapPath, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
                "--new-session", "--clearenv", "--cap-drop", "ALL", "--ro-bind", javaHome.toString(), "/jre"));
        cmd.addAll(libBinds);
        cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        if (bpf != null) {
            cmd.addAll(List.of("--seccomp", "3"));
        }
        cmd.addAll(List.of("/jre/bin/java", "-Xshare:auto", "-XX:-UsePerfData", "-XX:ActiveProcessorCount=1", "-version"));
        return run(cmd);
    }

    /**
     * bwrap arguments that make the host's system shared libraries (and only them) visible read-only: the folders
     * of the libraries this JVM has mapped, outside its own image, that are {@linkplain #systemDirectory system
     * folders}. Libraries an application loaded from elsewhere (PoCL's compiled kernels under {@code ~/.cache/pocl},
     * a user's JNI library) are neither needed by the sandboxed JVM nor shown to it; binding them used to make the
     * bwrap probe fail ("Permission denied" for the slot uid), which switched the OS layer off.
     */
    private List<String> libraryBinds() throws IOException {
        var dirs = new LinkedHashSet<String>();
        String home = Path.of(System.getProperty("java.home")).toRealPath().toString();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            int slash = line.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String file = line.substring(slash);
            if (file.contains(".so") && !file.startsWith(home) && !file.startsWith(dir.toString())) {
                dirs.add(Path.of(file).getParent().toString());
            }
        }
        dirs.removeIf(d -> !systemDirectory(Path.of(d))); // each folder once, not once per mapping
        var args = new ArrayList<String>();
        // the ELF interpreter path (/lib64/ld-linux-x86-64.so.2) and the usual merged-/usr symlinks
        for (String p : List.of("/lib", "/lib64", "/usr/lib64")) {
            Path path = Path.of(p);
            if (Files.isSymbolicLink(path)) {
                args.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), p));
            } else if (Files.isDirectory(path) && !p.equals("/lib")) {
                dirs.add(p);
            }
        }
        for (String d : dirs) {
            args.addAll(List.of("--ro-bind", d, d));
        }
        return args;
    }

    /**
     * {@return whether {@code dir} and every folder above it are searchable by everyone and writable only by their
     * owner (the folder itself also readable by everyone): a folder of the system's libraries, which any slot uid
     * can reach, as opposed to one under a private home or cache folder, or a shared temporary one}
     */
    static boolean systemDirectory(Path dir) {
        try {
            Path real = dir.toRealPath();
            for (Path p = real; p != null; p = p.getParent()) {
                PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
                Set<PosixFilePermission> perms = a.permissions();
                if (perms.contains(PosixFilePermission.GROUP_WRITE)
                        || perms.contains(PosixFilePermission.OTHERS_WRITE)
                        || !perms.contains(PosixFilePermission.OTHERS_EXECUTE)
                        || (p.equals(real) && !perms.contains(PosixFilePermission.OTHERS_READ))) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static Path jlink(Path jre) throws IOException {
        if (Files.isRegularFile(jre.resolve("bin/java")) && Files.isRegularFile(jre.resolve("release"))) {
            return jre;
        }
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(
                () -> new IOException("jlink not found: run on a JDK, or set SandboxConfig.jlinkRuntime to false"));
        Path tmp = jre.resolveSibling("jre.tmp-" + ProcessHandle.current().pid());
        deleteTree(tmp);
        LOG.log(System.Logger.Level.INFO, "building the sandbox runtime (jlink java.base + CDS) at {0}", jre);
        var log = new java.io.StringWriter();
        var pw = new java.io.PrintWriter(log);
        int rc = jlink.run(pw, pw, "--add-modules", "java.base", "--strip-debug",
                "--no-header-files", "--no-man-pages", "--output", tmp.toString());
        if (rc != 0) {
            deleteTree(tmp);
            throw new IOException("jlink failed (" + rc + "): " + log);
        }
        try {
            dumpCds(tmp);
        } catch (IOException e) {
            deleteTree(tmp);
            throw e;
        }
        try (var files = Files.walk(tmp)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                setReadable(p);
            }
        }
        Files.move(tmp, jre, StandardCopyOption.ATOMIC_MOVE);
        return jre;
    }

    /**
     * Writes the runtime's default CDS archives, as {@code jlink --generate-cds-archive} does, but with the dump's
     * output captured and its warnings off. The image's class list is the JDK's, which names classes outside
     * {@code java.base}, so every dump warns about each of them (80 harmless lines on the console of a first run
     * through jlink); errors still come back in the exception.
     */
    private static void dumpCds(Path jre) throws IOException {
        Path java = jre.resolve("bin/java");
        for (List<String> flags : List.of(List.of("-XX:SharedArchiveFile=" + jre.resolve("lib/server/classes.jsa")),
                List.of("-XX:-UseCompressedOops",
                        "-XX:SharedArchiveFile=" + jre.resolve("lib/server/classes_nocoops.jsa")))) {
            List<String> cmd = concat(List.of(java.toString(), "-Xshare:dump", "-Xlog:cds*=error"), flags);
            String failure = run(cmd, 120);
            if (failure != null) {
                throw new IOException("CDS dump failed: " + String.join(" ", cmd) + ": " + failure);
            }
        }
    }

    /** The runner's classes ({@code SandboxRunner} and its nested classes) as a jar with fixed timestamps. */
    private static byte[] runnerJarBytes() throws IOException {
        return jarBytes(List.of(SandboxRunner.class));
    }

    /** The given classes of this package and their nested classes as a jar with fixed timestamps. */
    private static byte[] jarBytes(List<Class<?>> roots) throws IOException {
        var classes = new TreeMap<String, byte[]>();
        for (Class<?> root : roots) {
            addClasses(classes, root);
        }
        var bytes = new ByteArrayOutputStream();
        try (var jar = new JarOutputStream(bytes)) {
            for (var e : classes.entrySet()) {
                var entry = new JarEntry(e.getKey());
                entry.setTime(0);
                jar.putNextEntry(entry);
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void addClasses(TreeMap<String, byte[]> classes, Class<?> root) throws IOException {
        int before = classes.size();
        String pkg = root.getPackageName().replace('.', '/');
        String prefix = root.getSimpleName();
        Path source = Path.of(CompileService.codeSource());
        if (Files.isDirectory(source)) {
            try (var list = Files.list(source.resolve(pkg))) {
                for (Path p : (Iterable<Path>) list::iterator) {
                    String n = p.getFileName().toString();
                    if (n.endsWith(".class") && (n.equals(prefix + ".class") || n.startsWith(prefix + "$"))) {
                        classes.put(pkg + "/" + n, Files.readAllBytes(p));
                    }
                }
            }
        } else {
            try (var jar = new JarFile(source.toFile())) {
                for (var e : (Iterable<JarEntry>) jar.stream()::iterator) {
                    String n = e.getName();
                    if (n.equals(pkg + "/" + prefix + ".class") || n.startsWith(pkg + "/" + prefix + "$")) {
                        try (InputStream in = jar.getInputStream(e)) {
                            classes.put(n, in.readAllBytes());
                        }
                    }
                }
            }
        }
        if (classes.size() == before) {
            throw new IOException(prefix + " classes not found in " + source);
        }
    }

    private static void writeIfAbsent(Path file, byte[] bytes) throws IOException {
        if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Files.write(tmp, bytes);
        setReadable(tmp);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Refuses a runtime folder that someone else owns or could write into. */
    private static void checkPrivate(Path dir) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        int owner = (Integer) Files.getAttribute(dir, "unix:uid");
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (owner != self || perms.contains(PosixFilePermission.GROUP_WRITE)
                || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException("runtime folder " + dir + " must be owned by uid " + self + " and writable by it alone"
                    + " (owner " + owner + ", " + PosixFilePermissions.toString(perms) + ")");
        }
    }

    /** World-readable (and traversable for folders): slot uids run the runtime; nobody else may write it. */
    static void setReadable(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return;
        }
        boolean dirOrExec = Files.isDirectory(p) || Files.isExecutable(p);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(dirOrExec ? "rwxr-xr-x" : "rw-r--r--"));
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var files = Files.walk(p)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static String which(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String d : (path + ":/usr/bin:/bin:/usr/sbin").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
