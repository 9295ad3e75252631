package dev.rlcode.agents.executive;

import dev.rlcode.envs.code.CodeJudge;
import dev.rlcode.envs.code.ExecutiveConfig;
import dev.rlcode.envs.code.ExecutiveEnv;
import dev.rlcode.envs.code.SandboxCodeJudge;
import dev.rlcode.envs.code.model.CodeModel;
import dev.rlcode.envs.code.model.SyntheticCodeModel;
import dev.rlcode.envs.code.model.SyntheticModelConfig;
import dev.rlcode.envs.code.model.SyntheticModels;
import dev.rlcode.envs.code.model.mutation.FaultCatalogs;
import dev.rlcode.envs.code.model.mutation.SandboxJudge;
import dev.rlcode.envs.code.model.mutation.FaultCatalog;
import dev.rlcode.envs.code.model.mutation.MutationEngine;
import dev.rlcode.envs.code.retrieval.NoteIndex;
import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.task.BundledSuite;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.KnowledgeNote;
import dev.rlcode.envs.code.task.TaskSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Everything an Executive experiment with the {@link SyntheticCodeModel} needs: the train/test split of the tasks
 * (by id), a fault catalogue per task computed with the real sandbox ({@link FaultCatalogs}, {@link SandboxJudge}; or
 * the bundled suite's precomputed copy of it), the model factory (one model per episode seed) and the judge and note
 * index shared by all envs.
 *
 * {@snippet :
 * try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults())) {
 *     ExecutiveSetup setup = ExecutiveSetup.synthetic(BundledSuite.tasks(), BundledSuite.notes(), sandbox,
 *             SyntheticModelConfig.defaults(0), 16, null, true, 0.3, "executive", System.out::println);
 *     ExecutiveEnv env = setup.env(ExecutiveConfig.defaults(), setup.train());
 * }
 * }
 *
 * @param train    the training tasks
 * @param test     the held-out tasks
 * @param catalogs one fault catalogue per task
 * @param models   code model of an episode from its reset seed
 * @param judge    the sandbox judge
 * @param index    the notes SEARCH queries
 * @param leftOut  tasks left out because the sandbox does not pass their reference solution, as {@code "id: why"}
 */
