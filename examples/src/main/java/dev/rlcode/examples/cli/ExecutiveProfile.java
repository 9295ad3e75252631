package dev.rlcode.examples.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Named bundles of {@code --model-set} and {@code --env-set} assignments for {@code train executive},
 * {@code ablation} and {@code demo} ({@code --profile NAME}). A command applies the profile's assignments first and
 * the user's own after them, so an explicit {@code --model-set}/{@code --env-set} wins. The resulting settings are
 * recorded in executive.json as usual (plus the profile's name), so {@code eval-code} and {@code train hierarchical}
 * rebuild the same world.
 */
enum ExecutiveProfile {

    /** The documented defaults: {@code SyntheticModelConfig.defaults} and {@code ExecutiveConfig.defaults}. */
    DEFAULT("default", List.of(), List.of()),

    /**
     * The reference study's designed episodes: a generation carries at most one fault, DEBUG always removes a
     * shallow fault, SEARCH then DEBUG always removes a deep one (when the search finds the task's note); SEARCH is
     * legal only after a failed repair (the third template's order) and sends the current code too. Fixed from the
     * three templates, before any run with it.
     */
    REFERENCE_STUDY("reference-study",
            List.of("pSecondFaultHard=0", "pFixShallow=1", "pFixDeepWithNote=1", "pNewFaultOnFailedFix=0",
                    "pBreakOnRepair=0"),
            List.of("searchAfter=failed-debug", "searchQuery=prompt+feedback+code"));

    /** Help of {@code --profile}. */
    static final String HELP = "default (the documented defaults) or reference-study (the reference study's designed "
            + "episodes: one fault per generation, deterministic repairs, SEARCH after a failed repair, code in the "
            + "search query); its --model-set/--env-set come first, yours after (default: default)";

    private final String text;
    private final List<String> modelSet;
    private final List<String> envSet;

    ExecutiveProfile(String text, List<String> modelSet, List<String> envSet) {
        this.text = text;
        this.modelSet = modelSet;
        this.envSet = envSet;
    }

    /** {@return the name used on the command line and in executive.json} */
    String text() {
        return text;
    }

    /** {@return the profile's {@code --model-set} assignments followed by {@code user}'s} */
    List<String> modelSet(List<String> user) {
        return concat(modelSet, user);
    }

    /** {@return the profile's {@code --env-set} assignments followed by {@code user}'s} */
    List<String> envSet(List<String> user) {
        return concat(envSet, user);
    }

    /**
     * {@return executive.json's settings of a run in this profile: its {@code --model-set}/{@code --env-set} first,
     * the user's after, and {@code profile} (informational: the overrides themselves are recorded) unless default}
     *
     * @throws CliException naming a bad assignment
     */
    java.util.Map<String, Object> settings(String tasks, String model, String openAiUrl, String openAiModel,
                                           int maxMutants, java.nio.file.Path catalogCache, double testFraction,
                                           List<String> userEnvSet, List<String> userModelSet) {
        java.util.Map<String, Object> settings = ExecutiveWorld.settings(tasks, model, openAiUrl, openAiModel,
                maxMutants, catalogCache, testFraction, ExecutiveWorld.envConfig(envSet(userEnvSet)),
                ExecutiveWorld.modelOverrides(modelSet(userModelSet)));
        if (this != DEFAULT) {
            settings.put("profile", text);
        }
        return settings;
    }

    /**
     * {@return the profile named {@code text}}
     *
     * @param model the {@code --model} of the command: a profile that sets model probabilities needs the synthetic one
     * @throws CliException naming the allowed names, or the conflict with {@code --model}
     */
    static ExecutiveProfile of(String text, String model) {
        for (ExecutiveProfile p : values()) {
            if (p.text.equals(text)) {
                if (!p.modelSet.isEmpty() && !"synthetic".equals(model)) {
                    throw new CliException("--profile " + text + ": expected --model synthetic (it sets the "
                            + "synthetic model's probabilities), actual --model " + model);
                }
                return p;
            }
        }
        throw new CliException("--profile: expected default or reference-study, actual " + text);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
