package dev.rlcode.core.space;

import java.util.random.RandomGenerator;

/**
 * The integers {@code start, ..., start + n - 1}; Gymnasium's {@code Discrete(n, start)}.
 *
 * @param n     number of elements, at least 1
 * @param start smallest element (usually 0)
 */
public record Discrete(int n, int start) implements Space<Integer> {

    public Discrete {
        if (n < 1) throw new IllegalArgumentException("Discrete n: expected >= 1, actual " + n);
        if ((long) start + n - 1 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Discrete start + n - 1: expected <= " + Integer.MAX_VALUE
                    + " (the largest element must be an int), actual " + ((long) start + n - 1));
        }
    }

    /** A space {@code {0, ..., n-1}}. @param n number of elements, at least 1 */
    public Discrete(int n) {
        this(n, 0);
    }

    @Override
    public boolean contains(Object x) {
        return x instanceof Integer i && i >= start && (long) i - start < n;
    }

    @Override
    public Integer sample(RandomGenerator rng) {
        return start + rng.nextInt(n);
    }

    /**
     * {@return a uniformly chosen element among those whose mask entry is true}
     *
     * @param mask length {@code n}, true = legal. Not modified.
     * @throws IllegalArgumentException if the mask has the wrong length or no legal entry (Gymnasium returns
     *                                  {@code start} in that case; we refuse, since acting with no legal action is a bug)
     */
    public int sample(RandomGenerator rng, boolean[] mask) {
        if (mask.length != n) {
            throw new IllegalArgumentException("mask length: expected " + n + " (space n), actual " + mask.length);
        }
        int legal = 0;
        for (boolean m : mask) if (m) legal++;
        if (legal == 0) throw new IllegalArgumentException("mask: expected at least one legal action, actual none");
        int k = rng.nextInt(legal);
        for (int i = 0; i < n; i++) {
            if (mask[i] && k-- == 0) return start + i;
        }
        throw new AssertionError("unreachable");
    }

    @Override
    public int flatDim() {
        return n;
    }
}
