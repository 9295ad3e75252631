package dev.rlcode.envs.code.sandbox;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The L1 compile service: {@code main} of a separate, memory-capped JVM that compiles requests in memory with a
 * warm {@code javax.tools} compiler. It never loads what it compiles ({@code -proc:none}: no annotation
 * processors either).
 *
 * <p>Protocol on stdin/stdout (see {@link Wire}): request = int unit count, then (name, source) pairs;
 * response = boolean ok, int class count, then (internal name, unit name, bytes) triples, int diagnostic count,
 * then (unit name, long line, message) triples. Before the first request the server warms up and then writes one
 * byte ({@link #READY}), so a caller can tell start-up from compile time. EOF on stdin ends the JVM.
 */
final class CompileServer {
    /** The byte written once warm-up is over. */
    static final int READY = 0x52;
    static final List<String> OPTIONS = List.of("-proc:none", "-implicit:none", "-Xlint:none", "-g:source,lines",
            "--limit-modules", "java.base");

    /** The JVM option that lets {@link #main} reuse javac contexts (see {@link #reusingPool()}). */
    static final String EXPORT_OPTION = "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED";
    private static final String POOL_CLASS = "com.sun.tools.javac.api.JavacTaskPool";
    /** A context is dropped and a fresh one created after this many compilations (bounds any slow leak). */
    static final int CONTEXT_REUSES = 500;

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final StandardJavaFileManager standard =
            javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    /** javac's own context pool (what jshell uses), or null when it is not accessible: then every compile is cold. */
    private Object pool;
    private Method poolGetTask;
    private Object poolWorker;
    private int poolUses;
    private final MemoryManager manager = new MemoryManager(standard);

    /** A compiled class: internal name, unit it came from, bytes. */
    record Output(String internalName, String unit, byte[] bytes) {
    }

    /** The outcome of one compilation. */
    record Result(boolean ok, List<Output> classes, List<Diagnostic> diagnostics) {
    }

    public static void main(String[] args) throws IOException {
        var out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(System.err); // stdout carries the protocol only
        var in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        var server = new CompileServer();
        if (!server.reusingPool()) {
            System.err.println("compile server: javac context reuse unavailable (" + POOL_CLASS
                    + " not accessible); compiling with a fresh context each time");
        }
        server.warmUp();
        out.writeByte(READY);
        out.flush();
        while (true) {
            int n;
            try {
                n = in.readInt();
            } catch (EOFException e) {
                return;
            }
            var units = new LinkedHashMap<String, String>();
            for (int i = 0; i < n; i++) {
                units.put(Wire.readString(in), Wire.readString(in));
            }
            Result r = server.compile(units);
            out.writeBoolean(r.ok());
            out.writeInt(r.classes().size());
            for (Output o : r.classes()) {
                Wire.writeString(out, o.internalName());
                Wire.writeString(out, o.unit());
                Wire.writeBytes(out, o.bytes());
            }
            out.writeInt(r.diagnostics().size());
            for (Diagnostic d : r.diagnostics()) {
                Wire.writeString(out, d.source());
                out.writeLong(d.line());
                Wire.writeString(out, d.message());
            }
            out.flush();
        }
    }

    /**
     * Compiles varied programs for up to 150 rounds or 4 s, so javac is JIT-compiled before the first request
     * (a cold javac is 3-5 times slower than a warm one).
     */
    private void warmUp() {
        String src = """
                import java.util.*; import java.util.stream.*; import java.math.BigInteger;
                class Solution { record P(int a, String b) {} enum E { A, B }
                  static int f(Object o) { return switch (o) { case P p when p.a() > 0 -> p.a(); case String s -> s.length();
                    default -> 0; }; }
                  List<Integer> g(List<Integer> xs) { Map<Integer, List<Integer>> m = new HashMap<>();
                    for (int x : xs) { m.computeIfAbsent(x %% 3, k -> new ArrayList<>()).add(x); }
                    return xs.stream().filter(x -> x > 1).sorted(Comparator.reverseOrder()).collect(Collectors.toList()); }
                  String h(String s) { StringBuilder sb = new StringBuilder(); for (char c : s.toCharArray()) {
                    if (Character.isUpperCase(c)) sb.append(Character.toLowerCase(c)); else sb.append(c); }
                    return sb + String.valueOf(BigInteger.TEN.pow(%d)) + E.A; } }
                public class Main { public static void main(String[] a) { Solution s = new Solution();
                  List<Boolean> ok = Arrays.asList(s.g(new ArrayList<>(Arrays.asList(1, 2, 3))).size() == 2,
                    Solution.f(new Solution.P(1, "x")) == 1, s.h("Ab").startsWith("ab"));
                  if (ok.contains(false)) throw new AssertionError(); } }
                """;
        long end = System.nanoTime() + 4_000_000_000L;
        for (int i = 0; i < 150 && System.nanoTime() < end; i++) {
            compile(Map.of("Main", src.formatted(i)));
        }
    }

    Result compile(Map<String, String> units) {
        Result first = compileOnce(units);
        if (pool != null && first.ok() && mayHoldStaleSymbols(first.classes())) {
            // A reused context keeps some state of earlier compilations' classes: a sealed interface's permitted
            // subclasses survived into a later, unrelated class of the same name (rejected as a reference to an
            // unknown class, or failing at run time). Such output is compiled again in a fresh context.
            pool = newPool();
            return compileOnce(units);
        }
        return first;
    }

    /**
     * {@return whether the class files may carry state of an earlier compilation}: one has a PermittedSubclasses
     * attribute (the state seen to survive), or one refers to a class of the default package that this compilation
     * did not produce (every class of the code under test and its tests is compiled together)
     */
    static boolean mayHoldStaleSymbols(List<Output> classes) {
        var produced = new java.util.HashSet<String>();
        classes.forEach(c -> produced.add(c.internalName()));
        for (Output c : classes) {
            java.lang.classfile.ClassModel cm;
            try {
                cm = java.lang.classfile.ClassFile.of().parse(c.bytes());
            } catch (IllegalArgumentException e) {
                return true;
            }
            if (cm.findAttribute(java.lang.classfile.Attributes.permittedSubclasses()).isPresent()) {
                return true;
            }
            for (var entry : cm.constantPool()) {
                if (entry instanceof java.lang.classfile.constantpool.ClassEntry ce) {
                    String name = ce.asInternalName().replaceFirst("^\\[+L?", "").replaceFirst(";$", "");
                    if (name.indexOf('/') < 0 && name.length() > 1 && !produced.contains(name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private Result compileOnce(Map<String, String> units) {
        var sources = new ArrayList<JavaFileObject>();
        for (var e : units.entrySet()) {
            sources.add(new Source(e.getKey(), e.getValue()));
        }
        var classes = new ArrayList<Output>();
        // one manager for the server's life: a reused javac context keeps the manager it first saw (ClassWriter,
        // ClassFinder hold it), so the manager's output list is switched per compilation instead
        manager.classes = classes;
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        var log = new StringWriter();
        boolean ok;
        try {
            ok = pool != null ? compilePooled(log, manager, diagnostics, sources)
                    : javac.getTask(new PrintWriter(log), manager, diagnostics, OPTIONS, null, sources).call();
        } catch (RuntimeException | StackOverflowError e) {
            // javac reports its own crashes (e.g. a stack overflow on absurdly nested code) by throwing
            return new Result(false, List.of(), List.of(new Diagnostic(units.keySet().iterator().next(), -1,
                    cut("compiler failed: " + e))));
        }
        var diags = new ArrayList<Diagnostic>();
        int errors = 0;
        for (var d : diagnostics.getDiagnostics()) {
            if (d.getKind() != javax.tools.Diagnostic.Kind.ERROR) {
                continue;
            }
            // a hostile source can make javac write megabytes per message (deeply nested generic types): the
            // verdict, its cache entry and the coder's feedback keep the first errors, each cut short
            if (++errors > MAX_DIAGNOSTICS) {
                continue;
            }
            String unit = d.getSource() instanceof Source s ? s.unit : "";
            diags.add(new Diagnostic(unit, d.getLineNumber(), cut(d.getMessage(Locale.ROOT))));
        }
        if (errors > MAX_DIAGNOSTICS) {
            diags.add(new Diagnostic(units.keySet().iterator().next(), -1, "... and " + (errors - MAX_DIAGNOSTICS)
                    + " more errors"));
        }
        if (!ok && diags.isEmpty()) {
            diags.add(new Diagnostic(units.keySet().iterator().next(), -1, cut("compilation failed: " + log)));
        }
        return new Result(ok, ok ? classes : List.of(), diags);
    }

    /** The most compiler errors a result keeps (javac itself stops at 100). */
    static final int MAX_DIAGNOSTICS = 20;

    /** The most characters of one compiler message a result keeps. */
    static final int MAX_MESSAGE_CHARS = 2000;

    private static String cut(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message
                : message.substring(0, MAX_MESSAGE_CHARS) + " ... (" + (message.length() - MAX_MESSAGE_CHARS)
                        + " more characters)";
    }

    /**
     * Sets up javac's {@code JavacTaskPool}: compilations with the same options share one javac context, so
     * {@code java.base} symbols are read and completed once instead of per request (2-3 times faster for
     * HumanEval-sized sources). The pool removes each compilation's own classes from the symbol table
     * afterwards and drops a context that a source polluted (one that redefines a {@code java.*} class) or that
     * crashed; only class files of the current request's sources are ever written, so a stale symbol cannot inject
     * code, and output that may carry one ({@link #mayHoldStaleSymbols}) is compiled again in a fresh context.
     * Needs {@link #EXPORT_OPTION}
     * (the class is not exported; {@code --release} builds cannot name it, hence reflection).
     *
     * @return whether the pool is in use
     */
    boolean reusingPool() {
        try {
            Class<?> poolClass = Class.forName(POOL_CLASS);
            Class<?> workerClass = Class.forName(POOL_CLASS + "$Worker");
            poolGetTask = poolClass.getMethod("getTask", java.io.Writer.class, javax.tools.JavaFileManager.class,
                    javax.tools.DiagnosticListener.class, Iterable.class, Iterable.class, Iterable.class, workerClass);
            poolWorker = Proxy.newProxyInstance(CompileServer.class.getClassLoader(), new Class<?>[] {workerClass},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "withTask" -> ((JavaCompiler.CompilationTask) args[0]).call();
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "JavacTaskPool.Worker(call)";
                    });
            pool = newPool();
            return pool != null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            pool = null;
            return false;
        }
    }

    private Object newPool() {
        poolUses = 0;
        try {
            return Class.forName(POOL_CLASS).getConstructor(int.class).newInstance(1);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private boolean compilePooled(StringWriter log, MemoryManager manager,
                                  DiagnosticCollector<JavaFileObject> diagnostics, List<JavaFileObject> sources) {
        if (++poolUses > CONTEXT_REUSES) {
            pool = newPool();
            poolUses = 1;
            if (pool == null) {
                return javac.getTask(new PrintWriter(log), manager, diagnostics, OPTIONS, null, sources).call();
            }
        }
        try {
            return (Boolean) poolGetTask.invoke(pool, new PrintWriter(log), manager, diagnostics, OPTIONS, null,
                    sources, poolWorker);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause() instanceof UndeclaredThrowableException u ? u.getCause() : e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An in-memory compilation unit. */
    private static final class Source extends SimpleJavaFileObject {
        final String unit;
        final String code;

        Source(String unit, String code) {
            super(URI.create("string:///" + unit + Kind.SOURCE.extension), Kind.SOURCE);
            this.unit = unit;
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }

    /** Keeps class files in memory, each tagged with the unit it came from. */
    private static final class MemoryManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        /** Where the current compilation's class files go. */
        volatile List<Output> classes = new ArrayList<>();

        MemoryManager(StandardJavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            String unit = sibling instanceof Source s ? s.unit : "";
            String internal = className.replace('.', '/');
            return new SimpleJavaFileObject(URI.create("mem:///" + internal + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            List<Output> sink = classes;
                            synchronized (sink) {
                                sink.add(new Output(internal, unit, toByteArray()));
                            }
                        }
                    };
                }
            };
        }

        @Override
        public boolean isSameFile(FileObject a, FileObject b) {
            return a.toUri().equals(b.toUri());
        }

        @Override
        public void close() {
            // the standard manager is shared by every compilation; never close it here
        }

        @Override
        public void flush() {
        }
    }

    /**
     * Not instantiable from outside; {@link #main} is the entry point. Class and source paths are empty: a source
     * sees {@code java.base} and itself, never the server's own classes or files on the host.
     */
    private CompileServer() {
        try {
            standard.setLocation(javax.tools.StandardLocation.CLASS_PATH, List.of());
            standard.setLocation(javax.tools.StandardLocation.SOURCE_PATH, List.of());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