public record ExecutiveSetup(List<CodeTask> train, List<CodeTask> test, List<FaultCatalog> catalogs,
                             LongFunction<? extends CodeModel> models, CodeJudge judge, NoteIndex index,
                             List<String> leftOut) {

    /** A setup that left no task out. */
    public ExecutiveSetup(List<CodeTask> train, List<CodeTask> test, List<FaultCatalog> catalogs,
                          LongFunction<? extends CodeModel> models, CodeJudge judge, NoteIndex index) {
        this(train, test, catalogs, models, judge, index, List.of());
    }

    /**
     * Tasks whose fault catalogues are computed at once: two keep both sandbox slots and the compile service busy
     * (one task at a time leaves them idle between its judging rounds). Catalogues do not depend on it.
     */
    public static final int CATALOG_PARALLEL_TASKS = 2;

    /** Copies the lists. */
    public ExecutiveSetup {
        train = List.copyOf(train);
        test = List.copyOf(test);
        catalogs = List.copyOf(catalogs);
        leftOut = List.copyOf(leftOut);
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(judge, "judge");
        Objects.requireNonNull(index, "index");
    }

    /**
     * Computes the tasks' fault catalogues through the sandbox, splits the tasks and wires the synthetic model. A
     * task whose reference solution the sandbox does not pass (e.g. its tests use an API the sandbox rejects) is
     * left out, with a log line, since no policy could succeed on it.
     *
     * @param tasks        tasks with reference solutions
     * @param notes        the notes corpus
     * @param sandbox      judges mutants and episodes (not closed here)
     * @param modelConfig  the model's probabilities (its seed is replaced by each episode's seed)
     * @param maxMutants   mutants judged per task ({@link MutationEngine}'s cap)
     * @param catalogCache folder of the {@link FaultCatalogs} disk cache, or null for none
     * @param precomputed  whether a catalogue the bundled suite precomputes ({@link BundledSuite#precomputedCatalog})
     *                     is taken from there instead of being judged (the same catalogue, without the sandbox time)
     * @param testFraction share of tasks held out
     * @param salt         salt of the split by id
     * @param log          progress lines
     * @return the setup
     * @throws IllegalArgumentException if a split part is empty
     */
    public static ExecutiveSetup synthetic(List<CodeTask> tasks, List<KnowledgeNote> notes, Sandbox sandbox,
                                           SyntheticModelConfig modelConfig, int maxMutants, Path catalogCache,
                                           boolean precomputed, double testFraction, String salt,
                                           Consumer<String> log) {
        return synthetic(tasks, notes, sandbox, modelConfig, maxMutants, catalogCache, precomputed,
                t -> TaskSplit.byId(t, testFraction, salt), log);
    }

    /**
     * As {@link #synthetic(List, List, Sandbox, SyntheticModelConfig, int, Path, boolean, double, String, Consumer)}
     * with any split of the tasks (e.g. {@link TaskSplit#tasksAround}, which keeps the parts of held-out composites
     * out of training); {@code split} sees the usable tasks and must decide each by its id alone.
     */
    public static ExecutiveSetup synthetic(List<CodeTask> tasks, List<KnowledgeNote> notes, Sandbox sandbox,
                                           SyntheticModelConfig modelConfig, int maxMutants, Path catalogCache,
                                           boolean precomputed, Function<List<CodeTask>, TaskSplit<CodeTask>> split,
                                           Consumer<String> log) {
        FaultCatalogs faults = catalogs(sandbox, maxMutants, catalogCache, precomputed);
        List<FaultCatalog> catalogs = new ArrayList<>();
        List<CodeTask> usable = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        // a task the sandbox does not pass the reference of is left out: no policy could succeed on it (recorded
        // in the setup, so the run's summary names it)
        for (FaultCatalogs.TaskOutcome o : faults.analyse(tasks, CATALOG_PARALLEL_TASKS, o -> log.accept(o.catalog() == null
                ? "left out " + o.task().id() + ": " + o.failure()
                : String.format("faults of %s: %d shallow, %d deep", o.task().id(), o.catalog().shallow().size(),
                        o.catalog().deep().size())))) {
            if (o.catalog() != null) {
                catalogs.add(o.catalog());
                usable.add(o.task());
            } else {
                leftOut.add(o.task().id() + ": " + o.failure());
            }
        }
        log.accept(sourcesLine(faults, tasks.size()));
        TaskSplit<CodeTask> parts = checked(split.apply(usable));
        List<CodeTask> all = List.copyOf(usable);
        List<FaultCatalog> cats = List.copyOf(catalogs);
        LongFunction<SyntheticCodeModel> models = seed -> new SyntheticCodeModel(modelConfig.withSeed(seed), all, cats,
                List.of());
        return new ExecutiveSetup(parts.train(), parts.test(), cats, models, new SandboxCodeJudge(sandbox),
                NoteIndex.of(notes), leftOut);
    }

    /**
     * {@return the fault-catalogue source of the synthetic model's setups: judged through the sandbox (four
     * executions at once), cached in {@code catalogCache}, and, with {@code precomputed}, taken from the bundled
     * suite's precomputed ones where their key matches}
     *
     * @param sandbox      judges mutants (not closed here)
     * @param maxMutants   mutants judged per task
     * @param catalogCache the cache folder, or null for none
     * @param precomputed  whether to consult {@link BundledSuite#precomputedCatalog}
     */
    public static FaultCatalogs catalogs(Sandbox sandbox, int maxMutants, Path catalogCache, boolean precomputed) {
        FaultCatalogs faults = new FaultCatalogs(new SandboxJudge(sandbox, SandboxJudge.DEFAULT_TIMEOUT, 4), maxMutants,
                SyntheticModels.CATALOG_SEED, catalogCache);
        return precomputed ? faults.withPrecomputed(BundledSuite::precomputedCatalog) : faults;
    }

    /** {@return a line saying where the catalogues of {@code tasks} tasks came from} */
    public static String sourcesLine(FaultCatalogs faults, int tasks) {
        int cached = faults.cacheHits(), pre = faults.precomputedHits();
        return String.format("fault catalogues of %d tasks: %d judged in the sandbox, %d from the cache folder, "
                + "%d precomputed (bundled)", tasks, tasks - cached - pre, cached, pre);
    }

    /**
     * Splits the tasks and wires any model (e.g. an OpenAI-compatible endpoint); there are no fault catalogues, so
     * the oracle baseline falls back to the script.
     *
     * @param tasks        the tasks
     * @param notes        the notes corpus
     * @param sandbox      judges episodes (not closed here)
     * @param models       code model of an episode from its reset seed
     * @param testFraction share of tasks held out
     * @param salt         salt of the split by id
     * @return the setup
     * @throws IllegalArgumentException if a split part is empty
     */
    public static ExecutiveSetup withModel(List<CodeTask> tasks, List<KnowledgeNote> notes, Sandbox sandbox,
                                           LongFunction<? extends CodeModel> models, double testFraction, String salt) {
        return withModel(tasks, notes, sandbox, models, t -> TaskSplit.byId(t, testFraction, salt));
    }

    /** As {@link #withModel(List, List, Sandbox, LongFunction, double, String)} with any split of the tasks. */
    public static ExecutiveSetup withModel(List<CodeTask> tasks, List<KnowledgeNote> notes, Sandbox sandbox,
                                           LongFunction<? extends CodeModel> models,
                                           Function<List<CodeTask>, TaskSplit<CodeTask>> split) {
        TaskSplit<CodeTask> parts = checked(split.apply(tasks));
        return new ExecutiveSetup(parts.train(), parts.test(), List.of(), models, new SandboxCodeJudge(sandbox),
                NoteIndex.of(notes));
    }

    /** {@return {@code split}} @throws IllegalArgumentException if a part of it is empty */
    private static TaskSplit<CodeTask> checked(TaskSplit<CodeTask> split) {
        if (split.train().isEmpty() || split.test().isEmpty()) {
            throw new IllegalArgumentException("split: expected train and test tasks, actual " + split.train().size()
                    + " train, " + split.test().size() + " test");
        }
        return split;
    }

    /** {@return an env drawing its episodes from {@code tasks}} */
    public ExecutiveEnv env(ExecutiveConfig config, List<CodeTask> tasks) {
        return new ExecutiveEnv(config, tasks, models, judge, index);
    }
}
