package dev.rlcode.agents.hier;

import dev.rlcode.core.rng.Rng;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.envs.code.HierarchicalAction;
import dev.rlcode.envs.code.HierarchicalEnv;
import dev.rlcode.envs.code.model.Plan;
import dev.rlcode.envs.code.model.SyntheticCodeModel;
import dev.rlcode.envs.code.task.CodeTask;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Reference policies for the {@link HierarchicalEnv}: uniformly random among legal actions, a fixed script, and an
 * oracle that knows the plan's defects and the code's faults (an upper bound on success, not on cost).
 */
public final class HierarchicalBaselines {

    private static final int PLAN = HierarchicalAction.PLAN.ordinal(),
            EXECUTE_NEXT = HierarchicalAction.EXECUTE_NEXT.ordinal(), INTEGRATE = HierarchicalAction.INTEGRATE.ordinal(),
            EVALUATE = HierarchicalAction.EVALUATE.ordinal(), REPLAN = HierarchicalAction.REPLAN.ordinal(),
            STOP = HierarchicalAction.STOP.ordinal();
    /** Observation indices of the script: a plan exists, share of subtasks with code, integrated, evaluated. */
    private static final int HAS_PLAN = 7, WITH_CODE = 9, HAS_INTEGRATED = 12, EVALUATED = 13,
            FAILED_EVALS_INTEGRATE = 24;

    private HierarchicalBaselines() {
    }

    /** {@return a policy uniform over the legal actions, its generator reseeded from each episode's seed} */
    public static HierarchicalPolicy random() {
        return new HierarchicalPolicy() {
            private RandomGenerator rng = Rng.of(0, Rng.Stream.EVAL);

            @Override
            public void beginEpisode(long seed) {
                rng = Rng.of(seed, Rng.Stream.EVAL);
            }

            @Override
            public int act(HierarchicalEnv env, float[] obs, boolean[] mask) {
                return new Discrete(mask.length).sample(rng, mask); // throws if no action is legal
            }
        };
    }

    /**
     * {@return the script of the reference pipeline, from the observation alone: plan, execute every planned subtask
     * once, integrate, evaluate, stop}
     */
    public static HierarchicalPolicy script() {
        return (env, obs, mask) -> {
            if (obs[HAS_PLAN] == 0f) {
                return PLAN;
            }
            if (obs[WITH_CODE] < 1f && mask[EXECUTE_NEXT]) {
                return EXECUTE_NEXT;
            }
            if (obs[HAS_INTEGRATED] == 0f && mask[INTEGRATE]) {
                return INTEGRATE;
            }
            if (obs[EVALUATED] == 0f && mask[EVALUATE]) {
                return EVALUATE;
            }
            return STOP;
        };
    }

    /**
     * {@return the oracle: it knows whether the plan names exactly the composite's subtasks (else it replans at
     * once), executes until every subtask passed its tests, integrates, and stops as soon as the integrated code passes
     * the integration tests (ground truth). Failing integrated code whose parts are all fault-free (the synthetic
     * model's ground truth) holds an interface mismatch: it integrates again; otherwise it evaluates (repairs), and
     * after two failed evaluations of one integration it replans} With another model it evaluates before integrating
     * again.
     */
    public static HierarchicalPolicy oracle() {
        return (env, obs, mask) -> {
            if (mask[PLAN]) {
                return PLAN;
            }
            if (!planIsExact(env)) {
                return REPLAN;
            }
            if (mask[EXECUTE_NEXT]) {
                return EXECUTE_NEXT;
            }
            if (env.integratedCode() == null) {
                return mask[INTEGRATE] ? INTEGRATE : REPLAN;
            }
            if (env.integratedCodePasses()) {
                return STOP;
            }
            boolean twoFailedEvaluations = obs[FAILED_EVALS_INTEGRATE] >= 2f / 3f;
            if (partsFaultFree(env) && mask[INTEGRATE] && !twoFailedEvaluations) {
                return INTEGRATE;
            }
            if (mask[EVALUATE] && !twoFailedEvaluations) {
                return EVALUATE;
            }
            return REPLAN;
        };
    }

    /** {@return whether the plan names each subtask of the composite once, in order} */
    static boolean planIsExact(HierarchicalEnv env) {
        List<String> planned = env.plan().stream().map(Plan.PlannedSubtask::id).toList();
        List<String> truth = env.composite().subtasks().stream().map(CodeTask::id).toList();
        return planned.equals(truth);
    }

    /** {@return whether the synthetic model knows every part's code to be fault-free (false for other models)} */
    private static boolean partsFaultFree(HierarchicalEnv env) {
        if (!(env.model() instanceof SyntheticCodeModel m)) {
            return false;
        }
        for (String code : env.subtaskCodes()) {
            List<?> faults = code == null ? null : m.faultsOf(code);
            if (faults == null || !faults.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
