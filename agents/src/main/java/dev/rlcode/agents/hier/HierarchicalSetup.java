package dev.rlcode.agents.hier;

import dev.rlcode.agents.executive.ExecutiveSetup;
import dev.rlcode.envs.code.CodeJudge;
import dev.rlcode.envs.code.HierarchicalConfig;
import dev.rlcode.envs.code.HierarchicalEnv;
import dev.rlcode.envs.code.OptionPolicy;
import dev.rlcode.envs.code.SandboxCodeJudge;
import dev.rlcode.envs.code.model.CodeModel;
import dev.rlcode.envs.code.model.SyntheticCodeModel;
import dev.rlcode.envs.code.model.SyntheticModelConfig;
import dev.rlcode.envs.code.model.mutation.FaultCatalog;
import dev.rlcode.envs.code.model.mutation.FaultCatalogs;
import dev.rlcode.envs.code.retrieval.NoteIndex;
import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.CompositeTask;
import dev.rlcode.envs.code.task.KnowledgeNote;
import dev.rlcode.envs.code.task.TaskSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Everything a hierarchical experiment with the {@link SyntheticCodeModel} needs: the train/test split of the
 * composites (by id), the model factory (one model per episode seed, knowing every subtask's fault catalogue and the
 * composites), the judge, the note index and the frozen Executive.
 *
 * {@snippet :
 * HierarchicalSetup setup = HierarchicalSetup.synthetic(BundledSuite.composites(), BundledSuite.notes(), sandbox,
 *         SyntheticModelConfig.defaults(0), 16, cacheDir, true, 0.3, "hierarchical", executive, System.out::println);
 * HierarchicalEnv env = setup.env(HierarchicalConfig.defaults(), setup.train());
 * }
 *
 * @param train     the training composites
 * @param test      the held-out composites
 * @param models    code model of an episode from its reset seed
 * @param judge     the sandbox judge
 * @param index     the notes the Executive's SEARCH queries
 * @param executive the frozen Executive
 */
public record HierarchicalSetup(List<CompositeTask> train, List<CompositeTask> test,
                                LongFunction<? extends CodeModel> models, CodeJudge judge, NoteIndex index,
                                OptionPolicy executive) {

    /** Copies the lists. */
    public HierarchicalSetup {
        train = List.copyOf(train);
        test = List.copyOf(test);
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(judge, "judge");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(executive, "executive");
    }

    /**
     * Computes (or reads from the cache) the fault catalogues of every composite's subtasks through the sandbox, splits
     * the composites by id and wires the synthetic model. A composite with a subtask whose reference the sandbox does
     * not pass is left out, with a log line.
     *
     * @param composites   the composites
     * @param notes        the notes corpus
     * @param sandbox      judges mutants and episodes (not closed here)
     * @param modelConfig  the model's probabilities (its seed is replaced by each episode's seed)
     * @param maxMutants   mutants judged per subtask
     * @param catalogCache folder of the {@link FaultCatalogs} disk cache, or null for none
     * @param precomputed  whether a catalogue the bundled suite precomputes ({@link BundledSuite#precomputedCatalog})
     *                     is taken from there instead of being judged (the same catalogue, without the sandbox time)
     * @param testFraction share of composites held out
     * @param salt         salt of the split by id
     * @param executive    the frozen Executive
     * @param log          progress lines
     * @return the setup
     * @throws IllegalArgumentException if a split part is empty
     */
    public static HierarchicalSetup synthetic(List<CompositeTask> composites, List<KnowledgeNote> notes,
                                              Sandbox sandbox, SyntheticModelConfig modelConfig, int maxMutants,
                                              Path catalogCache, boolean precomputed, double testFraction, String salt,
                                              OptionPolicy executive, Consumer<String> log) {
        return synthetic(composites, notes, sandbox, modelConfig, maxMutants, catalogCache, precomputed,
                c -> TaskSplit.byId(c, CompositeTask::id, testFraction, salt), executive, log);
    }

    /**
     * As {@link #synthetic(List, List, Sandbox, SyntheticModelConfig, int, Path, boolean, double, String,
     * OptionPolicy, Consumer)} with any split of the composites (e.g. {@link TaskSplit#compositesByGroup}, which keeps
     * composites that share a subtask on one side). {@code split} sees every composite, usable or not, so that
     * leaving one out cannot move the others; the parts keep only the usable ones.
     */
    public static HierarchicalSetup synthetic(List<CompositeTask> composites, List<KnowledgeNote> notes,
                                              Sandbox sandbox, SyntheticModelConfig modelConfig, int maxMutants,
                                              Path catalogCache, boolean precomputed,
                                              Function<List<CompositeTask>, TaskSplit<CompositeTask>> split,
                                              OptionPolicy executive, Consumer<String> log) {
        FaultCatalogs faults = ExecutiveSetup.catalogs(sandbox, maxMutants, catalogCache, precomputed);
        Map<String, CodeTask> subtasks = new LinkedHashMap<>();
        composites.forEach(c -> c.subtasks().forEach(t -> subtasks.putIfAbsent(t.id(), t)));
        Map<String, FaultCatalogs.TaskOutcome> outcomes = new LinkedHashMap<>();
        faults.analyse(List.copyOf(subtasks.values()), ExecutiveSetup.CATALOG_PARALLEL_TASKS, o -> { })
                .forEach(o -> outcomes.put(o.task().id(), o));
        log.accept(ExecutiveSetup.sourcesLine(faults, subtasks.size()));
        Map<String, CodeTask> tasks = new LinkedHashMap<>();
        Map<String, FaultCatalog> catalogs = new LinkedHashMap<>();
        List<CompositeTask> usable = new ArrayList<>();
        for (CompositeTask c : composites) {
            // a composite with a subtask whose reference the sandbox does not pass is left out: no success possible
            var failed = c.subtasks().stream().map(t -> outcomes.get(t.id())).filter(o -> o.catalog() == null)
                    .findFirst();
            if (failed.isPresent()) {
                log.accept("left out " + c.id() + ": " + failed.get().failure());
                continue;
            }
            for (CodeTask t : c.subtasks()) {
                if (!catalogs.containsKey(t.id())) {
                    catalogs.put(t.id(), outcomes.get(t.id()).catalog());
                    tasks.put(t.id(), t);
                }
            }
            usable.add(c);
        }
        log.accept(usable.size() + " composites, " + tasks.size() + " subtasks with fault catalogues");
        TaskSplit<CompositeTask> whole = split.apply(composites);
        TaskSplit<CompositeTask> parts = new TaskSplit<>(whole.train().stream().filter(usable::contains).toList(),
                whole.test().stream().filter(usable::contains).toList());
        if (parts.train().isEmpty() || parts.test().isEmpty()) {
            throw new IllegalArgumentException("split: expected train and test composites, actual "
                    + parts.train().size() + " train, " + parts.test().size() + " test");
        }
        List<CodeTask> all = List.copyOf(tasks.values());
        List<FaultCatalog> cats = List.copyOf(catalogs.values());
        List<CompositeTask> comps = List.copyOf(usable);
        LongFunction<SyntheticCodeModel> models = seed -> new SyntheticCodeModel(modelConfig.withSeed(seed), all, cats,
                comps);
        return new HierarchicalSetup(parts.train(), parts.test(), models, new SandboxCodeJudge(sandbox),
                NoteIndex.of(notes), executive);
    }

    /** {@return an env drawing its episodes from {@code composites}} */
    public HierarchicalEnv env(HierarchicalConfig config, List<CompositeTask> composites) {
        return new HierarchicalEnv(config, composites, models, judge, index, executive);
    }
}
