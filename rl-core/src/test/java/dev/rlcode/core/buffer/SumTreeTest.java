package dev.rlcode.core.buffer;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.rng.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SumTreeTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 13, 64})
    void invariantsHoldUnderRandomUpdates(int capacity) {
        SumTree tree = new SumTree(capacity);
        double[] naive = new double[capacity];
        boolean[] set = new boolean[capacity];
        Rng rng = Rng.of(5, capacity);
        for (int op = 0; op < 400; op++) {
            int i = rng.nextInt(capacity);
            double v = rng.nextInt(10); // integers: every sum is exact, so comparisons can be exact
            tree.set(i, v);
            naive[i] = v;
            set[i] = true;

            double total = 0, min = Double.POSITIVE_INFINITY;
            for (int j = 0; j < capacity; j++) {
                total += naive[j];
                if (set[j]) min = Math.min(min, naive[j]);
                assertEquals(naive[j], tree.get(j));
            }
            assertEquals(total, tree.total());
            assertEquals(min, tree.min());
            for (int node = 1; node < tree.leafBase(); node++) {
                int l = 2 * node, r = l + 1; // nodes >= leafBase are the leaves
                assertEquals(tree.nodeSum(l) + tree.nodeSum(r), tree.nodeSum(node), "node " + node + " = left + right");
                assertEquals(Math.min(tree.nodeMin(l), tree.nodeMin(r)), tree.nodeMin(node), "node " + node + " min");
            }
            // find(k + ½) agrees with a linear scan of the cumulative sums, for every unit of mass.
            for (int k = 0; k < (int) total; k++) {
                double u = k + 0.5, c = 0;
                int expected = -1;
                for (int j = 0; j < capacity && expected < 0; j++) {
                    c += naive[j];
                    if (u < c) expected = j;
                }
                assertEquals(expected, tree.find(u), "find(" + u + ")");
            }
        }
    }

    @Test
    void findSkipsZeroLeavesEvenAtOrPastTheTotal() {
        SumTree tree = new SumTree(4);
        tree.set(0, 1);
        tree.set(1, 0);
        tree.set(2, 2);
        tree.set(3, 0);
        assertEquals(0, tree.find(0));
        assertEquals(0, tree.find(Math.nextDown(1.0)));
        assertEquals(2, tree.find(1.0));
        assertEquals(2, tree.find(3.0), "prefix == total ends on the last positive leaf");
        assertEquals(2, tree.find(1e9));
        assertEquals(0, tree.min());
    }

    @Test
    void unsetLeavesAreOutOfTheMinimumAndClearResets() {
        SumTree tree = new SumTree(5);
        assertEquals(Double.POSITIVE_INFINITY, tree.min());
        tree.set(3, 2.5);
        assertEquals(2.5, tree.min());
        assertEquals(2.5, tree.total());
        tree.clear();
        assertEquals(0, tree.total());
        assertEquals(Double.POSITIVE_INFINITY, tree.min());
        assertThrows(IllegalStateException.class, () -> tree.find(0));
    }

    @Test
    void invalidArgumentsAreRejected() {
        SumTree tree = new SumTree(3);
        assertThrows(IndexOutOfBoundsException.class, () -> tree.set(3, 1));
        assertThrows(IllegalArgumentException.class, () -> tree.set(0, -1));
        assertThrows(IllegalArgumentException.class, () -> tree.set(0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> tree.set(0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new SumTree(0));
        tree.set(0, 1);
        assertThrows(IllegalArgumentException.class, () -> tree.find(-0.5));
    }
}
