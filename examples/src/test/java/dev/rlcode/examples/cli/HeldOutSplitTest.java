package dev.rlcode.examples.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.envs.code.ExecutiveConfig;
import dev.rlcode.envs.code.task.BundledSuite;
import dev.rlcode.envs.code.task.CompositeTask;
import dev.rlcode.envs.code.task.TaskSplit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Hierarchical level's held-out composites are held out from its frozen Executive too: a bundled Executive run
 * splits its tasks around the composites' split, and `train hierarchical` refuses an Executive that trained on a
 * part of a held-out composite (as every bundled run from before this rule did: 11 of the 15 parts of its 7
 * held-out composites were Executive training tasks).
 */
class HeldOutSplitTest {

    private static Map<String, Object> bundled() {
        return ExecutiveWorld.settings("bundled", "synthetic", null, null, 16, null, 0.3, ExecutiveConfig.defaults(),
                Map.of());
    }

    @Test
    void aBundledExecutiveIsSplitAroundTheCompositesAndAcceptedOneLevelUp() {
        Map<String, Object> exec = bundled();
        assertEquals(ExecutiveWorld.SPLIT_AROUND_COMPOSITES, exec.get(ExecutiveWorld.SPLIT_KEY));
        TaskSplit<CompositeTask> composites = TaskSplit.compositesByGroup(BundledSuite.composites(), 0.3,
                TrainHierarchicalCommand.SPLIT_SALT);
        assertDoesNotThrow(() -> TrainHierarchicalCommand.requireExecutiveHeldOut(exec, composites));
        // another --test-fraction one level up holds out other composites, some of whose parts it trained on
        TaskSplit<CompositeTask> other = TaskSplit.compositesByGroup(BundledSuite.composites(), 0.6,
                TrainHierarchicalCommand.SPLIT_SALT);
        CliException e = assertThrows(CliException.class,
                () -> TrainHierarchicalCommand.requireExecutiveHeldOut(exec, other));
        assertTrue(e.getMessage().startsWith("--test-fraction:") && e.getMessage().contains("use --test-fraction 0.3"),
                e.getMessage());
    }

    @Test
    void anExecutiveSplitByIdAloneIsRefusedNamingTheTasks() {
        Map<String, Object> old = new HashMap<>(bundled());
        old.remove(ExecutiveWorld.SPLIT_KEY); // a run folder from before the rule
        TaskSplit<CompositeTask> composites = TaskSplit.compositesByGroup(BundledSuite.composites(), 0.3,
                TrainHierarchicalCommand.SPLIT_SALT);
        CliException e = assertThrows(CliException.class,
                () -> TrainHierarchicalCommand.requireExecutiveHeldOut(old, composites));
        assertTrue(e.getMessage().startsWith("--executive: the Executive trained on "), e.getMessage());
        assertTrue(e.getMessage().contains("hard-merge-intervals"), e.getMessage());
        assertTrue(e.getMessage().contains("Train the Executive again"), e.getMessage());
    }

    @Test
    void otherTaskSourcesAreSplitById(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path file = tmp.resolve("tasks.jsonl");
        java.nio.file.Files.writeString(file, "");
        Map<String, Object> s = ExecutiveWorld.settings(file.toString(), "synthetic", null, null, 16, null, 0.3,
                ExecutiveConfig.defaults(), Map.of());
        assertEquals(ExecutiveWorld.SPLIT_BY_ID, s.get(ExecutiveWorld.SPLIT_KEY));
        Map<String, Object> unknown = new HashMap<>(bundled());
        unknown.put(ExecutiveWorld.SPLIT_KEY, "by-moon-phase");
        CliException e = assertThrows(CliException.class, () -> ExecutiveWorld.taskSplit(unknown));
        assertTrue(e.getMessage().contains("by-moon-phase"), e.getMessage());
    }
}
