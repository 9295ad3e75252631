package dev.rlcode.envs.code.sandbox;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trusted runner inside each sandboxed JVM (L0). It uses {@code java.base} only and lives, alone, in the
 * runner jar on the jlinked runtime.
 *
 * <p>It reads, from stdin and before any candidate class exists: a nonce, the style, the test class name, the
 * expected test count, the output limit, then the candidate's and the tests' class files. It then replaces
 * stdin with an empty stream and stdout/stderr with a counting sink (past the limit: verdict
 * {@code OUTPUT_LIMIT}), defines candidate and test classes from bytes in one loader whose parent is the platform
 * loader (they cannot see the runner; the loader serves no resources), runs the tests, writes one verdict line
 * {@code <nonce> <KIND> <count> <tReady> <tDone> <b64 test> <b64 message>} to the real stdout, and halts at once
 * (no shutdown hooks, no waiting for candidate threads). The nonce never leaves this class's locals and final
 * fields, so the candidate cannot forge a verdict; a JVM that ends without one is a crash, whatever its exit code.
 */
public final class SandboxRunner {
    /** Style codes on the wire. */
    static final int STYLE_TEST_METHODS = 0;
    static final int STYLE_MAIN = 1;

    private final PrintStream verdictOut;
    private final String nonce;
    private final boolean training;
    private long tReady;
    /**
     * Set once the candidate has written more than the limit, before the verdict is attempted: every later verdict
     * is then {@code OUTPUT_LIMIT}, so a candidate that catches the StackOverflowError it provoked inside the
     * first attempt (the sink runs on its stack) cannot go on to pass.
     */
    private volatile boolean overLimit;
    private String overLimitMessage = "";

    private SandboxRunner(PrintStream verdictOut, String nonce, boolean training) {
        this.verdictOut = verdictOut;
        this.nonce = nonce;
        this.training = training;
    }

    public static void main(String[] args) throws IOException {
        // the real stdout, taken before anything else can touch System.out
        var verdictOut = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        var in = new DataInputStream(System.in);
        String nonce = in.readUTF();
        var runner = new SandboxRunner(verdictOut, nonce, args.length > 0 && args[0].equals("--train"));
        int style = in.readInt();
        String testClass = in.readUTF();
        int expected = in.readInt();
        long outputLimit = in.readLong();
        Map<String, byte[]> candidate = readClasses(in);
        Map<String, byte[]> tests = readClasses(in);
        runner.tReady = System.nanoTime();
        runner.overLimitMessage = "output over " + outputLimit + " bytes";
        // Link the verdict's code before any candidate class exists (string concatenation call sites, Base64,
        // the stream's encoder), so that no first use of it can fail later on a candidate's nearly full stack.
        runner.line("PASSED", 0, "", "");
        verdictOut.print("");
        System.setIn(new ByteArrayInputStream(new byte[0]));
        var sink = new PrintStream(new CappedSink(runner, outputLimit), true, StandardCharsets.UTF_8);
        System.setOut(sink);
        System.setErr(sink);
        runner.run(style, testClass, expected, candidate, tests);
    }

