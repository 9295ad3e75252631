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

    /**
     * The bundled suite split around its composites: composites sharing a subtask stay on one side, the held-out
     * share of the groups is the one asked for, and no part of a held-out composite is a training task of the
     * Executive or a part of a training composite (a frozen Executive trained on the training tasks never saw it).
     */
    @Test
    void bundledCompositesAndTasksAreSplitSoNothingHeldOutWasTrainedOn() {
        List<CompositeTask> composites = BundledSuite.composites();
        TaskSplit<CompositeTask> cs = TaskSplit.compositesByGroup(composites, 0.3, "hierarchical");
        assertEquals(composites.size(), cs.train().size() + cs.test().size());
        java.util.Set<String> trainParts = new java.util.HashSet<>(), testParts = new java.util.HashSet<>();
        cs.train().forEach(c -> c.subtasks().forEach(t -> trainParts.add(t.id())));
        cs.test().forEach(c -> c.subtasks().forEach(t -> testParts.add(t.id())));
        assertTrue(java.util.Collections.disjoint(trainParts, testParts), "a subtask on both sides");
        TaskSplit<CodeTask> ts = TaskSplit.tasksAround(BundledSuite.tasks(), cs, 0.3, "executive");
        assertEquals(BundledSuite.tasks().size(), ts.train().size() + ts.test().size());
        java.util.Set<String> execTrain = new java.util.HashSet<>();
        ts.train().forEach(t -> execTrain.add(t.id()));
        for (String part : testParts) assertTrue(!execTrain.contains(part), part + " is trained on and held out");
        assertTrue(execTrain.containsAll(trainParts), "the training composites' parts are training tasks");
        // a task in no composite is split by its id, as before
        TaskSplit<CodeTask> byId = TaskSplit.byId(BundledSuite.tasks(), 0.3, "executive");
        for (CodeTask t : byId.test()) {
            if (!trainParts.contains(t.id()) && !testParts.contains(t.id())) {
                assertTrue(ts.test().contains(t), t.id());
            }
        }
    }

    /** Groups: joined through shared parts, even transitively; the share held out is exact; both sides non-empty. */
    @Test
    void compositesSharingASubtaskStayTogetherAndTheShareIsExact() {
        // agenda-coverage share hard-merge-intervals, coverage-safe-stats medium-sum-exact (agenda and safe-stats
        // share nothing themselves): one group; deadline and cipher share nothing
        List<CompositeTask> cs = composites("comp-agenda", "comp-coverage", "comp-safe-stats", "comp-deadline",
                "comp-cipher");
        List<CodeTask> tasks = BundledSuite.tasks();
        for (String salt : List.of("s1", "s2", "s3", "s4", "s5", "s6")) {
            TaskSplit<CompositeTask> split = TaskSplit.compositesByGroup(cs, 0.34, salt); // 3 groups: 1 held out
            List<String> test = split.test().stream().map(CompositeTask::id).toList();
            assertTrue(test.equals(List.of("comp-agenda", "comp-coverage", "comp-safe-stats"))
                    || test.equals(List.of("comp-deadline")) || test.equals(List.of("comp-cipher")), salt + ": " + test);
            TaskSplit<CodeTask> around = TaskSplit.tasksAround(tasks, split, 0.3, salt);
            for (CompositeTask c : split.test()) assertTrue(around.test().containsAll(c.subtasks()), salt);
            for (CompositeTask c : split.train()) assertTrue(around.train().containsAll(c.subtasks()), salt);
        }
        assertEquals(1, TaskSplit.compositesByGroup(cs, 0.01, "s1").test().size(), "at least one group held out");
        assertEquals(1, TaskSplit.compositesByGroup(cs, 0.99, "s1").train().size(), "at least one group trained on");
        // a task that is a part of a training and of a held-out composite cannot be split around them
        TaskSplit<CompositeTask> bad = new TaskSplit<>(List.of(cs.get(0)), List.of(cs.get(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaskSplit.tasksAround(tasks, bad, 0.3, "x"));
        assertTrue(e.getMessage().contains("hard-merge-intervals"), e.getMessage());
    }

    private static List<CompositeTask> composites(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> BundledSuite.composites().stream()
                .filter(c -> c.id().equals(id)).findFirst().orElseThrow()).toList();
    }
}
