package dev.rlcode.agents.dqn;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.core.wrapper.TimeLimit;
import dev.rlcode.envs.grid.GridWorld;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Masked DQN on GridWorld: trained from random start cells, the greedy policy must walk a shortest path from every
 * start cell, and no action it takes — in training or evaluation — may be illegal.
 */
class GridWorldLearningTest {
    // Vector width pinned so the curve for the seed is the same on AVX2 and AVX-512 machines.

    @Test
    void maskedDqnLearnsShortestPathsAndNeverActsIllegally() throws IOException {
        DqnConfig cfg = DqnConfig.gridWorld();
        assertTrue(cfg.masking());
        int[] illegalInTraining = {0};
        DqnTrainer trainer = new DqnTrainer(cfg, () -> new TimeLimit<>(
                new CheckedGrid(new GridWorld(GridWorld.DEFAULT_LAYOUT, true), illegalInTraining), 100),
                CpuBackend.simd(jdk.incubator.vector.FloatVector.SPECIES_256), null, null);
        trainer.train();
        assertEquals(0, illegalInTraining[0], "illegal actions taken during training");

        DqnAgent agent = trainer.agent();
        GridWorld grid = new GridWorld(GridWorld.DEFAULT_LAYOUT, true);
        int starts = 0;
        for (long seed = 0; seed < 200; seed++) {
            float[] obs = grid.reset(seed).observation();
            int shortest = grid.shortestPathLength(grid.row(), grid.col());
            int steps = 0;
            StepResult<float[]> r;
            do {
                boolean[] mask = grid.actionMask();
                int a = agent.greedy(obs, mask);
                assertTrue(mask[a], "illegal action " + a + " at (" + grid.row() + "," + grid.col() + ")");
                r = grid.step(a);
                obs = r.observation();
                steps++;
            } while (!r.terminated() && steps < 100);
            assertTrue(r.terminated(), "seed " + seed + ": goal not reached in 100 steps");
            assertEquals(shortest, steps, "seed " + seed + ": path length vs BFS shortest path");
            starts++;
        }
        assertEquals(200, starts);
    }

    /** Counts illegal actions (GridWorld would also throw on them). */
    static final class CheckedGrid extends dev.rlcode.core.wrapper.Wrapper<float[], Integer> {
        private final GridWorld grid;
        private final int[] illegal;

        CheckedGrid(GridWorld grid, int[] illegal) {
            super(grid);
            this.grid = grid;
            this.illegal = illegal;
        }

        @Override
        public StepResult<float[]> step(Integer action) {
            if (!grid.actionMask()[action]) illegal[0]++;
            return super.step(action);
        }
    }
}
