package dev.rlcode.envs.code.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The {@link Sandbox}: L1 compile service → L0 harness checks → L2 scan → L3/L4 sandboxed JVM under L5
 * supervision, with a result cache in front.
 */
final class ProcessSandbox implements Sandbox {
    private static final System.Logger LOG = System.getLogger(ProcessSandbox.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SandboxConfig config;
    private final SandboxRuntime runtime;
    private final CompileService compiler;
    private final ResultCache cache;
    /** What decides verdicts besides the request (part of every cache key): see {@link #fingerprint}. */
    private final String fingerprint;
    private final Map<String, CompletableFuture<ExecutionResult>> inFlight = new ConcurrentHashMap<>();
    private final BlockingQueue<Integer> freeSlots;
    /** Per slot: its next JVM, started ahead of its request ({@link SandboxConfig#prespawn()}), or null. */
    private final AtomicReferenceArray<Spare> spares;
    /** Spare JVMs of every open sandbox in this JVM (for tests that look for stray processes). */
    private static final Set<Process> ALL_SPARES = ConcurrentHashMap.newKeySet();
    private final List<String> layers = new ArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong compilations = new AtomicLong();
    private final AtomicLong scans = new AtomicLong();
    private final AtomicLong executions = new AtomicLong();
    private final DoubleAdder compileMillis = new DoubleAdder();
    private final DoubleAdder scanMillis = new DoubleAdder();
    private final DoubleAdder runMillis = new DoubleAdder();
    private volatile boolean closed;

    ProcessSandbox(SandboxConfig config) {
        this.config = config;
        runtime = SandboxRuntime.prepare(config);
        compiler = new CompileService(config.compileWorkers(), runtime.compileServiceCommand(
                CompileService.jvmArgs(config.compileHeapMb()), CompileServer.class.getName()));
        cache = config.cache() ? new ResultCache(config.cacheDir(), config.cacheMaxBytes()) : null;
        fingerprint = fingerprint(config, runtime.runnerHash);
        freeSlots = new ArrayBlockingQueue<>(config.slots());
        spares = new AtomicReferenceArray<>(config.slots());
        for (int i = 0; i < config.slots(); i++) {
            freeSlots.add(i);
        }
        prepareAotCache();
        layers.add("L0 harness: nothing of the candidate loaded here, verdict over a nonce channel, runner out of the "
                + "candidate's loader, test count checked, halt after the verdict");
        layers.add("L1 compile service: " + config.compileWorkers() + " JVM(s), in memory, -proc:none, heap "
                + config.compileHeapMb() + " MB, timeout " + config.compileTimeout().toSeconds() + " s, "
                + (runtime.compileSandboxed ? "inside bubblewrap (no network, read-only JDK and compiler jar, no other "
                + "host paths" + (runtime.seccompFile != null ? ", seccomp" : "") + (runtime.setpriv != null
                ? ", uid " + runtime.compileUid() : "") + ")" : "outside bubblewrap (unavailable)"));
        layers.add(config.scan() ? "L2 class-file scan: package allow-list, member deny-list, constant pool and "
                + "bootstraps" : "L2 class-file scan: OFF (disabled)");
        layers.addAll(runtime.layers);
        layers.add("L3 AOT cache: " + (runtime.aotCache != null ? runtime.aotCache : "OFF (training failed)"));
        layers.add("L5 supervision: " + config.slots() + " slots, wall-clock timeout, SIGKILL of the process tree, "
                + "output cap " + config.outputLimitBytes() + " bytes" + (config.prespawn()
                ? ", each slot's next JVM started after its previous run (one execution per JVM)" : ""));
        LOG.log(System.Logger.Level.INFO, "sandbox layers:\n  " + String.join("\n  ", layers));
    }

    /** {@return the runtime (for tests)} */
    SandboxRuntime runtime() {
        return runtime;
    }

    @Override
    public List<String> layers() {
        return List.copyOf(layers);
    }

    @Override
    public SandboxStats stats() {
        return new SandboxStats(requests.get(), cacheHits.get(), compilations.get(), scans.get(), executions.get(),
                compileMillis.sum(), scanMillis.sum(), runMillis.sum());
    }

    /**
     * {@return what decides a verdict besides the request}: the JDK's version, the runner jar's hash, the bytes of
     * every class of this package (the rules, the harness, the compile server, the JVM flags and layers, nested
     * classes included), and the configured limits and layers. A cached result is reused only by a judge with the
     * same fingerprint, so a rule fixed in a later version (or a cache folder shared between differently
     * configured sandboxes) never serves an old verdict.
     */
    static String fingerprint(SandboxConfig c, String runnerHash) {
        var sb = new StringBuilder();
        sb.append(Runtime.version()).append('\n').append(runnerHash).append('\n').append(packageHash()).append('\n');
        sb.append("heapMb=").append(c.heapMb()).append(" stackKb=").append(c.stackKb()).append(" directMemoryMb=")
                .append(c.directMemoryMb()).append(" outputLimitBytes=").append(c.outputLimitBytes())
                .append(" scan=").append(c.scan()).append(" jlinkRuntime=").append(c.jlinkRuntime())
                .append(" osSandbox=").append(c.osSandbox()).append(" seccomp=").append(c.seccomp())
                .append(" rlimits=").append(c.rlimits()).append(" cgroups=").append(c.cgroups());
        return sb.toString();
    }

    private static volatile String packageHash;

    /** {@return SHA-256 over the names and bytes of every class file of this package, from its jar or folder} */
    static String packageHash() {
        if (packageHash != null) {
            return packageHash;
        }
        String prefix = ProcessSandbox.class.getPackageName().replace('.', '/') + "/";
        var files = new java.util.TreeMap<String, byte[]>();
        try {
            Path source = Path.of(ProcessSandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(source)) {
                try (var list = Files.list(source.resolve(prefix))) {
                    for (Path f : list.filter(f -> f.toString().endsWith(".class")).toList()) {
                        files.put(f.getFileName().toString(), Files.readAllBytes(f));
                    }
                }
            } else {
                try (var jar = new java.util.jar.JarFile(source.toFile())) {
                    for (var e : java.util.Collections.list(jar.entries())) {
                        String name = e.getName();
                        if (name.startsWith(prefix) && name.endsWith(".class")
                                && name.indexOf('/', prefix.length()) < 0) {
                            try (var in = jar.getInputStream(e)) {
                                files.put(name.substring(prefix.length()), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot read the sandbox's own classes to key its result cache", e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("cannot find the sandbox's own classes to key its result cache");
        }
        var digest = new java.io.ByteArrayOutputStream();
        files.forEach((name, bytes) -> {
            digest.writeBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.write(0);
            digest.writeBytes(SandboxRuntime.sha256(bytes));
        });
        packageHash = HexFormat.of().formatHex(SandboxRuntime.sha256(digest.toByteArray()));
        return packageHash;
    }

    @Override
    public Verdict run(ExecutionRequest request) {
        if (closed) {
            throw new IllegalStateException("sandbox is closed");
        }
        requests.incrementAndGet();
        long t0 = System.nanoTime();
        if (cache == null) {
            return judge(request, t0);
        }
        String key = ResultCache.key(request, fingerprint);
        var hit = cache.get(key);
        if (hit.isPresent()) {
            cacheHits.incrementAndGet();
            return new Verdict(hit.get(), Timings.cacheHit(ms(t0)));
        }
        var mine = new CompletableFuture<ExecutionResult>();
        var other = inFlight.putIfAbsent(key, mine);
        if (other != null) { // the same request is being judged right now: wait for it
            ExecutionResult r = other.join();
            cacheHits.incrementAndGet();
            return new Verdict(r, Timings.cacheHit(ms(t0)));
        }
        try {
            Verdict v = judge(request, t0);
            // a compilation that ran out of time depends on the machine's load more than on the source: judged
            // again next time (a run that ran out of time is kept: looping candidates are common and costly)
            boolean compileTimeout = v.result() instanceof ExecutionResult.Timeout && v.timings().launchMillis() == 0
                    && v.timings().runMillis() == 0;
            if (!compileTimeout) cache.put(key, v.result());
            mine.complete(v.result());
            return v;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private Verdict judge(ExecutionRequest r, long t0) {
        // L1: compile, candidate and tests together, each class tagged with its unit
        var units = new LinkedHashMap<>(r.sources());
        if (r.hasTestSource()) {
            units.put(r.testClassName(), r.testSource());
        }
        long tc = System.nanoTime();
        CompileService.Outcome outcome;
        try {
            outcome = compiler.compile(units, config.compileTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(new ExecutionResult.Crashed("interrupted while compiling"), timings(0, 0, 0, 0, t0));
        }
        compilations.incrementAndGet();
        double compile = ms(tc);
        compileMillis.add(compile);
        CompileServer.Result compiled = switch (outcome) {
            case CompileService.Outcome.TimedOut t -> null;
            case CompileService.Outcome.Died d -> null;
            case CompileService.Outcome.Compiled c -> c.result();
        };
        if (compiled == null) {
            ExecutionResult res = outcome instanceof CompileService.Outcome.Died d ? new ExecutionResult.Crashed(d.detail())
                    : new ExecutionResult.Timeout(config.compileTimeout());
            return new Verdict(res, timings(compile, 0, 0, 0, t0));
        }
        if (!compiled.ok()) {
            return new Verdict(new ExecutionResult.CompileError(compiled.diagnostics()), timings(compile, 0, 0, 0, t0));
        }
        // L0: who is who, what must run
        var candidate = new LinkedHashMap<String, byte[]>();
        var tests = new LinkedHashMap<String, byte[]>();
        for (CompileServer.Output o : compiled.classes()) {
            boolean isTest = r.hasTestSource() && o.unit().equals(r.testClassName());
            (isTest ? tests : candidate).put(o.internalName(), o.bytes());
        }
        long ts = System.nanoTime();
        ExecutionResult early = harnessChecks(r, candidate, tests);
        int expected = early == null ? expectedTests(r, r.hasTestSource() ? tests : candidate) : 0;
        if (early == null && expected < 1) {
            early = new ExecutionResult.TestFailed(r.style() == TestStyle.MAIN ? "main" : r.testClassName(),
                    r.style() == TestStyle.MAIN ? "no public static void main(String[]) in " + r.testClassName()
                            : "test class " + r.testClassName() + " declares no public static void test*() method");
        }
        // L2: scan every class file before anything loads it
        if (early == null && config.scan()) {
            var own = new HashMap<String, byte[]>(candidate);
            own.putAll(tests);
            // MAIN style compiles the tests in the candidate's unit: its test class and the classes nested in it
            // are the tests, which the candidate may not name (it could write to their static state)
            Map<String, byte[]> code = candidate;
            Map<String, byte[]> testUnit = tests;
            if (!r.hasTestSource()) {
                Set<String> mainNest = nestOf(r.testClassName(), candidate);
                code = new HashMap<>();
                testUnit = new HashMap<>();
                for (var e : candidate.entrySet()) {
                    (mainNest.contains(e.getKey()) ? testUnit : code).put(e.getKey(), e.getValue());
                }
            }
            var reason = ClassScanner.scan(code, own, testUnit.keySet());
            if (reason.isEmpty()) {
                reason = ClassScanner.scan(testUnit, own, Set.of(), ClassScanner.TEST_UNIT_MEMBERS, false)
                        .map(s -> "test class " + s);
            }
            scans.incrementAndGet();
            early = reason.map(ExecutionResult.Rejected::new).orElse(null);
        }
        double scan = ms(ts);
        scanMillis.add(scan);
        if (early != null) {
            return new Verdict(early, timings(compile, scan, 0, 0, t0));
        }
        // L3-L5: one fresh sandboxed JVM
        Execution.Outcome run;
        try {
            run = execute(r, candidate, tests, expected, null, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(new ExecutionResult.Crashed("interrupted while running"), timings(compile, scan, 0, 0, t0));
        }
        return new Verdict(run.result(), timings(compile, scan, run.launchMillis(), run.runMillis(), t0));
    }

    /**
     * {@return {@code testClass} and the classes nested in it, as its class file's NestMembers attribute names them}
     * (javac lists every nested, local and anonymous class there): a top-level class the candidate names
     * {@code Main$X} is not one of them
     */
    static Set<String> nestOf(String testClass, Map<String, byte[]> classes) {
        var nest = new HashSet<String>();
        byte[] bytes = classes.get(testClass);
        if (bytes == null) {
            return nest;
        }
        nest.add(testClass);
        try {
            ClassFile.of().parse(bytes).findAttribute(java.lang.classfile.Attributes.nestMembers()).ifPresent(a ->
                    a.nestMembers().forEach(m -> nest.add(m.asInternalName())));
        } catch (IllegalArgumentException e) {
            // malformed: the scan rejects it
        }
        return nest;
    }

    /** L0 rules that hold whatever the scan says: default package only, nothing that shadows a test class. */
    private static ExecutionResult harnessChecks(ExecutionRequest r, Map<String, byte[]> candidate,
                                                 Map<String, byte[]> tests) {
        for (String name : candidate.keySet()) {
            if (name.indexOf('/') >= 0) {
                return new ExecutionResult.Rejected("class " + name + " is outside the default package");
            }
            if (tests.containsKey(name) || name.equals(SandboxRunner.class.getSimpleName())) {
                return new ExecutionResult.Rejected("class " + name + " shadows a test or harness class");
            }
        }
        // A class of the default package hides a type of the same simple name that a unit imports on demand
        // (java.lang's included): tests that use that type would call the candidate's Math, Objects or Arrays.
        // A java.lang type is refused always: every unit sees java.lang, and a test's use of one of its
        // constants (Short.MAX_VALUE) is inlined by javac, leaving no reference to find. Other packages' types
        // are refused when the test code refers to them (a helper class Stack that no test uses is left alone).
        Set<String> packages = JdkTypes.onDemandImports(r);
        Set<String> usedByTests = null;
        for (String name : candidate.keySet()) {
            if (name.indexOf('$') < 0) {
                String lang = JdkTypes.publicTypeIn(Set.of("java.lang"), name);
                if (lang != null) {
                    return new ExecutionResult.Rejected("class " + name + " hides " + lang + ", which every unit "
                            + "sees");
                }
                String hidden = JdkTypes.publicTypeIn(packages, name);
                if (hidden == null) {
                    continue;
                }
                if (usedByTests == null) {
                    usedByTests = classesReferencedByTests(r, candidate, tests);
                }
                if (usedByTests.contains(name)) {
                    return new ExecutionResult.Rejected("class " + name + " hides " + hidden + ", which the "
                            + "tests use");
                }
            }
        }
        Map<String, byte[]> holder = r.hasTestSource() ? tests : candidate;
        if (!holder.containsKey(r.testClassName())) {
            return new ExecutionResult.TestFailed(r.style() == TestStyle.MAIN ? "main" : r.testClassName(),
                    "test class " + r.testClassName() + " not found");
        }
        return null;
    }

    private static final java.util.regex.Pattern DESCRIPTOR_CLASS = java.util.regex.Pattern.compile("L([^;<>]+)[;<]");

    /**
     * {@return the internal names of the classes the test code refers to}: the test unit's classes, or in MAIN
     * style (one unit) the test class and its nested classes
     */
    private static Set<String> classesReferencedByTests(ExecutionRequest r, Map<String, byte[]> candidate,
                                                        Map<String, byte[]> tests) {
        var referenced = new HashSet<String>();
        var testClasses = new ArrayList<byte[]>(tests.values());
        if (!r.hasTestSource()) {
            candidate.forEach((name, bytes) -> {
                if (name.equals(r.testClassName()) || name.startsWith(r.testClassName() + "$")) {
                    testClasses.add(bytes);
                }
            });
        }
        for (byte[] bytes : testClasses) {
            try {
                for (var entry : ClassFile.of().parse(bytes).constantPool()) {
                    if (entry instanceof java.lang.classfile.constantpool.ClassEntry c) {
                        referenced.add(c.asInternalName());
                    } else if (entry instanceof java.lang.classfile.constantpool.Utf8Entry u) {
                        // descriptors and signatures: a local variable or parameter of the type
                        var m = DESCRIPTOR_CLASS.matcher(u.stringValue());
                        while (m.find()) {
                            referenced.add(m.group(1));
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                // malformed: the scan rejects it
            }
        }
        return referenced;
    }

    /** Counts test cases from the test class file, without loading it. */
    private static int expectedTests(ExecutionRequest r, Map<String, byte[]> holder) {
        ClassModel cm = ClassFile.of().parse(holder.get(r.testClassName()));
        int n = 0;
        for (MethodModel m : cm.methods()) {
            int flags = m.flags().flagsMask();
            boolean publicStatic = (flags & ClassFile.ACC_PUBLIC) != 0 && (flags & ClassFile.ACC_STATIC) != 0;
            String name = m.methodName().stringValue();
            String desc = m.methodType().stringValue();
            if (r.style() == TestStyle.MAIN) {
                if (publicStatic && name.equals("main") && desc.equals("([Ljava/lang/String;)V")) {
                    return 1;
                }
            } else if (publicStatic && name.startsWith("test") && desc.equals("()V")) {
                n++;
            }
        }
        return n;
    }

    private Execution.Outcome execute(ExecutionRequest r, Map<String, byte[]> candidate, Map<String, byte[]> tests,
                                      int expected, Path aotOutput, boolean strictAot) throws InterruptedException {
        String nonce = HexFormat.of().formatHex(nonceBytes());
        byte[] payload = payload(nonce, r, candidate, tests, expected);
        int slot = freeSlots.take();
        boolean ordinary = aotOutput == null && !strictAot;
        try {
            executions.incrementAndGet();
            Duration timeout = aotOutput != null ? Duration.ofSeconds(120) : r.timeout();
            Execution.Started jvm = ordinary ? takeSpare(slot, r.timeout()) : null;
            if (jvm == null) {
                jvm = Execution.start(runtime.command(slot, r.timeout(), aotOutput, strictAot));
            }
            var out = Execution.run(jvm, payload, nonce, timeout, config.outputLimitBytes(), r.testClassName());
            runMillis.add(out.runMillis());
            return out;
        } finally {
            if (runtime.cgroups != null) {
                runtime.cgroups.sweep(slot); // nothing of this run survives into the slot's next one
            }
            if (ordinary && config.prespawn() && !closed) {
                var next = Execution.start(runtime.command(slot, r.timeout(), null, false));
                if (next.process() != null) {
                    ALL_SPARES.add(next.process());
                }
                spares.set(slot, new Spare(next, r.timeout()));
                if (closed) { // close() may have swept the spares between the check and the set
                    killSpare(slot);
                }
            }
            freeSlots.add(slot);
        }
    }

    /** The next JVM of a slot, started with the command of an execution with {@code timeout}. */
    private record Spare(Execution.Started jvm, Duration timeout) {
    }

    /**
     * {@return the slot's spare JVM if it was started for the same timeout (the command's CPU limit depends on it)
     * and is still waiting, else null (a mismatched or dead spare is killed)}; the caller holds the slot
     */
    private Execution.Started takeSpare(int slot, Duration timeout) {
        Spare s = spares.getAndSet(slot, null);
        if (s == null) {
            return null;
        }
        forget(s);
        if (s.timeout().equals(timeout) && s.jvm().alive()) {
            return s.jvm();
        }
        s.jvm().kill();
        return null;
    }

    /** {@return the process of the slot's spare JVM, if one is waiting (for tests)} */
    java.util.Optional<ProcessHandle> spare(int slot) {
        Spare s = spares.get(slot);
        return s == null || s.jvm().process() == null ? java.util.Optional.empty()
                : java.util.Optional.of(s.jvm().process().toHandle());
    }

    private static void forget(Spare s) {
        if (s.jvm().process() != null) {
            ALL_SPARES.remove(s.jvm().process());
        }
    }

    /** {@return the spare JVMs waiting now in every open sandbox of this JVM (for tests)} */
    static List<ProcessHandle> allSpares() {
        return ALL_SPARES.stream().map(Process::toHandle).toList();
    }

    private void killSpare(int slot) {
        Spare s = spares.getAndSet(slot, null);
        if (s != null) {
            forget(s);
            s.jvm().kill();
        }
    }

    private static byte[] nonceBytes() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return b;
    }

    private byte[] payload(String nonce, ExecutionRequest r, Map<String, byte[]> candidate, Map<String, byte[]> tests,
                           int expected) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeUTF(nonce);
            out.writeInt(r.style() == TestStyle.MAIN ? SandboxRunner.STYLE_MAIN : SandboxRunner.STYLE_TEST_METHODS);
            out.writeUTF(r.testClassName());
            out.writeInt(expected);
            out.writeLong(config.outputLimitBytes());
            for (Map<String, byte[]> classes : List.of(candidate, tests)) {
                out.writeInt(classes.size());
                for (var e : classes.entrySet()) {
                    out.writeUTF(e.getKey().replace('/', '.'));
                    out.writeInt(e.getValue().length);
                    out.write(e.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Makes sure executions start from a usable AOT cache: trains one if there is none (a representative benign
     * program run once with {@code -XX:AOTCacheOutput}), then checks that the JVM really accepts it.
     */
    private void prepareAotCache() {
        String program = """
                import java.util.*;
                import java.util.function.*;
                import java.util.stream.*;
                import java.math.BigInteger;
                class Solution {
                    sealed interface Shape permits Circle, Square {}
                    record Circle(double r) implements Shape {}
                    record Square(double s) implements Shape {}
                    static double area(Shape s) {
                        return switch (s) { case Circle c -> Math.PI * c.r() * c.r(); case Square q -> q.s() * q.s(); };
                    }
                    List<Integer> evens(List<Integer> xs) {
                        return xs.stream().filter(x -> x % 2 == 0).map(x -> x * 2).sorted(Comparator.reverseOrder())
                                .collect(Collectors.toList());
                    }
                    String joined(int n) {
                        return IntStream.range(0, n).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
                    }
                }
                public class Main {
                    public static void main(String[] args) {
                        Solution s = new Solution();
                        Map<String, Integer> m = new HashMap<>(); m.put("a", 1); m.merge("a", 2, Integer::sum);
                        TreeMap<Integer, String> t = new TreeMap<>(Map.of(3, "c", 1, "a"));
                        Deque<Integer> d = new ArrayDeque<>(List.of(1, 2)); PriorityQueue<Integer> pq = new PriorityQueue<>(d);
                        Optional<String> o = Optional.of("x").map(String::toUpperCase);
                        String r = s.joined(5) + s.evens(new ArrayList<>(Arrays.asList(1, 2, 3, 4))) + m + t + pq + o.get()
                                + Solution.area(new Solution.Circle(1)) + BigInteger.TWO.pow(100) + String.format("%d", 3)
                                + new StringBuilder("ab").reverse() + Arrays.toString(new int[] {3, 1, 2}) + "x".repeat(2)
                                + Character.isDigit('1') + Math.max(1, 2) + List.of(1, 2).hashCode() + Set.of(1).size();
                        if (!r.startsWith("[0,1,2,3,4]")) throw new AssertionError(r);
                    }
                }
                """;
        try {
            var outcome = compiler.compile(Map.of("Main", program), config.compileTimeout());
            if (!(outcome instanceof CompileService.Outcome.Compiled(var res)) || !res.ok()) {
                LOG.log(System.Logger.Level.WARNING, "AOT training program did not compile: {0}", outcome);
                return;
            }
            var classes = new LinkedHashMap<String, byte[]>();
            res.classes().forEach(o -> classes.put(o.internalName(), o.bytes()));
            var request = ExecutionRequest.humanEvalX(program);
            if (runtime.aotCache == null) {
                train(request, classes);
            }
            for (int attempt = 0; runtime.aotCache != null; attempt++) {
                String rejected = aotRejected(request, classes);
                if (rejected == null) {
                    break;
                }
                Path stale = runtime.aotCache;
                runtime.aotCache = null;
                LOG.log(System.Logger.Level.WARNING, "AOT cache {0} rejected by the JVM under -XX:AOTMode=on ({1}); "
                        + (attempt == 0 ? "rebuilding it" : "continuing without an AOT cache"), stale, rejected);
                if (attempt == 0) {
                    Files.deleteIfExists(stale);
                    train(request, classes);
                } else {
                    break;
                }
            }
        } catch (IOException | InterruptedException e) {
            LOG.log(System.Logger.Level.WARNING, "AOT training failed; continuing without an AOT cache", e);
        }
    }

    private void train(ExecutionRequest request, Map<String, byte[]> classes) throws IOException, InterruptedException {
        Path target = runtime.aotPath();
        Path tmpDir = Files.createTempDirectory(runtime.dir, "aot-");
        try {
            SandboxRuntime.setReadable(tmpDir);
            Path out = tmpDir.resolve(target.getFileName());
            var result = execute(request, classes, Map.of(), 1, out, false);
            if (result.result().passed() && Files.isRegularFile(out)) {
                SandboxRuntime.setReadable(out);
                Files.move(out, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                runtime.aotCache = target;
            } else {
                LOG.log(System.Logger.Level.WARNING, "AOT training run gave {0}; continuing without an AOT cache",
                        result.result());
            }
        } finally {
            SandboxRuntime.deleteTree(tmpDir);
        }
    }

    /**
     * Runs the training program once, sandboxed as usual, with {@code -XX:AOTMode=on}, which makes the JVM fail
     * instead of quietly starting without a cache it cannot use (other flags, other JDK build, damaged file).
     *
     * @return null if the cache was used, else what happened
     */
    private String aotRejected(ExecutionRequest request, Map<String, byte[]> classes) throws InterruptedException {
        var result = execute(request, classes, Map.of(), 1, null, true).result();
        return result.passed() ? null : result.toString();
    }

    private Timings timings(double compile, double scan, double launch, double run, long t0) {
        return new Timings(compile, scan, launch, run, ms(t0), false);
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /** {@return the pids of the compile-service JVMs of every sandbox (expected descendants of this JVM)} */
    static Set<Long> servicePids() {
        return CompileService.pids();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        compiler.close();
        for (int i = 0; i < spares.length(); i++) {
            killSpare(i);
        }
        if (runtime.cgroups != null) {
            runtime.cgroups.close();
        }
    }
}
