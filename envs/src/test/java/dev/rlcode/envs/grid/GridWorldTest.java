package dev.rlcode.envs.grid;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.EnvChecker;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.wrapper.Wrapper;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GridWorldTest {

    private static final int UP = 0, RIGHT = 1, DOWN = 2, LEFT = 3;

    @Test
    void passesTheEnvChecker() {
        EnvChecker.Report fixed = EnvChecker.check(GridWorld::new);
        assertEquals(EnvChecker.Status.WARN, fixed.status(EnvChecker.SEEDS_DIFFER), "a fixed start ignores the seed");
        assertEquals(EnvChecker.Status.PASS, fixed.status(EnvChecker.ILLEGAL_ACTION_THROWS));
        EnvChecker.check(GridWorld::make);
        EnvChecker.Report random = EnvChecker.check(() -> new GridWorld(GridWorld.DEFAULT_LAYOUT, true));
        assertEquals(EnvChecker.Status.PASS, random.status(EnvChecker.SEEDS_DIFFER));
    }

    @Test
    void masksMovesIntoWallsAndOffTheGrid() {
        GridWorld env = new GridWorld();
        env.reset(0);                                   // (0, 0): S
        assertArrayEquals(new boolean[] {false, true, true, false}, env.actionMask());
        env.step(RIGHT);
        env.step(RIGHT);                                // (0, 2): wall to the right, (1, 2) free below
        assertArrayEquals(new boolean[] {false, false, true, true}, env.actionMask());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(RIGHT));
        assertTrue(e.getMessage().contains("legal"), e.getMessage());
        assertEquals(List.of(0, 2), List.of(env.row(), env.col()), "an illegal move does not move the agent");
        assertThrows(IllegalArgumentException.class, () -> env.step(UP));
        assertThrows(IllegalArgumentException.class, () -> env.step(4));
    }

    @Test
    void masksStayReachableThroughTheTimeLimitOfMake() {
        Env<float[], Integer> env = GridWorld.make();
        assertFalse(env instanceof dev.rlcode.core.env.ActionMasked);
        env.reset(0);
        assertArrayEquals(new boolean[] {false, true, true, false}, Wrapper.actionMask(env));
        assertThrows(IllegalArgumentException.class, () -> env.step(LEFT));
    }

    @Test
    void aShortestPathReachesTheGoalWithReturnMinusLengthPlusOne() {
        GridWorld env = new GridWorld();
        float[] obs = env.reset(0).observation();
        assertEquals(36, obs.length);
        assertEquals(1f, obs[0]);
        int[] path = {DOWN, DOWN, DOWN, DOWN, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, DOWN};
        double ret = 0;
        StepResult<float[]> r = null;
        for (int t = 0; t < path.length; t++) {
            r = env.step(path[t]);
            ret += r.reward();
            assertEquals(t == path.length - 1, r.terminated(), "step " + t);
        }
        assertEquals(-9, ret);
        assertEquals(1f, r.observation()[5 * 6 + 5], "one-hot of the goal cell");
        assertEquals(1f, sum(r.observation()));
        assertEquals(Map.of("row", 5, "col", 5), r.info());
        assertEquals(path.length, env.shortestPathLength());
        assertThrows(IllegalStateException.class, () -> env.step(UP));
    }

    @Test
    void shortestPathLengthsSatisfyTheBellmanEquation() {
        GridWorld env = new GridWorld(GridWorld.DEFAULT_LAYOUT, true);
        int free = 0;
        for (int r = 0; r < env.rows(); r++) {
            for (int c = 0; c < env.cols(); c++) {
                if (GridWorld.DEFAULT_LAYOUT.get(r).charAt(c) == '#') {
                    int row = r, col = c;
                    assertThrows(IllegalArgumentException.class, () -> env.shortestPathLength(row, col));
                    continue;
                }
                free++;
                int d = env.shortestPathLength(r, c);
                if (r == 5 && c == 5) {
                    assertEquals(0, d);
                    continue;
                }
                int best = Integer.MAX_VALUE;
                for (int[] n : new int[][] {{r - 1, c}, {r, c + 1}, {r + 1, c}, {r, c - 1}}) {
                    if (n[0] < 0 || n[0] >= 6 || n[1] < 0 || n[1] >= 6) continue;
                    if (GridWorld.DEFAULT_LAYOUT.get(n[0]).charAt(n[1]) == '#') continue;
                    best = Math.min(best, env.shortestPathLength(n[0], n[1]));
                }
                assertEquals(best + 1, d, "cell (" + r + ", " + c + ")");
            }
        }
        assertEquals(23, free);
        assertThrows(IndexOutOfBoundsException.class, () -> env.shortestPathLength(6, 0));
    }

    @Test
    void shortestPathLengthOfSmallMazes() {
        assertEquals(3, new GridWorld(List.of("S..G"), false).shortestPathLength());
        assertEquals(6, new GridWorld(List.of(
                "S#G",
                ".#.",
                "..."), false).shortestPathLength());
    }

    @Test
    void randomStartsAreFreeCellsThatReachTheGoal() {
        Set<List<Integer>> starts = new HashSet<>();
        for (int seed = 0; seed < 300; seed++) {
            GridWorld env = new GridWorld(GridWorld.DEFAULT_LAYOUT, true);
            env.reset(seed);
            starts.add(List.of(env.row(), env.col()));
            assertTrue(env.shortestPathLength(env.row(), env.col()) > 0);
        }
        assertEquals(22, starts.size(), "every free cell but the goal");
    }

    @Test
    void rejectsBadLayouts() {
        for (List<String> bad : List.of(
                List.<String>of(), List.of("S.G", ".."), List.of("S.G", "S.."), List.of("S..", "..."),
                List.of("S.x", "..G"), List.of("S#G"))) {
            assertThrows(IllegalArgumentException.class, () -> new GridWorld(bad, false), bad.toString());
        }
    }

    @Test
    void stepBeforeResetThrows() {
        assertThrows(IllegalStateException.class, () -> new GridWorld().step(DOWN));
    }

    private static float sum(float[] xs) {
        float s = 0;
        for (float x : xs) s += x;
        return s;
    }
}