    private static Map<String, byte[]> readClasses(DataInputStream in) throws IOException {
        int n = in.readInt();
        var classes = new HashMap<String, byte[]>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            classes.put(name, bytes);
        }
        return classes;
    }

    private void run(int style, String testClass, int expected, Map<String, byte[]> candidate,
                     Map<String, byte[]> tests) {
        // One loader for candidate and tests, so tests reach package-private candidate classes (same runtime
        // package). Its parent is the platform loader: neither sees the runner. It serves no resources. That the
        // candidate does not name test classes, reflect or load classes is the class-file scan's job.
        var all = new HashMap<String, byte[]>(candidate);
        all.putAll(tests);
        ClassLoader testLoader = new BytesLoader("candidate", ClassLoader.getPlatformClassLoader(), all);
        // assert statements run, as under `java -ea`: a test's assert is a check (HumanEval-X's Java/151 ends with
        // one), and a candidate's own failing assert is a failure, not something to skip
        testLoader.setDefaultAssertionStatus(true);
        List<Method> methods = new ArrayList<>();
        String current = style == STYLE_MAIN ? "main" : testClass;
        try {
            Class<?> cls = Class.forName(testClass, false, testLoader);
            if (style == STYLE_MAIN) {
                Method main = cls.getMethod("main", String[].class);
                if (!Modifier.isStatic(main.getModifiers()) || main.getReturnType() != void.class) {
                    verdict("BAD_TESTS", 0, "main", "main is not public static void");
                }
                main.setAccessible(true);
                methods.add(main);
            } else {
                for (Method m : cls.getMethods()) {
                    if (m.getDeclaringClass() == cls && Modifier.isStatic(m.getModifiers())
                            && m.getParameterCount() == 0 && m.getReturnType() == void.class
                            && m.getName().startsWith("test")) {
                        methods.add(m);
                    }
                }
                methods.sort(Comparator.comparing(Method::getName));
                for (Method m : methods) {
                    m.setAccessible(true); // the test class need not be public
                }
            }
            if (methods.isEmpty() || methods.size() != expected) {
                verdict("BAD_TESTS", methods.size(), testClass, "expected " + expected + " test methods, found "
                        + methods.size());
            }
            int passed = 0;
            for (Method m : methods) {
                current = m.getName();
                if (style == STYLE_MAIN) {
                    m.invoke(null, (Object) new String[0]);
                } else {
                    m.invoke(null);
                }
                passed++;
            }
            verdict(passed == expected ? "PASSED" : "BAD_TESTS", passed, testClass, "");
        } catch (InvocationTargetException e) {
            failure(current, e.getCause());
        } catch (Throwable t) {
            failure(current, t);
        }
    }

    /** Longest message a verdict carries: the candidate's own text goes into the next repair prompt. */
    static final int MESSAGE_CAP = 1000;

    private void failure(String test, Throwable t) {
        // the throwable may be the candidate's own class: every overridable call on it (getCause, getMessage,
        // getStackTrace) runs candidate code, which may throw, return null or loop on itself
        for (int depth = 0; depth < 16 && t instanceof ExceptionInInitializerError; depth++) {
            Throwable cause = guarded(t::getCause, null);
            if (cause == null || cause == t) break;
            t = cause;
        }
        if (t instanceof AssertionError) {
            verdict("FAILED", 0, test, cap(message(t)));
        }
        verdict("ERROR", 0, test, summary(t));
    }

    private static String summary(Throwable t) {
        var sb = new StringBuilder(t.getClass().getName());
        String message = message(t);
        if (!message.isEmpty()) {
            sb.append(": ").append(cap(message));
        }
        StackTraceElement[] frames = guarded(t::getStackTrace, null);
        for (StackTraceElement f : frames == null ? new StackTraceElement[0] : frames) {
            String loader = f == null ? null : f.getClassLoaderName();
            if ("candidate".equals(loader)) {
                sb.append(" at ").append(f.getClassName()).append('.').append(f.getMethodName()).append('(')
                        .append(f.getFileName()).append(':').append(f.getLineNumber()).append(')');
                break;
            }
        }
        return cap(sb.toString());
    }

    /** {@return the throwable's message, "" when null, or what its own getMessage threw} */
    private static String message(Throwable t) {
        try {
            String m = t.getMessage();
            return m == null ? "" : m;
        } catch (Throwable thrown) {
            return "(its getMessage threw " + thrown.getClass().getName() + ")";
        }
    }

    private static <T> T guarded(java.util.function.Supplier<T> call, T orElse) {
        try {
            return call.get();
        } catch (Throwable thrown) {
            return orElse;
        }
    }

    private static String cap(String s) {
        return s.length() > MESSAGE_CAP ? s.substring(0, MESSAGE_CAP) : s;
    }

    /** The verdict line. */
    private String line(String kind, int count, String test, String message) {
        var b64 = Base64.getEncoder();
        return "\n" + nonce + " " + kind + " " + count + " " + tReady + " " + System.nanoTime() + " "
                + b64.encodeToString(test.getBytes(StandardCharsets.UTF_8)) + " "
                + b64.encodeToString(message.getBytes(StandardCharsets.UTF_8)) + "\n";
    }

    /**
     * Writes the verdict line (OUTPUT_LIMIT, whatever is asked, once the output went over) and ends the JVM at
     * once; never returns.
     */
    void verdict(String kind, int count, String test, String message) {
        synchronized (verdictOut) {
            if (overLimit) {
                kind = "OUTPUT_LIMIT";
                count = 0;
                test = "";
                message = overLimitMessage;
            }
            verdictOut.print(line(kind, count, test, message));
            verdictOut.flush();
            if (training) {
                System.exit(0); // an AOT training run must exit normally for the cache to be written
            }
            Runtime.getRuntime().halt(0);
        }
    }

    /** Defines classes from bytes; finds nothing else (no resources, no class path). */
    private static final class BytesLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        BytesLoader(String name, ClassLoader parent, Map<String, byte[]> classes) {
            super(name, parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }

    /** Counts candidate output and discards it; past the limit the run ends with {@code OUTPUT_LIMIT}. */
    private static final class CappedSink extends OutputStream {
        private final SandboxRunner runner;
        private final long limit;
        private long written;

        CappedSink(SandboxRunner runner, long limit) {
            this.runner = runner;
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            count(1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            // PrintStream passes a negative len through: counted as such it would lower the total (and lift the cap)
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            count(len);
        }

        private void count(long n) {
            written += n;
            if (written > limit) {
                runner.overLimit = true;
                runner.verdict("OUTPUT_LIMIT", 0, "", "");
            }
        }
    }
}
