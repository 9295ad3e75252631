package dev.rlcode.examples.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnAgent;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.checkpoint.Checkpoint;
import dev.rlcode.core.checkpoint.CheckpointException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an existing run folder for {@code eval}, {@code eval-code} and {@code resume}, turning every problem into a
 * {@link CliException} that names the file. Nothing here writes.
 */
final class RunFolder {

    /** The most evaluation episodes one command runs (an offset plus a count must stay far inside the int range). */
    static final int MAX_EVAL_EPISODES = 10_000_000;

    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d{1,18})");

    private RunFolder() {}

    /** {@return the run folder {@code dir}} @throws CliException if it is not a run folder (no config.json) */
    static RunDir open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CliException("run " + dir + ": expected a run folder, actual "
                    + (Files.exists(dir) ? "a file" : "no such directory"));
        }
        try {
            return RunDir.open(dir);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /** {@return the run's config.json as a config} @throws CliException naming config.json if it is unreadable or invalid */
    static DqnConfig config(RunDir run) {
        Map<String, Object> map = readJson(run, "config.json");
        // keys that fix the env, the network and the episode seeds: a preset's value would silently be another run
        List<String> missing = REQUIRED_KEYS.stream().filter(k -> !map.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw new CliException(run.dir().resolve("config.json") + ": expected the keys " + REQUIRED_KEYS
                    + " (train writes every key), actual no " + missing);
        }
        return apply(run, DqnConfig.cartPole(), map);
    }

    /** The config keys a run's config.json must hold for {@code eval} and {@code resume}. */
    static final List<String> REQUIRED_KEYS = List.of("envId", "seed", "hidden", "dueling", "totalTimesteps",
            "evalEpisodes");

    /**
     * {@return the run's config.json applied over {@code preset}}
     *
     * @throws CliException naming config.json if it is unreadable or invalid
     */
    static DqnConfig config(RunDir run, DqnConfig preset) {
        return apply(run, preset, readJson(run, "config.json"));
    }

    private static DqnConfig apply(RunDir run, DqnConfig preset, Map<String, Object> map) {
        try {
            return ConfigOverrides.apply(preset, map);
        } catch (IllegalArgumentException e) {
            throw new CliException(run.dir().resolve("config.json") + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@return the JSON object in the run folder's file {@code name}}
     *
     * @throws CliException naming the file, and the line and column for malformed JSON, if it cannot be read
     */
    static Map<String, Object> readJson(RunDir run, String name) {
        Path file = run.dir().resolve(name);
        try {
            return run.readJson(name);
        } catch (IOException e) {
            if (e.getCause() instanceof JacksonException je) {
                JsonLocation at = je.getLocation();
                throw new CliException(file + ": not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                        + ", column " + at.getColumnNr()) + ": " + je.getOriginalMessage(), e);
            }
            throw new CliException(file + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }

    /**
     * {@return field {@code key} of a run's settings file {@code file}, a whole number >= 1, or {@code absent} when
     * the field is missing (runs written before it existed)}
     *
     * @throws CliException naming the run, the file and the field, for any other value
     */
    static int countSetting(RunDir run, String file, Map<String, Object> settings, String key, int absent) {
        Object v = settings.get(key);
        if (v == null && !settings.containsKey(key)) return absent;
        if ((v instanceof Integer || v instanceof Long) && ((Number) v).longValue() >= 1
                && ((Number) v).longValue() <= Integer.MAX_VALUE) {
            return ((Number) v).intValue();
        }
        throw new CliException("run " + run.dir() + ": " + file + " field " + key + ": expected a whole number >= 1, "
                + "actual " + (v instanceof String str ? "\"" + str + "\"" : v));
    }

    /**
     * What {@code eval-code} replays of a code agent's run: its DQN config, its newest checkpoint, and the number of
     * final-evaluation seeds its summary.json already used on the test split (0 for the train split, whose seeds
     * training never uses either).
     */
    record Replay(DqnConfig dqn, Checkpoint checkpoint, int seedOffset) {

        /** {@return the run's replay settings over the level's {@code preset}} @throws CliException naming the file */
        static Replay of(RunDir run, DqnConfig preset, String split) {
            DqnConfig dqn = config(run, preset);
            Checkpoint ckpt = newestCheckpoint(run).orElseThrow(() -> new CliException("run " + run.dir()
                    + ": expected a checkpoint in " + run.checkpoints() + ", actual none"));
            int offset = 0;
            if (split.equals("test") && Files.isRegularFile(run.dir().resolve("summary.json"))) {
                // the fresh seeds start after those the summary used: a value that is not such a count would
                // silently replay them (or fail later), so it is refused naming the file
                Object n = readJson(run, "summary.json").get("episodes");
                if (!((n instanceof Integer || n instanceof Long) && ((Number) n).longValue() >= 0
                        && ((Number) n).longValue() <= MAX_EVAL_EPISODES)) {
                    throw new CliException("run " + run.dir() + ": summary.json field episodes: expected a whole "
                            + "number in [0, " + MAX_EVAL_EPISODES + "] (the held-out episodes it used), actual "
                            + (n instanceof String str ? "\"" + str + "\"" : n));
                }
                offset = ((Number) n).intValue();
            }
            return new Replay(dqn, ckpt, offset);
        }

        /**
         * Loads the parameters the run evaluated (see {@link DqnAgent#loadEvaluatedParams}) into {@code agent}.
         *
         * @return {@code "best"} or {@code "final"}
         * @throws CliException naming the checkpoint if it lacks them or they do not fit the config
         */
        String load(DqnAgent agent) {
            return loadEvaluated(agent, checkpoint);
        }
    }

    /**
     * Loads the parameters the run evaluated (see {@link DqnAgent#loadEvaluatedParams}) from {@code ckpt}.
     *
     * @return {@code "best"} or {@code "final"}
     * @throws CliException naming the checkpoint if it lacks them or they do not fit the agent's network
     */
    static String loadEvaluated(DqnAgent agent, Checkpoint ckpt) {
        try {
            return agent.loadEvaluatedParams(ckpt);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /**
     * {@return the run's newest checkpoint, read and verified; empty if it has none}
     *
     * <p>Unlike {@link Checkpoint#latest}, which skips a damaged checkpoint and falls back to an older one, a damaged
     * newest checkpoint is an error here: evaluating or resuming from an older one without being asked would
     * silently lose training.
     *
     * @throws CliException naming the checkpoint and its faulty file if the newest one does not verify
     */
    static Optional<Checkpoint> newestCheckpoint(RunDir run) {
        Optional<Path> newest = newestCheckpointDir(run);
        if (newest.isEmpty()) return Optional.empty();
        try {
            return Optional.of(Checkpoint.read(newest.get()));
        } catch (CheckpointException e) {
            throw new CliException(e.getMessage() + " (the newest checkpoint of the run is damaged; nothing was "
                    + "changed. To use the previous checkpoint, move " + newest.get() + " out of the run folder)", e);
        }
    }

    /** {@return the directory of the run's newest checkpoint by its step number, without reading it} */
    static Optional<Path> newestCheckpointDir(RunDir run) {
        Path dir = run.checkpoints();
        if (!Files.isDirectory(dir)) return Optional.empty();
        Path newest = null;
        long newestStep = -1;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path p : ds) {
                Matcher m = STEP_DIR.matcher(p.getFileName().toString());
                if (m.matches() && Long.parseLong(m.group(1)) > newestStep) {
                    newestStep = Long.parseLong(m.group(1));
                    newest = p;
                }
            }
        } catch (IOException e) {
            throw new CliException("run " + run.dir() + ": cannot list " + dir + " (" + e + ")", e);
        }
        return Optional.ofNullable(newest);
    }
}
