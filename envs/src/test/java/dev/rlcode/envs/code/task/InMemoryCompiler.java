package dev.rlcode.envs.code.task;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Test-only: compiles trusted sources of the unnamed package in memory with {@code javax.tools}. The product's
 * sandbox (package {@code sandbox}) does this for untrusted code; this small twin only checks our own references.
 */
final class InMemoryCompiler {

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    private InMemoryCompiler() {
    }

    /** The outcome: class bytes by binary name, or the error diagnostics. */
    record Result(Map<String, byte[]> classes, List<String> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    /**
     * @param sources source text keyed by the file name without {@code .java} (the public class's name)
     */
    static Result compile(Map<String, String> sources) {
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new SimpleJavaFileObject(
                URI.create("string:///" + name + JavaFileObject.Kind.SOURCE.extension), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        }));
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager std = JAVAC.getStandardFileManager(diagnostics, null, null);
        var manager = new ForwardingJavaFileManager<>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        boolean ok = JAVAC.getTask(null, manager, diagnostics, List.of("-proc:none", "-Xlint:none", "-nowarn"),
                null, units).call();
        List<String> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> (d.getSource() == null ? "?" : d.getSource().getName()) + ":" + d.getLineNumber() + ": "
                        + d.getMessage(null))
                .toList();
        if (!ok && errors.isEmpty()) {
            errors = List.of("compilation failed without diagnostics");
        }
        Map<String, byte[]> classes = out.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toByteArray()));
        return new Result(classes, errors);
    }
}
