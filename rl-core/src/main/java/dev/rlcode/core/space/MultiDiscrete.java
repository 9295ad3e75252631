package dev.rlcode.core.space;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A vector of independent discrete choices: element {@code x} is an {@code int[]} with {@code 0 <= x[i] < nvec[i]};
 * Gymnasium's {@code MultiDiscrete(nvec)}.
 *
 * @param nvec the number of values of each component, each at least 1 (copied)
 */
public record MultiDiscrete(int[] nvec) implements Space<int[]> {

    public MultiDiscrete {
        if (nvec.length == 0) throw new IllegalArgumentException("MultiDiscrete nvec: expected at least one component, actual 0");
        for (int i = 0; i < nvec.length; i++) {
            if (nvec[i] < 1) {
                throw new IllegalArgumentException("MultiDiscrete nvec[" + i + "]: expected >= 1, actual " + nvec[i]);
            }
        }
        nvec = nvec.clone();
    }

    @Override
    public int[] nvec() {
        return nvec.clone();
    }

    @Override
    public boolean contains(Object x) {
        if (!(x instanceof int[] v) || v.length != nvec.length) return false;
        for (int i = 0; i < v.length; i++) if (v[i] < 0 || v[i] >= nvec[i]) return false;
        return true;
    }

    @Override
    public int[] sample(RandomGenerator rng) {
        int[] x = new int[nvec.length];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextInt(nvec[i]);
        return x;
    }

    @Override
    public int flatDim() {
        return Arrays.stream(nvec).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiDiscrete m && Arrays.equals(nvec, m.nvec);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nvec);
    }

    @Override
    public String toString() {
        return "MultiDiscrete(" + Arrays.toString(nvec) + ")";
    }
}
