package dev.rlcode.examples;

import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.dqn.DqnTrainer;
import dev.rlcode.agents.dqn.EpisodeSeeds;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.core.wrapper.TimeLimit;
import dev.rlcode.envs.grid.GridWorld;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DQN with action masking on GridWorld-v0, a 6x6 maze whose moves into walls are illegal, with the preset
 * {@link DqnConfig#gridWorld()} ({@code masking=true}, Double DQN).
 *
 * <p>Masks are used in three places: exploration draws uniformly among legal moves, the greedy action is the
 * argmax over legal moves only, and the replay buffer stores the next state's mask so that the Double-DQN target
 * {@code r + γ·Q_target(s', argmax_{a' legal} Q_online(s', a'))} never bootstraps from an illegal move. An illegal
 * move given to the env is an error, never a silent no-op, so a run that ends has taken none.
 *
 * <p>After training, the greedy policy walks the maze once and the path is drawn, next to the shortest path's
 * length.
 *
 * {@snippet lang=shell :
 * ./mvnw -q -DskipTests package
 * java --add-modules jdk.incubator.vector -cp examples/target/rlcode.jar dev.rlcode.examples.MaskedDqnGridWorld
 * }
 */
public final class MaskedDqnGridWorld {

    private static final String[] MOVES = {"up", "right", "down", "left"};

    private MaskedDqnGridWorld() {}

    public static void main(String[] args) throws IOException {
        // Config: the GridWorld preset, then --key=value overrides.
        Map<String, String> flags = parseFlags(args);
        String out = flags.remove("out");
        DqnConfig cfg;
        try {
            cfg = ConfigOverrides.apply(DqnConfig.gridWorld(), flags);
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return;
        }
        if (!cfg.envId().equals("GridWorld-v0")) usage("envId: expected GridWorld-v0, actual " + cfg.envId());
        if (!cfg.masking()) {
            usage("masking: expected true: the maze's step refuses an illegal move (wrap it in IllegalActionNoOp to "
                    + "train without masks)");
        }
        Path dir = out != null ? Path.of(out) : Path.of("runs", "MaskedDqnGridWorld-seed" + cfg.seed() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunDir run;
        try {
            run = RunDir.create(dir); // refuses a non-empty folder or a path below a file
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return;
        }
        run.writeJson("config.json", ConfigOverrides.toMap(cfg));
        System.out.println("|param|value|\n|-|-|");
        ConfigOverrides.toMap(cfg).forEach((k, v) -> System.out.println("|" + k + "|" + v + "|"));

        DqnTrainer.Listener log = new DqnTrainer.Listener() {
            @Override
            public void onProgress(DqnTrainer.Progress p) {
                System.out.printf(Locale.ROOT, "global_step=%d, episodes=%d, last_return=%.1f, epsilon=%.3f%n",
                        p.step(), p.episodes(), p.lastReturn(), p.epsilon());
            }
        };

        try (Backend backend = CpuBackend.auto()) {
            // The env as the registry makes it: the maze inside a 100-step TimeLimit. The trainer finds the
            // maze's masks through the wrapper.
            DqnTrainer trainer = new DqnTrainer(cfg, GridWorld::make, backend, run, log);
            Map<String, Object> summary = trainer.train();
            System.out.printf(Locale.ROOT, "eval: mean return %.1f +/- %.1f over %d episodes (a shortest path "
                            + "returns %d)%n", (Double) summary.get("eval_mean_return"),
                    (Double) summary.get("eval_std_return"), (Integer) summary.get("eval_episodes"),
                    -(new GridWorld().shortestPathLength() - 1));

            // One greedy episode, drawn: the agent picks the best legal move by its Q-values, and the env's mask
            // says which moves are legal.
            GridWorld maze = new GridWorld();
            try (TimeLimit<float[], Integer> env = new TimeLimit<>(maze, GridWorld.MAX_EPISODE_STEPS)) {
                float[] obs = env.reset(EpisodeSeeds.finalEval(cfg.seed(), 1)[0]).observation();
                List<int[]> path = new ArrayList<>(List.of(new int[] {maze.row(), maze.col()}));
                List<String> moves = new ArrayList<>();
                StepResult<float[]> r;
                do {
                    int action = trainer.agent().greedy(obs, maze.actionMask());
                    moves.add(MOVES[action]);
                    r = env.step(action);
                    path.add(new int[] {maze.row(), maze.col()});
                    obs = r.observation();
                } while (!r.done());
                System.out.println(r.terminated()
                        ? "greedy episode: reached the goal in " + moves.size() + " moves (shortest path: "
                                + maze.shortestPathLength() + "): " + String.join(" ", moves)
                        : "greedy episode: did not reach the goal in " + moves.size() + " moves (shortest path: "
                                + maze.shortestPathLength() + ")");
                System.out.print(draw(path));
            }
            System.out.println("run folder: " + dir);
        }
    }

    /** {@return the maze with the visited cells marked '*'} */
    private static String draw(List<int[]> path) {
        List<StringBuilder> rows = new ArrayList<>();
        for (String row : GridWorld.DEFAULT_LAYOUT) rows.add(new StringBuilder(row));
        for (int[] cell : path) {
            char c = rows.get(cell[0]).charAt(cell[1]);
            if (c == '.') rows.get(cell[0]).setCharAt(cell[1], '*');
        }
        StringBuilder sb = new StringBuilder();
        for (StringBuilder row : rows) sb.append("  ").append(row).append('\n');
        return sb.toString();
    }

    /** Parses {@code --key=value} arguments; {@code --help} prints the keys and their defaults. */
    private static Map<String, String> parseFlags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) usage(null);
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 3) usage("expected --key=value, actual '" + a + "'");
            flags.put(a.substring(2, eq), a.substring(eq + 1));
        }
        return flags;
    }

    private static void usage(String error) {
        if (error != null) System.err.println("error: " + error);
        System.err.println("usage: MaskedDqnGridWorld [--key=value]... [--out=DIR]   keys and defaults:");
        ConfigOverrides.toMap(DqnConfig.gridWorld()).forEach((k, v) -> System.err.println("  --" + k + "=" + v));
        System.exit(error == null ? 0 : 2);
    }
}
