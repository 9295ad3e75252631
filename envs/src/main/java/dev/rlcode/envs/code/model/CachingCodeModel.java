package dev.rlcode.envs.code.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A {@link CodeModel} that answers from a disk cache and asks its delegate only on a miss, so a run with a real
 * LLM replays exactly.
 *
 * <p>The key of a call is the SHA-256 of the canonical JSON of {@code {"model": namespace, "call": name,
 * "request": request, "occurrence": n}} (record components in declaration order, no whitespace), where {@code n}
 * counts the calls with the same name and request on this instance, from 1. One instance is one stream of calls (in
 * rlcode, one episode of one seed), so asking the same thing twice, such as a second GENERATE of the same task, is
 * a fresh sample when live and the same second sample on replay. The answer is stored as JSON in
 * {@code dir/ab/abcdef….json}, written to a temporary file and moved into place atomically, so a crash never
 * leaves a half-written entry. A hit never calls the delegate. Safe for concurrent use by threads and processes
 * sharing the folder: when two callers miss the same key at once, the first answer stored wins and the other caller
 * returns it too (not its own), so what every caller got is what a replay gives.
 */
public final class CachingCodeModel implements CodeModel {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final CodeModel delegate;
    private final Path dir;
    private final String namespace;
    /** Calls made so far per (call, request), keyed by the key of their first occurrence. */
    private final Map<String, Integer> occurrences = new ConcurrentHashMap<>();

    /**
     * @param delegate  the model asked on a miss
     * @param dir       the cache folder (created if absent)
     * @param namespace what distinguishes the delegate's answers from another model's: its name, temperature, …
     * @throws UncheckedIOException if the folder cannot be created
     */
    public CachingCodeModel(CodeModel delegate, Path dir, String namespace) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("creating cache folder " + dir, e);
        }
    }

    @Override
    public Completion generate(GenerateRequest request) {
        return cached("generate", request, Completion.class, () -> delegate.generate(request));
    }

    @Override
    public Completion repair(RepairRequest request) {
        return cached("repair", request, Completion.class, () -> delegate.repair(request));
    }

    @Override
    public Plan plan(PlanRequest request) {
        return cached("plan", request, Plan.class, () -> delegate.plan(request));
    }

    @Override
    public Completion integrate(IntegrateRequest request) {
        return cached("integrate", request, Completion.class, () -> delegate.integrate(request));
    }

    /**
     * {@return the cache key of a call: hex SHA-256 of its canonical JSON}
     *
     * @param call       the method name ({@code generate}, {@code repair}, {@code plan}, {@code integrate})
     * @param request    the request record
     * @param occurrence which call with this name and request on one instance it is, from 1
     * @throws IllegalArgumentException if {@code occurrence < 1}
     */
    public String key(String call, Record request, int occurrence) {
        if (occurrence < 1) {
            throw new IllegalArgumentException("occurrence: expected >= 1, actual " + occurrence);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("model", namespace);
        root.put("call", call);
        root.set("request", JSON.valueToTree(request));
        root.put("occurrence", occurrence);
        try {
            byte[] canonical = JSON.writeValueAsBytes(root);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException e) {
            throw new UncheckedIOException("serialising a " + call + " request", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    private <T> T cached(String call, Record request, Class<T> type, Supplier<T> miss) {
        String key = key(call, request, occurrences.merge(key(call, request, 1), 1, Integer::sum));
        Path file = dir.resolve(key.substring(0, 2)).resolve(key + ".json");
        if (Files.isRegularFile(file)) {
            return read(file, type);
        }
        T answer = miss.get();
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(file.getParent(), key, ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(answer), StandardCharsets.UTF_8);
            try {
                Files.createLink(file, tmp); // atomic, and fails when another caller stored this key first
            } catch (FileAlreadyExistsException raced) {
                return read(file, type); // the first answer stored wins, so every caller got what a replay gives
            } catch (UnsupportedOperationException | IOException noLinks) {
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing cache entry " + file, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover .tmp file is never read as an entry
                }
            }
        }
        return answer;
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            return JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw new UncheckedIOException("reading cache entry " + file + ": " + e.getMessage().lines().findFirst()
                    .orElse("") + " (a damaged answer: delete the file to ask the model again)", e);
        }
    }
}
