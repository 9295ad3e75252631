package dev.rlcode.envs.code.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Results by SHA-256 of the request (style, test class name, timeout, every source unit and the test source),
 * in memory and optionally in a folder (one small text file per key). Crashes are never cached: they may come
 * from the machine rather than the code.
 */
final class ResultCache {
    private static final System.Logger LOG = System.getLogger(ResultCache.class.getName());
    private final Map<String, ExecutionResult> memory = new ConcurrentHashMap<>();
    private final Path dir;

    ResultCache(Path dir) {
        this.dir = dir;
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot create cache folder " + dir, e);
            }
        }
    }

    /** {@return the cache key of a request: hex SHA-256 over an unambiguous encoding of it} */
    static String key(ExecutionRequest r) {
        var sb = new StringBuilder("rlcode-sandbox-v1\n");
        field(sb, r.style().name());
        field(sb, r.testClassName());
        field(sb, Long.toString(r.timeout().toMillis()));
        field(sb, r.testSource() == null ? "" : r.testSource());
        for (var e : r.sources().entrySet()) { // sorted by name
            field(sb, e.getKey());
            field(sb, e.getValue());
        }
        return HexFormat.of().formatHex(SandboxRuntime.sha256(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void field(StringBuilder sb, String s) {
        sb.append(s.length()).append(':').append(s).append('\n');
    }

    Optional<ExecutionResult> get(String key) {
        ExecutionResult r = memory.get(key);
        if (r == null && dir != null) {
            Path f = dir.resolve(key + ".result");
            if (Files.isRegularFile(f)) {
                try {
                    r = decode(Files.readString(f));
                    memory.put(key, r);
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "ignoring unreadable cache entry " + f, e);
                }
            }
        }
        return Optional.ofNullable(r);
    }

    void put(String key, ExecutionResult r) {
        if (r instanceof ExecutionResult.Crashed) {
            return;
        }
        memory.put(key, r);
        if (dir != null) {
            try {
                Path tmp = Files.createTempFile(dir, key, ".tmp");
                Files.writeString(tmp, encode(r));
                Files.move(tmp, dir.resolve(key + ".result"), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot write cache entry " + key, e);
            }
        }
    }

    static String encode(ExecutionResult r) {
        List<String> f = switch (r) {
            case ExecutionResult.Passed p -> List.of(Integer.toString(p.testsRun()));
            case ExecutionResult.CompileError c -> {
                var l = new ArrayList<String>();
                for (Diagnostic d : c.diagnostics()) {
                    l.addAll(List.of(d.source(), Long.toString(d.line()), d.message()));
                }
                yield l;
            }
            case ExecutionResult.Rejected j -> List.of(j.reason());
            case ExecutionResult.TestFailed t -> List.of(t.test(), t.message());
            case ExecutionResult.RuntimeError e -> List.of(e.summary());
            case ExecutionResult.Timeout t -> List.of(Long.toString(t.limit().toMillis()));
            case ExecutionResult.Crashed c -> List.of(c.detail());
        };
        var sb = new StringBuilder(r.status());
        for (String s : f) {
            sb.append(' ').append(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
        }
        return sb.append('\n').toString();
    }

    static ExecutionResult decode(String line) {
        String[] parts = line.replace("\n", "").split(" ", -1);
        var f = new ArrayList<String>();
        for (int i = 1; i < parts.length; i++) {
            f.add(new String(Base64.getDecoder().decode(parts[i]), StandardCharsets.UTF_8));
        }
        return switch (parts[0]) {
            case "passed" -> new ExecutionResult.Passed(Integer.parseInt(f.get(0)));
            case "compile_error" -> {
                var d = new ArrayList<Diagnostic>();
                for (int i = 0; i + 2 < f.size(); i += 3) {
                    d.add(new Diagnostic(f.get(i), Long.parseLong(f.get(i + 1)), f.get(i + 2)));
                }
                yield new ExecutionResult.CompileError(d);
            }
            case "rejected" -> new ExecutionResult.Rejected(f.get(0));
            case "test_failed" -> new ExecutionResult.TestFailed(f.get(0), f.get(1));
            case "runtime_error" -> new ExecutionResult.RuntimeError(f.get(0));
            case "timeout" -> new ExecutionResult.Timeout(Duration.ofMillis(Long.parseLong(f.get(0))));
            case "crashed" -> new ExecutionResult.Crashed(f.get(0));
            default -> throw new IllegalArgumentException("status: expected one of ExecutionResult's, actual " + parts[0]);
        };
    }
}
