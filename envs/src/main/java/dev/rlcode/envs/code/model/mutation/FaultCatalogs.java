package dev.rlcode.envs.code.model.mutation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlcode.envs.code.task.CodeTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Computes the {@link FaultCatalog}s of tasks with a {@link MutationEngine}, optionally caching each on disk.
 *
 * <p><b>Cost.</b> Analysing one task judges the reference and up to {@code maxJudged} compiling mutants against the
 * visible tests, then the reference and the survivors against the hidden tests: at most {@code 2 (maxJudged + 1)}
 * executions, plus an in-process {@code javac} analysis of each sampled mutant. Through the sandbox that is roughly
 * 10-60 s per task on two loaded cores with the default cap of 80, i.e. minutes for the 60 bundled tasks and tens of
 * minutes for the 164 HumanEval-X problems. Hence the cache.
 *
 * <p><b>Cache.</b> With a cache folder, a task's catalogue is stored as {@code <key>.json}, where the key is the
 * SHA-256 of the task's content (id, style, reference, visible and hidden tests), the engine's cap and seed, every
 * mutant the {@link Mutator} derives from the reference (operator, edit, line, description: so a changed mutator
 * never reads a catalogue an older one wrote; deriving them costs about 10 ms a task, no judging) and
 * {@link #FORMAT} (bumped whenever the classification or the file format changes). A second run over the same
 * tasks reads every catalogue back without judging anything. Files are written atomically; an unreadable file is
 * recomputed. Files of other settings or of older versions stay in the folder, unused. Thread-safe.
 *
 * <p><b>Precomputed catalogues.</b> {@link #withPrecomputed} adds a read-only source consulted by the same key when
 * the cache folder has no file: e.g. {@link dev.rlcode.envs.code.task.BundledSuite#precomputedCatalog}, the bundled
 * suite's catalogues as the sandbox judged them (a test judges them all again and compares). A catalogue found
 * there is copied into the cache folder, so a run folder holds every catalogue it used; one that does not parse or
 * names another task is judged instead.
 */
public final class FaultCatalogs {

    /**
     * Version of the cache format and of the classification of the faults in it (the mutants themselves are part of
     * every key, so a change of the {@link Mutator} needs no bump).
     */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutantJudge judge;
    private final int maxJudged;
    private final long seed;
    private final Path cacheDir;
    private final Function<String, List<Mutant>> mutator;
    private final Function<String, Optional<String>> precomputed;
    private final AtomicInteger cacheHits = new AtomicInteger();
    private final AtomicInteger precomputedHits = new AtomicInteger();

    /**
     * @param judge     runs the kill checks (e.g. a {@link SandboxJudge})
     * @param maxJudged most mutants judged per task
     * @param seed      sampling seed of the engine
     * @param cacheDir  the cache folder (created when needed), or {@code null} for no cache
     */
    public FaultCatalogs(MutantJudge judge, int maxJudged, long seed, Path cacheDir) {
        this(judge, maxJudged, seed, cacheDir, Mutator::mutants);
    }

    /** As the public constructor, with another mutant generator in place of {@link Mutator#mutants} (tests). */
    FaultCatalogs(MutantJudge judge, int maxJudged, long seed, Path cacheDir, Function<String, List<Mutant>> mutator) {
        this(judge, maxJudged, seed, cacheDir, mutator, key -> Optional.empty());
    }

    private FaultCatalogs(MutantJudge judge, int maxJudged, long seed, Path cacheDir,
                          Function<String, List<Mutant>> mutator, Function<String, Optional<String>> precomputed) {
        this.precomputed = Objects.requireNonNull(precomputed, "precomputed");
        this.judge = Objects.requireNonNull(judge, "judge");
        if (maxJudged < 1) {
            throw new IllegalArgumentException("maxJudged: expected >= 1, actual " + maxJudged);
        }
        this.maxJudged = maxJudged;
        this.seed = seed;
        this.cacheDir = cacheDir;
        this.mutator = Objects.requireNonNull(mutator, "mutator");
    }

    /**
     * {@return these settings with a read-only source of precomputed catalogues, asked by cache key when the cache
     * folder has none}
     *
     * @param lookup cache key to the catalogue's JSON text (as this class writes it), or empty
     */
    public FaultCatalogs withPrecomputed(Function<String, Optional<String>> lookup) {
        return new FaultCatalogs(judge, maxJudged, seed, cacheDir, mutator, lookup);
    }

    /** {@return catalogues read from the cache folder so far} */
    public int cacheHits() {
        return cacheHits.get();
    }

    /** {@return catalogues taken from the precomputed source so far (not counted in {@link #cacheHits})} */
    public int precomputedHits() {
        return precomputedHits.get();
    }

    /**
     * {@return the name of the task's file in a cache folder (or precomputed source) under these settings}
     *
     * @throws java.util.NoSuchElementException if the task has no reference
     * @throws IllegalArgumentException         if the reference does not parse
     */
    public String fileName(CodeTask task) {
        return key(task) + ".json";
    }

    /**
     * {@return the task's catalogue, from the cache when present}
     *
     * @throws IllegalArgumentException if the task has no reference, or the reference does not compile or fails its
     *                                  tests
     */
    public FaultCatalog catalog(CodeTask task) {
        // no reference: nothing to cache, and the engine says so
        String key = task.referenceSolution().isEmpty() ? null : key(task);
        Path file = cacheDir == null || key == null ? null : cacheDir.resolve(key + ".json");
        if (file != null && Files.isRegularFile(file)) {
            try {
                FaultCatalog c = fromJson(JSON.readTree(file.toFile()), task);
                cacheHits.incrementAndGet();
                return c;
            } catch (IOException | RuntimeException e) {
                // unreadable or stale: recompute and overwrite
            }
        }
        if (key != null) {
            Optional<String> text = precomputed.apply(key);
            if (text.isPresent()) {
                try {
                    JsonNode json = JSON.readTree(text.get());
                    FaultCatalog c = fromJson(json, task);
                    if (file != null) {
                        write(file, json);
                    }
                    precomputedHits.incrementAndGet();
                    return c;
                } catch (IOException | RuntimeException e) {
                    // unusable: judge it instead
                }
            }
        }
        FaultCatalog c = new MutationEngine(judge, maxJudged, seed, mutator).analyse(task);
        if (file != null) {
            write(file, toJson(c));
        }
        return c;
    }

    /** One task's outcome: its catalogue, or (catalogue null) why it has none. */
    public record TaskOutcome(CodeTask task, FaultCatalog catalog, String failure) {
    }

    /**
     * Computes the catalogues of many tasks, {@code parallelTasks} at a time.
     *
     * @param tasks         tasks with reference solutions
     * @param parallelTasks tasks analysed at once, at least 1
     * @param onDone        called (from worker threads, one call at a time) with each catalogue as it is ready
     * @return the catalogues, in the tasks' order
     * @throws IllegalArgumentException if a task has no reference or its reference fails its tests (the first such
     *                                  task in list order)
     */
    public List<FaultCatalog> catalogs(List<CodeTask> tasks, int parallelTasks, Consumer<FaultCatalog> onDone) {
        List<TaskOutcome> outcomes = analyse(tasks, parallelTasks, o -> {
            if (o.catalog() != null) {
                onDone.accept(o.catalog());
            }
        });
        List<FaultCatalog> out = new ArrayList<>();
        for (TaskOutcome o : outcomes) {
            if (o.catalog() == null) {
                throw new IllegalArgumentException(o.failure());
            }
            out.add(o.catalog());
        }
        return out;
    }

    /**
     * Computes the catalogues of many tasks, {@code parallelTasks} at a time, where a task whose reference the judge
     * does not pass (or that has none) yields a {@link TaskOutcome} with the reason instead of failing the others.
     * Each catalogue is a function of its task alone, so the result does not depend on {@code parallelTasks}.
     *
     * @param tasks         tasks
     * @param parallelTasks tasks analysed at once, at least 1
     * @param onDone        called (from worker threads, one call at a time) with each outcome as it is ready
     * @return the outcomes, in the tasks' order
     * @throws RuntimeException the first failure other than a task's own (e.g. the sandbox is gone)
     */
    public List<TaskOutcome> analyse(List<CodeTask> tasks, int parallelTasks, Consumer<TaskOutcome> onDone) {
        if (parallelTasks < 1) {
            throw new IllegalArgumentException("parallelTasks: expected >= 1, actual " + parallelTasks);
        }
        TaskOutcome[] out = new TaskOutcome[tasks.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Object lock = new Object();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < Math.min(parallelTasks, tasks.size()); w++) {
            threads.add(Thread.ofVirtual().name("fault-catalogs-", w).start(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < tasks.size(); ) {
                        CodeTask t = tasks.get(i);
                        try {
                            out[i] = new TaskOutcome(t, catalog(t), null);
                        } catch (IllegalArgumentException e) {
                            out[i] = new TaskOutcome(t, null, e.getMessage());
                        }
                        synchronized (lock) {
                            onDone.accept(out[i]);
                        }
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    next.set(tasks.size());
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while analysing tasks", e);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return List.of(out);
    }

    /**
     * {@return the cache key of a task (with a reference) under this engine setting and this mutator}
     *
     * @throws IllegalArgumentException if the reference does not parse (the engine would reject it the same way)
     */
    String key(CodeTask task) {
        String reference = task.referenceSolution().orElseThrow();
        List<String> parts = new ArrayList<>(List.of("fault-catalog-v" + FORMAT, task.id(), task.style().name(),
                reference, task.visibleTests(), task.hiddenTests(), Integer.toString(maxJudged), Long.toString(seed)));
        for (Mutant m : mutator.apply(reference)) {
            parts.add(m.operator().name() + " " + m.edit().start() + " " + m.edit().end() + " " + m.line() + " "
                    + m.edit().replacement() + "\n" + m.description());
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode toJson(FaultCatalog c) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("task_id", c.taskId());
        root.put("generated", c.generated());
        root.put("judged", c.judged());
        root.put("uncompilable", c.uncompilable());
        root.put("equivalent", c.equivalent());
        ArrayNode faults = root.putArray("faults");
        for (Fault f : c.faults()) {
            Mutant m = f.mutant();
            ObjectNode n = faults.addObject();
            n.put("operator", m.operator().name());
            n.put("start", m.edit().start());
            n.put("end", m.edit().end());
            n.put("replacement", m.edit().replacement());
            n.put("line", m.line());
            n.put("description", m.description());
            n.put("class", f.faultClass().name());
            n.put("visible", f.visibleResult().name());
            if (f.hiddenResult() != null) {
                n.put("hidden", f.hiddenResult().name());
            }
        }
        return root;
    }

    /** Rebuilds a catalogue; mutant sources are the reference with the stored edit applied. */
    static FaultCatalog fromJson(JsonNode root, CodeTask task) {
        if (root.path("format").asInt() != FORMAT || !root.path("task_id").asText().equals(task.id())) {
            throw new IllegalArgumentException("stale catalogue");
        }
        String reference = task.referenceSolution().orElseThrow();
        List<Fault> faults = new ArrayList<>();
        // every field checked: a damaged file must be judged again, not read as a task without faults
        if (!root.path("faults").isArray()) throw new IllegalArgumentException("faults: expected an array");
        for (JsonNode n : root.path("faults")) {
            Edit edit = new Edit(intField(n, "start"), intField(n, "end"), textField(n, "replacement"));
            Mutant m = new Mutant(Operator.valueOf(textField(n, "operator")), edit, intField(n, "line"),
                    textField(n, "description"), Edit.applyAll(reference, List.of(edit)));
            faults.add(new Fault(m, FaultClass.valueOf(textField(n, "class")),
                    Outcome.valueOf(textField(n, "visible")),
                    n.hasNonNull("hidden") ? Outcome.valueOf(textField(n, "hidden")) : null));
        }
        return new FaultCatalog(task.id(), reference, faults, intField(root, "generated"), intField(root, "judged"),
                intField(root, "uncompilable"), intField(root, "equivalent"));
    }

    private static int intField(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || !v.isInt()) throw new IllegalArgumentException(name + ": expected an int, actual " + v);
        return v.intValue();
    }

    private static String textField(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException(name + ": expected text, actual " + v);
        return v.textValue();
    }

    private static void write(Path file, JsonNode json) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fault catalogue " + file, e);
        }
    }
}
