package dev.rlcode.envs.code.task;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The suite written for this project and bundled as resources under {@code dev/rlcode/envs/code/}: tasks in three
 * tiers, composite tasks for the hierarchical setting, and the knowledge notes of the retrieval corpus. The format is
 * {@link TaskSuite}'s. Loaded once, on first use.
 */
public final class BundledSuite {

    /** Classpath folder holding {@code tasks/}, {@code composites/} and {@code notes/}. */
    public static final String RESOURCE_BASE = "/dev/rlcode/envs/code/";

    /**
     * Mutant cap of the precomputed fault catalogues ({@link #precomputedCatalog}): the default of
     * {@code rlcode train executive --max-mutants}. Other caps are other catalogues, judged when first needed.
     */
    public static final int PRECOMPUTED_MAX_MUTANTS = 16;

    /** Classpath folder of the precomputed fault catalogues, one {@code <key>.json} per task. */
    public static final String PRECOMPUTED_CATALOGS = RESOURCE_BASE + "fault-catalogs/";

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    private BundledSuite() {
    }

    private static final class Holder {
        static final TaskSuite SUITE = TaskSuite.loadClasspath(BundledSuite.class, RESOURCE_BASE);
    }

    /** {@return the whole bundled suite} */
    public static TaskSuite suite() {
        return Holder.SUITE;
    }

    /** {@return the bundled tasks, EASY then MEDIUM then HARD} */
    public static List<CodeTask> tasks() {
        return Holder.SUITE.tasks();
    }

    /** {@return the bundled composite tasks} */
    public static List<CompositeTask> composites() {
        return Holder.SUITE.composites();
    }

    /** {@return the bundled knowledge notes (the retrieval corpus)} */
    public static List<KnowledgeNote> notes() {
        return Holder.SUITE.notes();
    }

    /**
     * {@return the precomputed fault catalogue stored under a {@code FaultCatalogs} cache key, or empty}
     *
     * <p>The bundled tasks' catalogues under the synthetic model's catalogue seed and
     * {@link #PRECOMPUTED_MAX_MUTANTS}, as the sandbox judged them; {@code PrecomputedCatalogsTest} judges them all
     * again and fails when one differs or is missing (it writes the judged set to {@code envs/target/} for the
     * update). The key covers the task's content, the settings and every mutant, so a changed task or mutator finds
     * nothing here and judges its catalogue afresh.
     *
     * @param key a cache key (64 lowercase hex digits); anything else finds nothing
     */
    public static Optional<String> precomputedCatalog(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        try (InputStream in = BundledSuite.class.getResourceAsStream(PRECOMPUTED_CATALOGS + key + ".json")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the precomputed fault catalogue " + key, e);
        }
    }
}
