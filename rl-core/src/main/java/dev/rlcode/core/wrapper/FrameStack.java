package dev.rlcode.core.wrapper;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.ResetResult;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Space;

/**
 * Observes the last {@code k} observations at once (Gymnasium's {@code FrameStackObservation}), flattened, oldest
 * first: an env with {@code Box} observations of dimension {@code d} becomes one of dimension {@code k * d}, whose
 * bounds repeat the inner ones {@code k} times. After a reset the older slots hold the reset observation itself
 * (Gymnasium's default {@code padding_type="reset"}). Every call returns a new array.
 *
 * {@snippet :
 * Env<float[], Integer> env = new FrameStack<>(CartPole.make(), 4);   // 16 floats: x(t-3), ..., x(t)
 * }
 *
 * @param <A> action type
 */
public final class FrameStack<A> extends Wrapper<float[], A> {

    private final int k;
    private final int d;
    private final Box space;
    private float[] stack;

    /**
     * @param env an env with {@code Box} observations
     * @param k   how many observations to stack, at least 1
     * @throws IllegalArgumentException if {@code k < 1} or the observation space is not a {@code Box}
     */
    public FrameStack(Env<float[], A> env, int k) {
        super(env);
        if (k < 1) throw new IllegalArgumentException("k: expected >= 1, actual " + k);
        if (!(env.observationSpace() instanceof Box box)) {
            throw new IllegalArgumentException("observation space: expected a Box, actual " + env.observationSpace());
        }
        this.k = k;
        this.d = box.dim();
        float[] low = new float[k * d], high = new float[k * d];
        for (int i = 0; i < k; i++) {
            System.arraycopy(box.low(), 0, low, i * d, d);
            System.arraycopy(box.high(), 0, high, i * d, d);
        }
        this.space = new Box(low, high);
    }

    /** {@return the number of observations stacked} */
    public int size() {
        return k;
    }

    @Override
    public Space<float[]> observationSpace() {
        return space;
    }

    @Override
    public ResetResult<float[]> reset(long seed) {
        return start(env.reset(seed));
    }

    @Override
    public ResetResult<float[]> reset() {
        return start(env.reset());
    }

    private ResetResult<float[]> start(ResetResult<float[]> r) {
        float[] first = checked(r.observation());
        stack = new float[k * d];
        for (int i = 0; i < k; i++) System.arraycopy(first, 0, stack, i * d, d);
        return new ResetResult<>(stack.clone(), r.info());
    }

    @Override
    public StepResult<float[]> step(A action) {
        if (stack == null) throw new IllegalStateException("step: expected a reset env, actual never reset");
        StepResult<float[]> r = env.step(action);
        float[] next = new float[k * d];
        System.arraycopy(stack, d, next, 0, (k - 1) * d);
        System.arraycopy(checked(r.observation()), 0, next, (k - 1) * d, d);
        stack = next;
        return new StepResult<>(next.clone(), r.reward(), r.terminated(), r.truncated(), r.info());
    }

    private float[] checked(float[] obs) {
        if (obs.length != d) {
            throw new IllegalStateException("inner observation length: expected " + d + ", actual " + obs.length);
        }
        return obs;
    }
}
