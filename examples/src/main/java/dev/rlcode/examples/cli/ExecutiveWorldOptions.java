package dev.rlcode.examples.cli;

import dev.rlcode.envs.code.task.BundledSuite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that define an Executive world (tasks, fault catalogues, split, profile and overrides), shared by
 * {@code rlcode train executive} and {@code rlcode ablation} ({@code @Mixin ExecutiveWorldOptions worldOptions}).
 */
final class ExecutiveWorldOptions {

    /** Help of {@code --judge-catalogs} (also an option of {@code rlcode demo}). */
    static final String JUDGE_CATALOGS_HELP = "judge every fault catalogue in the sandbox, also those the bundled "
            + "suite precomputes for the default --max-mutants (the same catalogues: a test judges them all again; "
            + "about 2.5 minutes more for the bundled suite on 2 cores)";

    @Option(names = "--tasks", paramLabel = "bundled|FILE", defaultValue = "bundled",
            description = "task source: bundled, a task-suite folder or a HumanEval-X JSONL(.gz) file (default: bundled)")
    String tasks;

    // the cap the bundled suite's precomputed catalogues were judged with, so a default run finds them
    @Option(names = "--max-mutants", paramLabel = "N", defaultValue = "" + BundledSuite.PRECOMPUTED_MAX_MUTANTS,
            description = "mutants judged per task for the synthetic model's fault catalogues (default: "
                    + "${DEFAULT-VALUE})")
    int maxMutants;

    @Option(names = "--catalog-cache", paramLabel = "DIR",
            description = "fault-catalogue cache shared between runs (default: DIR/fault-catalogs of the run)")
    Path catalogCache;

    @Option(names = "--judge-catalogs", description = JUDGE_CATALOGS_HELP)
    boolean judgeCatalogs;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.3",
            description = "share of tasks held out (default: 0.3); the bundled suite's are split around its composites' "
                    + "split at the same share, other task sources by id")
    double testFraction;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "default", description = ExecutiveProfile.HELP)
    String profile;

    @Option(names = "--env-set", paramLabel = "KEY=VALUE", description = ExecutiveWorld.ENV_SET_HELP)
    List<String> envSet = new ArrayList<>();

    @Option(names = "--model-set", paramLabel = "KEY=P",
            description = "replace one of the synthetic model's probabilities (SyntheticModelConfig, e.g. "
                    + "pFixShallow=0.9) for the whole run, repeatable; recorded in executive.json")
    List<String> modelSet = new ArrayList<>();

    /**
     * {@return the world's settings (executive.json) under these options}
     *
     * @param model       {@code synthetic} or {@code openai}
     * @param openAiUrl   the endpoint of {@code openai}, else null
     * @param openAiModel the model name of {@code openai}, else null
     */
    Map<String, Object> settings(String model, String openAiUrl, String openAiModel) {
        Map<String, Object> s = new LinkedHashMap<>(ExecutiveProfile.of(profile, model).settings(tasks, model,
                openAiUrl, openAiModel, maxMutants, catalogCache, testFraction, envSet, modelSet));
        s.put(ExecutiveWorld.PRECOMPUTED_CATALOGS_KEY, !judgeCatalogs);
        return s;
    }
}
