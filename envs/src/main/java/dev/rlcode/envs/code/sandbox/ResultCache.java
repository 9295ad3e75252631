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
 *
 * <p>Both levels are bounded. Memory keeps the {@link #MEMORY_ENTRIES} most recently used results. The folder is
 * capped at {@code maxDiskBytes} (sum of entry file sizes): past it, the least recently used entries are deleted
 * until the folder is at {@link #EVICT_TO} of the cap. "Used" is the file's modification time, which {@link #get}
 * refreshes on a disk hit (access times are unreliable under {@code relatime}/{@code noatime}). Several caches
 * may share a folder: each evicts from a fresh listing, so their size estimates cannot drift far.
 */
final class ResultCache {
    private static final System.Logger LOG = System.getLogger(ResultCache.class.getName());
    /** Results kept in memory (least recently used dropped first). */
    static final int MEMORY_ENTRIES = 100_000;
    /** Eviction brings the folder down to this fraction of its cap (so it does not run on every put). */
    static final double EVICT_TO = 0.9;
    private static final String SUFFIX = ".result";
    private final Map<String, ExecutionResult> memory = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ExecutionResult> eldest) {
                    return size() > MEMORY_ENTRIES;
                }
            });
    private final Path dir;
    private final long maxDiskBytes;
    private final java.util.concurrent.atomic.AtomicLong diskBytes = new java.util.concurrent.atomic.AtomicLong();

    /** A memory-only cache, or one backed by {@code dir} with the default cap. */
    ResultCache(Path dir) {
        this(dir, SandboxConfig.DEFAULT_CACHE_MAX_BYTES);
    }

    /**
     * @param dir          the folder, or null for memory only
     * @param maxDiskBytes cap on the folder's entries, at least 1 KiB
     */
    ResultCache(Path dir, long maxDiskBytes) {
        if (maxDiskBytes < 1024) {
            throw new IllegalArgumentException("maxDiskBytes: expected >= 1024, actual " + maxDiskBytes);
        }
        this.dir = dir;
        this.maxDiskBytes = maxDiskBytes;
        if (dir != null) {
            try {
                Files.createDirectories(dir);
                diskBytes.set(entries().stream().mapToLong(Entry::size).sum());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot create cache folder " + dir, e);
            }
            if (diskBytes.get() > maxDiskBytes) {
                evict();
            }
        }
    }

    /** {@return bytes the folder's entries take, as this cache last counted them} */
    long diskBytes() {
        return diskBytes.get();
    }

    /**
     * {@return the cache key of a request judged by a judge with the given fingerprint: hex SHA-256 over an
     * unambiguous encoding of both}
     *
     * @param judge what else decides the verdict ({@link ProcessSandbox#fingerprint}: the rules' code, the JDK,
     *              the limits and layers), so a folder written by an older or differently configured judge is
     *              never read as this one's verdicts
     */
    static String key(ExecutionRequest r, String judge) {
        var sb = new StringBuilder("rlcode-sandbox-v2\n");
        field(sb, judge);
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
            Path f = dir.resolve(key + SUFFIX);
            if (Files.isRegularFile(f)) {
                try {
                    r = decode(Files.readString(f));
                    memory.put(key, r);
                    Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
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
                Path target = dir.resolve(key + SUFFIX);
                long before = Files.isRegularFile(target) ? Files.size(target) : 0;
                long size = Files.size(tmp);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                if (diskBytes.addAndGet(size - before) > maxDiskBytes) {
                    evict();
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot write cache entry " + key, e);
            }
        }
    }

    /** A result file and what eviction needs to know about it. */
    private record Entry(Path file, long size, long lastUsed) {
    }

    private List<Entry> entries() throws IOException {
        var list = new ArrayList<Entry>();
        try (var files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                try {
                    var a = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        list.add(new Entry(f, a.size(), a.lastModifiedTime().toMillis()));
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // evicted by another cache on the same folder
                }
            }
        }
        return list;
    }

    /** Deletes least recently used entries until the folder is at {@link #EVICT_TO} of the cap. */
    private synchronized void evict() {
        try {
            List<Entry> all = entries();
            long total = all.stream().mapToLong(Entry::size).sum();
            long target = (long) (maxDiskBytes * EVICT_TO);
            if (total > maxDiskBytes) {
                all.sort(java.util.Comparator.comparingLong(Entry::lastUsed).thenComparing(e -> e.file().toString()));
                int removed = 0;
                for (Entry e : all) {
                    if (total <= target) {
                        break;
                    }
                    Files.deleteIfExists(e.file());
                    String name = e.file().getFileName().toString();
                    memory.remove(name.substring(0, name.length() - SUFFIX.length()));
                    total -= e.size();
                    removed++;
                }
                LOG.log(System.Logger.Level.DEBUG, "result cache {0}: evicted {1} entries, {2} bytes left", dir,
                        removed, total);
            }
            diskBytes.set(total);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot evict from cache folder " + dir, e);
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
