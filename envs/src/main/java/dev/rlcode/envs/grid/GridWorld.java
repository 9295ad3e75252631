package dev.rlcode.envs.grid;

import dev.rlcode.core.env.ActionMasked;
import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.ResetResult;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.rng.Rng;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.space.Space;
import dev.rlcode.core.wrapper.TimeLimit;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A maze on a grid with walls, whose illegal moves are masked out: the small env for testing masked DQN.
 *
 * <h2>Description</h2>
 * The agent walks from a start cell to a goal cell through a maze given as strings, one per row: {@code '#'} a
 * wall, {@code '.'} free, {@code 'S'} the start and {@code 'G'} the goal (exactly one each). The area outside the
 * strings counts as wall. {@link #DEFAULT_LAYOUT} is a 6x6 maze whose shortest path takes 10 moves.
 *
 * <h2>Action Space</h2>
 * {@code Discrete(4)}: 0 = up, 1 = right, 2 = down, 3 = left. A move into a wall or off the grid is illegal.
 * The action mask ({@link #actionMask()}) is a {@code boolean[4]}, {@code true} = legal. Every cell that can reach
 * the goal has a legal move, so the mask is never all false in a non-terminal state (the constructor refuses
 * layouts where the start cannot reach the goal). Stepping an illegal action throws
 * {@link IllegalArgumentException}.
 *
 * <h2>Observation Space</h2>
 * {@code float[rows * cols]}, a {@code Box} in {@code [0, 1]}: the one-hot encoding of the agent's cell,
 * index {@code row * cols + col}.
 *
 * <h2>Rewards</h2>
 * -1 for each move that does not reach the goal, 0 for the move that does. An episode following a shortest path
 * of {@code L} moves returns {@code -(L - 1)}.
 *
 * <h2>Starting State</h2>
 * The {@code 'S'} cell; with {@code randomStart}, a uniformly random free cell, other than the goal, from which
 * the goal can be reached.
 *
 * <h2>Episode End</h2>
 * <ol>
 * <li>Termination: the agent reaches the goal.
 * <li>Truncation: {@value #MAX_EPISODE_STEPS} steps; this class itself never truncates, {@link #make()} adds a
 *     {@link TimeLimit}.
 * </ol>
 *
 * <h2>Arguments</h2>
 * {@code layout} (the maze), {@code randomStart} (default false). {@link #shortestPathLength(int, int)} gives the
 * length of the shortest path by breadth-first search, for tests that check what an agent learned.
 *
 * <h2>Version History</h2>
 * <ul>
 * <li>v0: initial version.
 * </ul>
 *
 * {@snippet :
 * Env<float[], Integer> env = GridWorld.make();
 * env.reset(0);
 * boolean[] legal = Wrapper.actionMask(env);   // through the TimeLimit
 * }
 */
public final class GridWorld implements Env<float[], Integer>, ActionMasked {

    /** The episode length at which {@link #make()} truncates. */
    public static final int MAX_EPISODE_STEPS = 100;

    /** A 6x6 maze; the shortest path from S to G takes 10 moves. */
    public static final List<String> DEFAULT_LAYOUT = List.of(
            "S..#..",
            ".#.#.#",
            ".#...#",
            ".####.",
            "......",
            "##.#.G");

    private static final int[] DROW = {-1, 0, 1, 0};
    private static final int[] DCOL = {0, 1, 0, -1};

    private final int rows, cols;
    private final boolean[] wall;
    private final int start, goal;
    private final int[] distanceToGoal; // moves to the goal by BFS, -1 if unreachable or a wall
    private final int[] startCells;     // cells a random start may pick
    private final boolean randomStart;
    private final Box observationSpace;
    private final Discrete actionSpace = new Discrete(4);
    private Rng rng;
    private int cell;
    private boolean running;

    /** The default maze with the fixed start. */
    public GridWorld() {
        this(DEFAULT_LAYOUT, false);
    }

    /**
     * A maze from {@code layout}.
     *
     * @param layout      one string per row, all the same length, of {@code '#', '.', 'S', 'G'}
     * @param randomStart whether episodes start on a random free cell instead of {@code 'S'}
     * @throws IllegalArgumentException if the layout is empty or ragged, has another character, not exactly one
     *                                  S and one G, or no path from S to G
     */
    public GridWorld(List<String> layout, boolean randomStart) {
        if (layout.isEmpty() || layout.getFirst().isEmpty()) {
            throw new IllegalArgumentException("layout: expected at least one non-empty row, actual " + layout);
        }
        this.rows = layout.size();
        this.cols = layout.getFirst().length();
        this.wall = new boolean[rows * cols];
        int s = -1, g = -1;
        for (int r = 0; r < rows; r++) {
            String row = layout.get(r);
            if (row.length() != cols) {
                throw new IllegalArgumentException("layout row " + r + " length: expected " + cols + ", actual "
                        + row.length());
            }
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                switch (row.charAt(c)) {
                    case '#' -> wall[i] = true;
                    case '.' -> { }
                    case 'S' -> s = once(s, i, 'S');
                    case 'G' -> g = once(g, i, 'G');
                    default -> throw new IllegalArgumentException("layout cell (" + r + ", " + c + "): expected one of "
                            + "'#', '.', 'S', 'G', actual '" + row.charAt(c) + "'");
                }
            }
        }
        if (s < 0 || g < 0) {
            throw new IllegalArgumentException("layout: expected exactly one 'S' and one 'G', actual "
                    + (s < 0 ? "no 'S'" : "no 'G'"));
        }
        this.start = s;
        this.goal = g;
        this.distanceToGoal = bfs(g);
        if (distanceToGoal[s] < 0) throw new IllegalArgumentException("layout: expected a path from S to G, actual none");
        this.startCells = IntStream.range(0, rows * cols)
                .filter(i -> distanceToGoal[i] > 0).toArray();   // excludes the goal (0) and walls (-1)
        this.randomStart = randomStart;
        this.observationSpace = Box.of(0f, 1f, rows * cols);
    }

    private static int once(int previous, int index, char what) {
        if (previous >= 0) throw new IllegalArgumentException("layout: expected one '" + what + "', actual several");
        return index;
    }

    /** {@return the default maze truncated at {@value #MAX_EPISODE_STEPS} steps} */
    public static Env<float[], Integer> make() {
        return new TimeLimit<>(new GridWorld(), MAX_EPISODE_STEPS);
    }

    /** Distances from {@code from} to every cell; moves are reversible, so also distances to {@code from}. */
    private int[] bfs(int from) {
        int[] dist = new int[rows * cols];
        Arrays.fill(dist, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        dist[from] = 0;
        queue.add(from);
        while (!queue.isEmpty()) {
            int i = queue.poll();
            for (int a = 0; a < 4; a++) {
                int j = neighbour(i, a);
                if (j >= 0 && dist[j] < 0) {
                    dist[j] = dist[i] + 1;
                    queue.add(j);
                }
            }
        }
        return dist;
    }

    /** {@return the cell reached from {@code i} by move {@code a}, or -1 if that is a wall or off the grid} */
    private int neighbour(int i, int a) {
        int r = i / cols + DROW[a], c = i % cols + DCOL[a];
        if (r < 0 || r >= rows || c < 0 || c >= cols || wall[r * cols + c]) return -1;
        return r * cols + c;
    }

    @Override
    public Space<float[]> observationSpace() {
        return observationSpace;
    }

    @Override
    public Space<Integer> actionSpace() {
        return actionSpace;
    }

    @Override
    public ResetResult<float[]> reset(long seed) {
        rng = Rng.of(seed);
        return begin();
    }

    @Override
    public ResetResult<float[]> reset() {
        if (rng == null) rng = Rng.of(0);
        return begin();
    }

    private ResetResult<float[]> begin() {
        cell = randomStart ? startCells[rng.nextInt(startCells.length)] : start;
        running = true;
        return new ResetResult<>(observation(), info());
    }

    /**
     * Moves the agent.
     *
     * @throws IllegalArgumentException if {@code action} is not in {@code 0..3}, or the move is masked out
     * @throws IllegalStateException    if the env was never reset or the goal was reached
     */
    @Override
    public StepResult<float[]> step(Integer action) {
        if (action == null || !actionSpace.contains(action)) {
            throw new IllegalArgumentException("action: expected an element of " + actionSpace + ", actual " + action);
        }
        if (!running) throw new IllegalStateException("step: expected a running episode, actual none (call reset)");
        int next = neighbour(cell, action);
        if (next < 0) {
            throw new IllegalArgumentException("action: expected a legal move, actual " + action + " from ("
                    + row() + ", " + col() + ") into a wall or off the grid (mask " + Arrays.toString(actionMask()) + ")");
        }
        cell = next;
        boolean atGoal = cell == goal;
        running = !atGoal;
        return new StepResult<>(observation(), atGoal ? 0.0 : -1.0, atGoal, false, info());
    }

    /** {@return the legal moves from the current cell, {@code boolean[4]}, true = legal (up, right, down, left)} */
    @Override
    public boolean[] actionMask() {
        boolean[] mask = new boolean[4];
        for (int a = 0; a < 4; a++) mask[a] = neighbour(cell, a) >= 0;
        return mask;
    }

    private float[] observation() {
        float[] obs = new float[rows * cols];
        obs[cell] = 1f;
        return obs;
    }

    private Map<String, Object> info() {
        return Map.of("row", row(), "col", col());
    }

    /**
     * {@return the number of moves on a shortest path from {@code (row, col)} to the goal}
     *
     * @throws IndexOutOfBoundsException if the cell is off the grid
     * @throws IllegalArgumentException  if the cell is a wall or cannot reach the goal
     */
    public int shortestPathLength(int row, int col) {
        int i = Objects.checkIndex(row, rows) * cols + Objects.checkIndex(col, cols);
        if (distanceToGoal[i] < 0) {
            throw new IllegalArgumentException("cell (" + row + ", " + col + "): expected a free cell that reaches the "
                    + "goal, actual " + (wall[i] ? "a wall" : "no path"));
        }
        return distanceToGoal[i];
    }

    /** {@return the number of moves on a shortest path from the {@code 'S'} cell to the goal} */
    public int shortestPathLength() {
        return distanceToGoal[start];
    }

    /** {@return the agent's row} */
    public int row() {
        return cell / cols;
    }

    /** {@return the agent's column} */
    public int col() {
        return cell % cols;
    }

    /** {@return the number of rows} */
    public int rows() {
        return rows;
    }

    /** {@return the number of columns} */
    public int cols() {
        return cols;
    }

    @Override
    public String toString() {
        return "GridWorld(" + rows + "x" + cols + ")";
    }
}
