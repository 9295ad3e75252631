package dev.rlcode.core.buffer;

import java.util.Arrays;
import java.util.Objects;

/**
 * A binary segment tree over {@code capacity} non-negative values that keeps their sum and their minimum, for
 * proportional prioritized replay: {@link #find} draws index i with probability {@code value(i) / total()} given a
 * uniform prefix, and {@link #min} gives the largest importance weight; all in O(log capacity).
 *
 * <p>Leaves that were never {@link #set} count as 0 in the sum and are left out of the minimum.
 *
 * {@snippet :
 * SumTree tree = new SumTree(4);
 * tree.set(0, 1); tree.set(1, 3);           // total 4
 * int i = tree.find(rng.nextDouble() * tree.total());   // 0 with prob 1/4, 1 with prob 3/4
 * }
 */
public final class SumTree {

    /* Implementation notes
     * Heap layout: node 1 is the root, node k has children 2k and 2k+1, leaf i is node leafBase + i, where leafBase
     * is the smallest power of two >= capacity. Unused leaves (i >= capacity) hold 0 / +inf. set() recomputes every
     * ancestor from its two children instead of adding a delta, so sums never drift, and the whole tree is a pure
     * function of its leaves: rebuilding from saved leaves reproduces every node bit for bit. */

    private final int capacity, leafBase;
    private final double[] sum, min;

    /**
     * Creates a tree whose leaves are all unset.
     *
     * @param capacity number of leaves, {@code >= 1}
     * @throws IllegalArgumentException if {@code capacity < 1} or above 2^30
     */
    public SumTree(int capacity) {
        if (capacity < 1 || capacity > 1 << 30) {
            throw new IllegalArgumentException("sum tree capacity: expected in [1, 2^30], actual " + capacity);
        }
        this.capacity = capacity;
        int base = 1;
        while (base < capacity) base <<= 1;
        this.leafBase = base;
        sum = new double[2 * base];
        min = new double[2 * base];
        clear();
    }

    /** {@return the number of leaves} */
    public int capacity() {
        return capacity;
    }

    /** Unsets every leaf: the total becomes 0 and the minimum +∞. */
    public void clear() {
        Arrays.fill(sum, 0);
        Arrays.fill(min, Double.POSITIVE_INFINITY);
    }

    /**
     * Sets leaf {@code index} to {@code value} and updates its ancestors.
     *
     * @param index leaf, {@code 0 <= index < capacity}
     * @param value finite, {@code >= 0}
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalArgumentException  if {@code value} is negative, NaN or infinite
     */
    public void set(int index, double value) {
        Objects.checkIndex(index, capacity);
        if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("sum tree value: expected finite and >= 0, actual " + value);
        }
        int node = leafBase + index;
        sum[node] = value;
        min[node] = value;
        for (node >>= 1; node >= 1; node >>= 1) {
            sum[node] = sum[2 * node] + sum[2 * node + 1];
            min[node] = Math.min(min[2 * node], min[2 * node + 1]);
        }
    }

    /**
     * {@return the value of leaf {@code index}, 0 if never set}
     *
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public double get(int index) {
        return sum[leafBase + Objects.checkIndex(index, capacity)];
    }

    /** {@return the sum of all leaves} */
    public double total() {
        return sum[1];
    }

    /** {@return the smallest value of the leaves that were set, or +∞ if none was} */
    public double min() {
        return min[1];
    }

    /**
     * Finds the leaf whose cumulative range contains {@code prefix}: the i with
     * {@code Σ_{j<i} v_j <= prefix < Σ_{j<=i} v_j}. Only leaves with a positive value are ever returned; a prefix at
     * or beyond {@code total()} (rounding) gives the last positive leaf.
     *
     * @param prefix a point in {@code [0, total())}, usually {@code u · total()} with u uniform in [0, 1)
     * @return the leaf index
     * @throws IllegalStateException    if {@code total()} is 0
     * @throws IllegalArgumentException if {@code prefix} is negative or NaN
     */
    public int find(double prefix) {
        if (!(sum[1] > 0)) throw new IllegalStateException("sum tree find: expected a positive total, actual " + sum[1]);
        if (!(prefix >= 0)) throw new IllegalArgumentException("sum tree prefix: expected >= 0, actual " + prefix);
        int node = 1;
        while (node < leafBase) {
            int left = 2 * node;
            // Go right only into a non-empty subtree, so rounding can never end on a zero leaf.
            if (prefix < sum[left] || sum[left + 1] <= 0) {
                node = left;
            } else {
                prefix -= sum[left];
                node = left + 1;
            }
        }
        return node - leafBase;
    }

    /** {@return the value of internal node {@code node} (heap numbering, root 1), for invariant tests} */
    double nodeSum(int node) {
        return sum[node];
    }

    /** {@return the minimum kept at internal node {@code node}, for invariant tests} */
    double nodeMin(int node) {
        return min[node];
    }

    /** {@return the number of internal nodes plus one: nodes are numbered 1 .. leafBase − 1} */
    int leafBase() {
        return leafBase;
    }
}
