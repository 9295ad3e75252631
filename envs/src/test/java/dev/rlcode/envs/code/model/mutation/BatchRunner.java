package dev.rlcode.envs.code.model.mutation;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Main class of the forked test JVM of {@link ForkedJvmJudge}: runs compiled candidates (our own trusted mutants)
 * one after the other, each in a fresh class loader, and prints {@code RESULT <index> <OUTCOME>} per candidate.
 * A candidate past its time limit is reported as TIMEOUT and the JVM halts (its thread cannot be stopped); the
 * parent starts a new JVM for the rest.
 *
 * <p>Arguments: the job file (one line per candidate: {@code index<TAB>classesDir<TAB>MAIN|TEST_METHODS<TAB>testClass}),
 * the first line to run, the time limit per candidate in milliseconds.
 */
public final class BatchRunner {

    public static void main(String[] args) throws Exception {
        List<String> jobs = Files.readAllLines(Path.of(args[0]));
        int from = Integer.parseInt(args[1]);
        long limit = Long.parseLong(args[2]);
        PrintStream results = System.out;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(quiet);
        System.setErr(quiet);
        for (int i = from; i < jobs.size(); i++) {
            String[] f = jobs.get(i).split("\t");
            String[] outcome = {"CRASHED"};
            Thread t = Thread.ofPlatform().daemon().stackSize(16 << 20).start(() -> outcome[0] = run(Path.of(f[1]), f[2], f[3]));
            t.join(limit);
            if (t.isAlive()) {
                results.println("RESULT " + f[0] + " TIMEOUT");
                results.flush();
                Runtime.getRuntime().halt(3);
            }
            results.println("RESULT " + f[0] + " " + outcome[0]);
            results.flush();
        }
    }

    static String run(Path classes, String style, String testClass) {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> tests = Class.forName(testClass, true, loader);
            if (style.equals("MAIN")) {
                tests.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
            } else {
                Method[] methods = tests.getMethods();
                Arrays.sort(methods, Comparator.comparing(Method::getName));
                for (Method m : methods) {
                    if (m.getName().startsWith("test") && Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0) {
                        m.invoke(null);
                    }
                }
            }
            return "PASSED";
        } catch (InvocationTargetException e) {
            return "FAILED";
        } catch (Throwable e) {
            return "CRASHED";
        }
    }
}
