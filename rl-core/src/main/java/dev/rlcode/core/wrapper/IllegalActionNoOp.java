package dev.rlcode.core.wrapper;

import dev.rlcode.core.env.ActionMasked;
import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.ResetResult;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.space.Discrete;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Lets an agent that ignores action masks act on a masked env: the "without masking" arm of a masking ablation
 * (Huang and Ontañón 2020, "A Closer Look at Invalid Action Masking", call this the invalid-action-penalty setting).
 *
 * <p>A legal action is forwarded unchanged. An illegal action (in the action space, excluded by the mask) is not
 * forwarded: the step returns (a copy of) the previous observation, reward {@code penalty} and info
 * {@code {"illegal_action": true}}, and the inner env does not move. An action outside the action space (or null)
 * is still an error ({@link IllegalArgumentException}), as for every env: it is an agent bug, not a game move.
 * Every action, legal or not, counts against {@code maxSteps}; when the budget is spent before the inner episode
 * ends, the episode is truncated with reward {@code truncationReward} and info {@code {"success": false}}. Without
 * the budget an agent that repeats an illegal action would never end its episode.
 *
 * <p>The wrapper keeps the inner env's mask visible ({@link #actionMask()}), so an evaluation can count illegal
 * choices, but a learner configured without masking never reads it.
 *
 * {@snippet :
 * Env<float[], Integer> unmasked = new IllegalActionNoOp<>(executiveEnv, 12, -0.05, -1.0);
 * }
 *
 * @param <O> observation type
 */
public final class IllegalActionNoOp<O> extends Wrapper<O, Integer> implements ActionMasked {

    /** Info key set to {@code true} on a step whose action was illegal (and not forwarded). */
    public static final String ILLEGAL_ACTION = "illegal_action";

    private final ActionMasked masked;
    private final int maxSteps;
    private final double penalty;
    private final double truncationReward;
    private final boolean limitTerminates;
    private O last;
    private int steps;
    private int illegal;
    private boolean done = true;

    /**
     * @param env              a masked env (it, or a layer it wraps, implements {@link ActionMasked})
     * @param maxSteps         actions per episode, legal or not, before truncation ({@code >= 1})
     * @param penalty          reward of an illegal action (e.g. the cost of the most expensive legal action)
     * @param truncationReward reward of the step that spends the budget
     * @throws IllegalArgumentException if {@code env} is not masked or {@code maxSteps < 1}
     */
    public IllegalActionNoOp(Env<O, Integer> env, int maxSteps, double penalty, double truncationReward) {
        this(env, maxSteps, penalty, truncationReward, false);
    }

    /**
     * As {@link #IllegalActionNoOp(Env, int, double, double)}, choosing how spending the budget ends the episode.
     *
     * @param limitTerminates true: as {@code terminated} (the limit is part of the task, so no bootstrapping past
     *                        it); false: as {@code truncated}, as the four-argument constructor does
     */
    public IllegalActionNoOp(Env<O, Integer> env, int maxSteps, double penalty, double truncationReward,
                             boolean limitTerminates) {
        super(env);
        this.limitTerminates = limitTerminates;
        this.masked = findActionMasked(env).orElseThrow(() -> new IllegalArgumentException(
                "env: expected an ActionMasked env (or a wrapper of one), actual " + env));
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps: expected >= 1, actual " + maxSteps);
        }
        this.maxSteps = maxSteps;
        this.penalty = penalty;
        this.truncationReward = truncationReward;
    }

    @Override
    public ResetResult<O> reset(long seed) {
        return track(env.reset(seed));
    }

    @Override
    public ResetResult<O> reset() {
        return track(env.reset());
    }

    /**
     * Starts counting a new episode from a reset the caller made on the inner env directly (for envs with extra
     * reset methods, such as an episode object).
     *
     * @param reset the inner env's reset result
     * @return {@code reset}
     */
    public ResetResult<O> track(ResetResult<O> reset) {
        last = Objects.requireNonNull(reset, "reset").observation();
        steps = 0;
        illegal = 0;
        done = false;
        return reset;
    }

    @Override
    public StepResult<O> step(Integer action) {
        if (done) {
            throw new IllegalStateException("step: expected a reset before the first step and after the episode "
                    + "ended");
        }
        if (action == null || !env.actionSpace().contains(action)) {
            throw new IllegalArgumentException("action: expected an element of " + env.actionSpace() + ", actual "
                    + action);
        }
        steps++;
        boolean[] mask = masked.actionMask();
        // the mask is indexed from the action space's start, as Discrete.sample(rng, mask) reads it
        int start = env.actionSpace() instanceof Discrete d ? d.start() : 0;
        boolean legal = (long) action - start < mask.length && mask[action - start];
        StepResult<O> r;
        if (legal) {
            r = env.step(action);
            last = r.observation();
        } else {
            illegal++;
            Map<String, Object> info = new HashMap<>();
            info.put(ILLEGAL_ACTION, true);
            r = new StepResult<>(copy(last), penalty, false, false, info); // a new array, as every step's
        }
        if (!r.done() && steps >= maxSteps) {
            Map<String, Object> info = new HashMap<>(r.info());
            info.put("success", false);
            r = new StepResult<>(r.observation(), r.reward() + truncationReward, limitTerminates, !limitTerminates,
                    info);
        }
        done = r.done();
        return r;
    }

    @SuppressWarnings("unchecked")
    private static <O> O copy(O observation) {
        return switch (observation) {
            case float[] a -> (O) a.clone();
            case double[] a -> (O) a.clone();
            case int[] a -> (O) a.clone();
            case long[] a -> (O) a.clone();
            case byte[] a -> (O) a.clone();
            case boolean[] a -> (O) a.clone();
            case null, default -> observation;
        };
    }

    /** {@return false: an illegal action is a penalised no-op here, not an error} */
    @Override
    public boolean refusesIllegalActions() {
        return false;
    }

    /** {@return the inner env's current mask (legal actions of the inner env)} */
    @Override
    public boolean[] actionMask() {
        return masked.actionMask();
    }

    /** {@return illegal actions taken in the current (or last) episode} */
    public int illegalActions() {
        return illegal;
    }
}
