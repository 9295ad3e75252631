package dev.rlcode.envs.code.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TaskSplitTest {

    private static final List<String> IDS = IntStream.range(0, 1000).mapToObj(i -> "task-" + i).toList();

    @Test
    void sameIdsAndSaltGiveSameSplitWhateverTheOrder() {
        TaskSplit<String> a = TaskSplit.byId(IDS, Function.identity(), 0.2, "s1");
        List<String> shuffled = new ArrayList<>(IDS);
        Collections.shuffle(shuffled, new java.util.Random(3));
        TaskSplit<String> b = TaskSplit.byId(shuffled, Function.identity(), 0.2, "s1");
        assertEquals(a.test().stream().sorted().toList(), b.test().stream().sorted().toList());
        assertEquals(IDS.size(), a.train().size() + a.test().size());
    }

    @Test
    void fractionIsRespectedRoughlyAndSaltChangesAssignment() {
        TaskSplit<String> a = TaskSplit.byId(IDS, Function.identity(), 0.25, "s1");
        TaskSplit<String> b = TaskSplit.byId(IDS, Function.identity(), 0.25, "s2");
        assertTrue(Math.abs(a.test().size() - 250) < 50, "test size " + a.test().size());
        assertNotEquals(a.test(), b.test());
    }

    @Test
    void addingItemsDoesNotMoveExistingOnes() {
        TaskSplit<String> small = TaskSplit.byId(IDS.subList(0, 500), Function.identity(), 0.3, "x");
        TaskSplit<String> big = TaskSplit.byId(IDS, Function.identity(), 0.3, "x");
        assertTrue(big.test().containsAll(small.test()));
        assertTrue(big.train().containsAll(small.train()));
    }

    @Test
    void extremesAndBadFractions() {
        assertEquals(0, TaskSplit.byId(IDS, Function.identity(), 0.0, "s").test().size());
        assertEquals(IDS.size(), TaskSplit.byId(IDS, Function.identity(), 1.0, "s").test().size());
        assertThrows(IllegalArgumentException.class, () -> TaskSplit.byId(IDS, Function.identity(), 1.5, "s"));
        assertThrows(IllegalArgumentException.class, () -> TaskSplit.byId(IDS, Function.identity(), Double.NaN, "s"));
    }
}
