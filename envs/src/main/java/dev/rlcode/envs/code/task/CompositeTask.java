package dev.rlcode.envs.code.task;

import dev.rlcode.envs.code.sandbox.TestStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * A task for the hierarchical setting: a complex prompt solved by 2-4 subtasks and a top-level class that combines them.
 *
 * <p><b>Integrated solution format.</b> The integrated program is ONE compilation unit, named after
 * {@link #integrationClassName()}: all imports first, then each subtask's solution class as a package-private
 * top-level class (its {@code public} modifier dropped), then the {@code public} top-level class. Every class keeps its
 * name, so each subtask's own tests still compile and run against the integrated unit. {@link SourceMerger#merge}
 * builds this unit from the parts' sources, and {@link #referenceSolution()} is exactly
 * {@code SourceMerger.merge(subtask references..., top-level reference)}.
 *
 * <p>The integration tests ({@link TestStyle#TEST_METHODS} style, class {@link #integrationTestClassName()}) call
 * {@link #entryPoint()}, which calls the subtasks' methods.
 *
 * @param id                       unique id, e.g. {@code comp-expression-calculator}
 * @param tier                     difficulty tier of the whole
 * @param prompt                   the complex task, with every part's signature and the top-level signature
 * @param subtasks                 2 to 4 subtasks, each with its own tests and reference, with distinct class names
 * @param entryPoint               the top-level method, {@code Class.method}, e.g. {@code Pipeline.run}
 * @param integrationClassName     the top-level class (the part of {@code entryPoint} before the dot)
 * @param declaration              compilable stub of the top-level class alone (throwing body)
 * @param integrationTests         TEST_METHODS source testing the whole through {@code entryPoint}
 * @param integrationTestClassName the class declared by {@code integrationTests}
 * @param referenceSolution        the integrated reference: one compilation unit with all classes
 * @param partSignatures           the expected signature of each part, keyed by the subtask's entry point, in
 *                                 subtask order
 * @param knowledgeNoteIds         ids into the notes corpus for the whole (each subtask has its own as well)
 */
public record CompositeTask(String id, Tier tier, String prompt, List<CodeTask> subtasks, String entryPoint,
                            String integrationClassName, String declaration, String integrationTests,
                            String integrationTestClassName, String referenceSolution,
                            SequencedMap<String, String> partSignatures, List<String> knowledgeNoteIds) {

    /** Fewest subtasks a composite may have. */
    public static final int MIN_SUBTASKS = 2;
    /** Most subtasks a composite may have. */
    public static final int MAX_SUBTASKS = 4;

    /**
     * @throws NullPointerException     if any component is null
     * @throws IllegalArgumentException if a required string is blank, the number of subtasks is outside 2-4, two
     *                                  subtasks (or a subtask and the top level) share a class name, a subtask is not
     *                                  {@link TestStyle#TEST_METHODS}, or {@code partSignatures} does not have
     *                                  exactly one entry per subtask entry point
     */
    public CompositeTask {
        CodeTask.requireNonBlank(id, "id");
        Objects.requireNonNull(tier, "tier");
        CodeTask.requireNonBlank(prompt, "prompt");
        subtasks = List.copyOf(subtasks);
        if (subtasks.size() < MIN_SUBTASKS || subtasks.size() > MAX_SUBTASKS) {
            throw new IllegalArgumentException("subtasks: expected " + MIN_SUBTASKS + " to " + MAX_SUBTASKS
                    + ", actual " + subtasks.size());
        }
        CodeTask.requireNonBlank(entryPoint, "entryPoint");
        CodeTask.requireIdentifier(integrationClassName, "integrationClassName");
        if (!entryPoint.startsWith(integrationClassName + ".")) {
            throw new IllegalArgumentException("entryPoint: expected class " + integrationClassName + ", actual '"
                    + entryPoint + "'");
        }
        CodeTask.requireNonBlank(declaration, "declaration");
        CodeTask.requireNonBlank(integrationTests, "integrationTests");
        CodeTask.requireIdentifier(integrationTestClassName, "integrationTestClassName");
        CodeTask.requireNonBlank(referenceSolution, "referenceSolution");
        List<String> classes = new java.util.ArrayList<>();
        classes.add(integrationClassName);
        for (CodeTask t : subtasks) {
            if (t.style() != TestStyle.TEST_METHODS) {
                throw new IllegalArgumentException("subtasks: expected TEST_METHODS style, actual " + t.style()
                        + " for " + t.id());
            }
            if (classes.contains(t.solutionClassName())) {
                throw new IllegalArgumentException("subtasks: expected distinct class names, actual "
                        + t.solutionClassName() + " twice");
            }
            classes.add(t.solutionClassName());
        }
        Objects.requireNonNull(partSignatures, "partSignatures");
        List<String> expectedKeys = subtasks.stream().map(CodeTask::entryPoint).toList();
        if (!List.copyOf(partSignatures.keySet()).equals(expectedKeys)) {
            throw new IllegalArgumentException("partSignatures: expected keys " + expectedKeys + ", actual "
                    + partSignatures.keySet());
        }
        partSignatures = java.util.Collections.unmodifiableSequencedMap(new LinkedHashMap<>(partSignatures));
        knowledgeNoteIds = List.copyOf(knowledgeNoteIds);
    }

    /** {@return the subtasks' class names followed by the top-level class name} */
    public List<String> classNames() {
        List<String> names = new java.util.ArrayList<>(subtasks.stream().map(CodeTask::solutionClassName).toList());
        names.add(integrationClassName);
        return List.copyOf(names);
    }

    /** {@return every note id of the composite and its subtasks, without duplicates, in order} */
    public List<String> allKnowledgeNoteIds() {
        var ids = new java.util.LinkedHashSet<>(knowledgeNoteIds);
        subtasks.forEach(t -> ids.addAll(t.knowledgeNoteIds()));
        return List.copyOf(ids);
    }

    /** {@return the signatures as a read-only map (same as {@link #partSignatures()})} */
    public Map<String, String> signatures() {
        return partSignatures;
    }
}
