package dev.rlcode.envs.code.sandbox;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.reflect.AccessFlag;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDK types a class of the default package could hide. In Java a class of the unit's own package takes
 * precedence over a type imported on demand ({@code import java.util.*;}) and over {@code java.lang}'s, so a
 * candidate that declares {@code class Math} or {@code class Arrays} changes what the tests' {@code Math.abs} or
 * {@code Arrays.asList} mean. Types are looked up in the running JDK's image ({@code jrt:/}), which is the JDK that
 * compiles the candidates.
 */
final class JdkTypes {

    /** {@code import p.q.*;} (not {@code import static}), whitespace allowed around the dots. */
    private static final Pattern ON_DEMAND = Pattern.compile(
            "\\bimport\\s+(?!static\\b)([A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*)\\s*\\.\\s*\\*\\s*;");

    private static final ConcurrentHashMap<String, Optional<String>> HIDDEN = new ConcurrentHashMap<>();

    private JdkTypes() {
    }

    /**
     * {@return the packages whose types a class of the default package could hide from the units of {@code r}}:
     * {@code java.lang}, every package the sandbox lets code use (whatever the imports say, so no way of writing
     * an import can take a package out of the check), and the packages or types (for nested types) that some unit
     * imports on demand. The imports are read after javac's first steps (Unicode escapes decoded, comments
     * removed: {@code import/**}{@code /java.util.*;} and {@code import java.util.\u002a;} are imports). Only
     * comments and whitespace may stand before an import, so removing comments cannot hide one; a match in a
     * string further down only adds a package to check, so the rule can only get stricter.
     */
    static Set<String> onDemandImports(ExecutionRequest r) {
        var packages = new TreeSet<String>();
        packages.add("java.lang");
        packages.addAll(ClassScanner.usablePackages());
        var units = new ArrayList<>(r.sources().values());
        if (r.hasTestSource()) {
            units.add(r.testSource());
        }
        for (String unit : units) {
            Matcher m = ON_DEMAND.matcher(withoutComments(decodeUnicodeEscapes(unit)));
            while (m.find()) {
                packages.add(m.group(1).replaceAll("\\s+", ""));
            }
        }
        return packages;
    }

    /**
     * {@return {@code s} with its Unicode escapes decoded} (JLS 3.3: a backslash preceded by an even number of
     * backslashes, then one or more u, then four hex digits)
     */
    static String decodeUnicodeEscapes(String s) {
        if (s.indexOf("\\u") < 0) {
            return s;
        }
        var out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                int backslashes = 0;
                for (int j = i - 1; j >= 0 && s.charAt(j) == '\\'; j--) {
                    backslashes++;
                }
                int u = i + 1;
                while (backslashes % 2 == 0 && u < s.length() && s.charAt(u) == 'u') {
                    u++;
                }
                if (u > i + 1 && u + 4 <= s.length() && s.substring(u, u + 4).chars().allMatch(
                        h -> Character.digit(h, 16) >= 0)) {
                    out.append((char) Integer.parseInt(s.substring(u, u + 4), 16));
                    i = u + 4;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n\\r]*", Pattern.DOTALL);

    /** {@return {@code s} with its comments replaced by a space (strings are not told apart: see the caller)} */
    static String withoutComments(String s) {
        return COMMENT.matcher(s).replaceAll(" ");
    }

    /**
     * {@return the qualified name of a public JDK type named {@code simpleName} in one of {@code packages} (a
     * package's top-level type, or a member type of a type imported on demand), or null if there is none}
     */
    static String publicTypeIn(Set<String> packages, String simpleName) {
        for (String p : packages) {
            String hidden = HIDDEN.computeIfAbsent(p + " " + simpleName, k -> Optional.ofNullable(lookUp(p,
                    simpleName))).orElse(null);
            if (hidden != null) {
                return hidden;
            }
        }
        return null;
    }

    private static String lookUp(String pkg, String simpleName) {
        FileSystem jrt;
        try {
            jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        } catch (RuntimeException e) { // not a modular runtime image: nothing to look up
            return null;
        }
        // a package: its public top-level type
        for (Path dir : packageDirs(jrt, pkg)) {
            if (isPublic(dir.resolve(simpleName + ".class"))) {
                return pkg + "." + simpleName;
            }
        }
        // a type imported on demand (import java.util.Map.*): its member type
        int dot = pkg.lastIndexOf('.');
        if (dot > 0) {
            for (Path dir : packageDirs(jrt, pkg.substring(0, dot))) {
                if (Files.isRegularFile(dir.resolve(pkg.substring(dot + 1) + "$" + simpleName + ".class"))) {
                    return pkg + "." + simpleName;
                }
            }
        }
        return null;
    }

    /** {@return the directories of {@code pkg} in every module of the image that has it} */
    private static List<Path> packageDirs(FileSystem jrt, String pkg) {
        var dirs = new ArrayList<Path>();
        Path modules = jrt.getPath("/packages", pkg);
        if (!Files.isDirectory(modules)) {
            return dirs;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(modules)) {
            for (Path m : ds) {
                dirs.add(jrt.getPath("/modules", m.getFileName().toString(), pkg.replace('.', '/')));
            }
        } catch (IOException e) {
            return dirs;
        }
        return dirs;
    }

    private static boolean isPublic(Path classFile) {
        if (!Files.isRegularFile(classFile)) {
            return false;
        }
        try {
            return ClassFile.of().parse(Files.readAllBytes(classFile)).flags().has(AccessFlag.PUBLIC);
        } catch (IOException | IllegalArgumentException e) {
            return true; // unreadable: assume it could be hidden
        }
    }
}
