package dev.rlcode.agents.executive;

import dev.rlcode.core.rng.Rng;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.envs.code.ExecutiveAction;
import dev.rlcode.envs.code.ExecutiveEnv;
import dev.rlcode.envs.code.model.SyntheticCodeModel;
import dev.rlcode.envs.code.model.mutation.Fault;
import dev.rlcode.envs.code.model.mutation.FaultClass;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Reference policies for the {@link ExecutiveEnv}: uniformly random among legal actions, a fixed script, and an
 * oracle that knows the faults of the code (a near upper bound on success, not a lower bound on cost).
 */
public final class ExecutiveBaselines {

    private static final int GENERATE = ExecutiveAction.GENERATE.ordinal(), TEST = ExecutiveAction.TEST.ordinal(),
            DEBUG = ExecutiveAction.DEBUG.ordinal(), SEARCH = ExecutiveAction.SEARCH.ordinal(),
            STOP = ExecutiveAction.STOP.ordinal();
    /** Observation index: the last TEST passed and the code has not changed since. */
    private static final int PASSED_FEATURE = 19;
    /** Observation index: the current code has been tested. */
    private static final int TESTED_FEATURE = 18;

    /** The script: generate, test, debug, test, search, debug, test, stop. */
    public static final List<ExecutiveAction> SCRIPT = List.of(ExecutiveAction.GENERATE, ExecutiveAction.TEST,
            ExecutiveAction.DEBUG, ExecutiveAction.TEST, ExecutiveAction.SEARCH, ExecutiveAction.DEBUG,
            ExecutiveAction.TEST, ExecutiveAction.STOP);

    private ExecutiveBaselines() {
    }

    /** {@return a policy uniform over the legal actions, its generator reseeded from each episode's seed} */
    public static ExecutivePolicy random() {
        return new ExecutivePolicy() {
            private RandomGenerator rng = Rng.of(0, Rng.Stream.EVAL);

            @Override
            public void beginEpisode(long seed) {
                rng = Rng.of(seed, Rng.Stream.EVAL);
            }

            @Override
            public int act(ExecutiveEnv env, float[] obs, boolean[] mask) {
                return new Discrete(mask.length).sample(rng, mask); // throws if no action is legal
            }
        };
    }

    /**
     * {@return the fixed script {@link #SCRIPT}: it stops as soon as a TEST passes, skips scripted actions that are
     * masked out (e.g. GENERATE in evaluation mode), and stops when the script is used up}
     */
    public static ExecutivePolicy script() {
        return new ExecutivePolicy() {
            private int next;

            @Override
            public void beginEpisode(long seed) {
                next = 0;
            }

            @Override
            public int act(ExecutiveEnv env, float[] obs, boolean[] mask) {
                if (obs[PASSED_FEATURE] == 1f) {
                    return STOP;
                }
                while (next < SCRIPT.size()) {
                    int a = SCRIPT.get(next++).ordinal();
                    if (mask[a]) {
                        return a;
                    }
                }
                return STOP;
            }
        };
    }

    /**
     * {@return the oracle: it reads the faults of the current code from the {@link SyntheticCodeModel}'s ground truth
     * and takes a short path to code the hidden tests accept: correct code is tested once and submitted; code with
     * only shallow faults is tested and debugged; code with a deep fault is tested (the suite shows it), then SEARCH
     * fetches the notes and DEBUG repairs it, unless the task has no note (e.g. HumanEval-X) or the search did not
     * retrieve it: then only regeneration removes the deep fault. In evaluation mode (no GENERATE) the repair route
     * is taken in every case. With a model that has no ground truth it follows the script}
     */
    public static ExecutivePolicy oracle() {
        ExecutivePolicy fallback = script();
        return new ExecutivePolicy() {
            @Override
            public void beginEpisode(long seed) {
                fallback.beginEpisode(seed);
            }

            @Override
            public int act(ExecutiveEnv env, float[] obs, boolean[] mask) {
                if (env.code() == null) {
                    return mask[GENERATE] ? GENERATE : STOP;
                }
                List<Fault> faults = env.model() instanceof SyntheticCodeModel m ? m.faultsOf(env.code()) : null;
                if (faults == null) {
                    return fallback.act(env, obs, mask);
                }
                boolean tested = obs[TESTED_FEATURE] == 1f;
                if (faults.isEmpty()) {
                    return tested ? STOP : TEST;
                }
                boolean deep = faults.stream().anyMatch(f -> f.faultClass() == FaultClass.DEEP);
                List<String> taskNotes = env.task().knowledgeNoteIds();
                boolean noteInContext = env.notes().stream().anyMatch(n -> taskNotes.contains(n.id()));
                // a deep fault that no DEBUG can remove: the task has no note, or a search missed it
                boolean unrepairable = deep && (taskNotes.isEmpty() || (env.hasNotes() && !noteInContext));
                if (unrepairable && mask[GENERATE]) {
                    return GENERATE;
                }
                if (!tested) {
                    return mask[TEST] ? TEST : STOP;
                }
                if (deep && !noteInContext && mask[SEARCH]) {
                    return SEARCH;
                }
                if (mask[DEBUG]) {
                    return DEBUG;
                }
                return mask[GENERATE] ? GENERATE : STOP;
            }
        };
    }
}
