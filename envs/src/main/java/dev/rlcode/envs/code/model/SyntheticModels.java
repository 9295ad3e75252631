package dev.rlcode.envs.code.model;

import dev.rlcode.envs.code.model.mutation.FaultCatalog;
import dev.rlcode.envs.code.model.mutation.FaultCatalogs;
import dev.rlcode.envs.code.model.mutation.MutationEngine;
import dev.rlcode.envs.code.model.mutation.SandboxJudge;
import dev.rlcode.envs.code.sandbox.Sandbox;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.CompositeTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds a {@link SyntheticCodeModel} the production way: the fault catalogues of its tasks are computed by the
 * {@link MutationEngine} with every kill check run by the {@link Sandbox} ({@link SandboxJudge}), so only mutants that
 * compile and that the real tests kill are kept, and every candidate the model emits is real code.
 *
 * <p><b>Cost.</b> See {@link FaultCatalogs}: with the default cap of {@value MutationEngine#DEFAULT_MAX_JUDGED}
 * judged mutants per task, the first run costs up to {@code 2 * 81} sandbox executions per task (minutes for the
 * bundled suite). Give a {@code cacheDir} (e.g. {@code ~/.cache/rlcode/fault-catalogs}): catalogues are stored there
 * by task content hash and a second run over the same tasks judges nothing.
 *
 * {@snippet :
 * try (Sandbox sandbox = Sandbox.create(SandboxConfig.defaults())) {
 *     SyntheticCodeModel model = SyntheticModels.create(SyntheticModelConfig.defaults(1), BundledSuite.tasks(),
 *             BundledSuite.composites(), sandbox, Path.of("cache/fault-catalogs"), progress -> {});
 * }
 * }
 */
public final class SyntheticModels {

    /**
     * Seed of the mutant sampling: a catalogue is a property of the task, not of a model's randomness, so every
     * model seed shares the cached catalogues.
     */
    public static final long CATALOG_SEED = 1;

    private SyntheticModels() {
    }

    /**
     * Computes (or reads from the cache) the catalogues of the tasks and of the composites' subtasks, and builds the
     * model.
     *
     * @param config     the model's probabilities and seed 
     * @param tasks      tasks with reference solutions
     * @param composites composites the model can plan and integrate; their subtasks are analysed too
     * @param sandbox    runs the kill checks (not closed here)
     * @param cacheDir   catalogue cache folder, or {@code null} for none
     * @param progress   told each task's catalogue as it is ready
     * @return the model
     * @throws IllegalArgumentException if a task has no reference or its reference fails its own tests
     */
    public static SyntheticCodeModel create(SyntheticModelConfig config, List<CodeTask> tasks,
                                            List<CompositeTask> composites, Sandbox sandbox, Path cacheDir,
                                            Consumer<FaultCatalog> progress) {
        Objects.requireNonNull(config, "config");
        Map<String, CodeTask> all = new LinkedHashMap<>();
        tasks.forEach(t -> all.putIfAbsent(t.id(), t));
        composites.forEach(c -> c.subtasks().forEach(t -> all.putIfAbsent(t.id(), t)));
        List<CodeTask> list = new ArrayList<>(all.values());
        FaultCatalogs catalogs = new FaultCatalogs(new SandboxJudge(sandbox, SandboxJudge.DEFAULT_TIMEOUT,
                2 * Runtime.getRuntime().availableProcessors()), MutationEngine.DEFAULT_MAX_JUDGED, CATALOG_SEED,
                cacheDir);
        List<FaultCatalog> computed = catalogs.catalogs(list, 2, progress);
        return new SyntheticCodeModel(config, list, computed, composites);
    }
}
