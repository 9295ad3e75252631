package dev.rlcode.envs.code.task;

import java.util.List;

/**
 * The suite written for this project and bundled as resources under {@code dev/rlcode/envs/code/}: tasks in three
 * tiers, composite tasks for the hierarchical setting, and the knowledge notes of the retrieval corpus. The format is
 * {@link TaskSuite}'s. Loaded once, on first use.
 */
public final class BundledSuite {

    /** Classpath folder holding {@code tasks/}, {@code composites/} and {@code notes/}. */
    public static final String RESOURCE_BASE = "/dev/rlcode/envs/code/";

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
}
