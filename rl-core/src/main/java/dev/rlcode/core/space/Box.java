package dev.rlcode.core.space;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A box in R^n: each element is a {@code float[]} of length {@code low.length} with
 * {@code low[i] <= x[i] <= high[i]}; Gymnasium's {@code Box(low, high, shape, float32)}.
 *
 * <p>Bounds may be infinite. The shape is flat (one dimension); a multi-dimensional observation is flattened
 * row-major by its env, which documents the layout.
 *
 * @param low  lower bounds, one per component (copied)
 * @param high upper bounds, one per component (copied)
 */
public record Box(float[] low, float[] high) implements Space<float[]> {

    public Box {
        if (low.length != high.length) {
            throw new IllegalArgumentException("Box bounds: expected equal lengths, actual low " + low.length
                    + ", high " + high.length);
        }
        if (low.length == 0) throw new IllegalArgumentException("Box shape: expected at least one component, actual 0");
        for (int i = 0; i < low.length; i++) {
            if (!(low[i] <= high[i])) {
                throw new IllegalArgumentException("Box bound " + i + ": expected low <= high, actual low " + low[i]
                        + ", high " + high[i]);
            }
        }
        low = low.clone();
        high = high.clone();
    }

    /** {@return a box with the same bounds {@code [low, high]} in every one of {@code n} components} */
    public static Box of(float low, float high, int n) {
        float[] lo = new float[n], hi = new float[n];
        Arrays.fill(lo, low);
        Arrays.fill(hi, high);
        return new Box(lo, hi);
    }

    /** {@return the number of components} */
    public int dim() {
        return low.length;
    }

    @Override
    public float[] low() {
        return low.clone();
    }

    @Override
    public float[] high() {
        return high.clone();
    }

    @Override
    public boolean contains(Object x) {
        if (!(x instanceof float[] v) || v.length != low.length) return false;
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= low[i] && v[i] <= high[i])) return false; // also rejects NaN
        }
        return true;
    }

    /**
     * Samples like Gymnasium: uniform on bounded components, exponential on half-bounded ones and normal on
     * unbounded ones.
     */
    @Override
    public float[] sample(RandomGenerator rng) {
        float[] x = new float[low.length];
        for (int i = 0; i < x.length; i++) {
            boolean lo = Float.isFinite(low[i]), hi = Float.isFinite(high[i]);
            double v;
            if (lo && hi) v = low[i] + ((double) high[i] - low[i]) * rng.nextDouble(); // no float overflow
            else if (lo) v = low[i] + rng.nextExponential();
            else if (hi) v = high[i] - rng.nextExponential();
            else v = rng.nextGaussian();
            x[i] = (float) Math.min(Math.max(v, low[i]), high[i]);
        }
        return x;
    }

    @Override
    public int flatDim() {
        return low.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
    }

    @Override
    public String toString() {
        return "Box(low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + ")";
    }
}
