package dev.rlcode.envs.code.task;

import java.io.BufferedReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test-only child-JVM entry point for {@link ForkedTestRunner}: reads a manifest of {@code job TAB classDir TAB
 * testClass} lines, runs every {@code public static void testXxx()} method of each test class (name order) with the
 * class directory on a fresh class loader per job, and prints {@code R TAB job TAB class TAB method TAB PASS|FAIL TAB
 * message}.
 */
public final class TestMethodsMain {

    private static final long TIMEOUT_MS = 10_000;

    private TestMethodsMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, ClassLoader> loaders = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split("\t");
                ClassLoader loader = loaders.computeIfAbsent(f[0], k -> newLoader(Path.of(f[1])));
                runClass(f[0], loader, f[2]);
            }
        }
        System.out.flush();
    }

    private static ClassLoader newLoader(Path dir) {
        try {
            return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void runClass(String job, ClassLoader loader, String testClass) {
        Method[] methods;
        try {
            methods = Class.forName(testClass, true, loader).getMethods();
        } catch (Throwable t) {
            report(job, testClass, "<load>", false, t.toString());
            return;
        }
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method m : methods) {
            if (!m.getName().startsWith("test") || !Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0) {
                continue;
            }
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread t = Thread.ofPlatform().daemon().start(() -> {
                try {
                    m.invoke(null);
                } catch (InvocationTargetException e) {
                    failure.set(e.getCause());
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            try {
                t.join(TIMEOUT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                report(job, testClass, m.getName(), false, "timeout after " + TIMEOUT_MS + " ms");
            } else {
                Throwable f = failure.get();
                report(job, testClass, m.getName(), f == null, f == null ? "" : String.valueOf(f));
            }
        }
    }

    private static void report(String job, String cls, String method, boolean pass, String message) {
        System.out.println("R\t" + job + "\t" + cls + "\t" + method + "\t" + (pass ? "PASS" : "FAIL") + "\t"
                + message.replace('\n', ' ').replace('\t', ' '));
    }
}
