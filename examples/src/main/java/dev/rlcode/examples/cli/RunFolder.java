package dev.rlcode.examples.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.checkpoint.Checkpoint;
import dev.rlcode.core.checkpoint.CheckpointException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an existing run folder for {@code eval} and {@code resume}, turning every problem into a
 * {@link CliException} that names the file. Nothing here writes.
 */
final class RunFolder {

    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d{1,18})");

    private RunFolder() {}

    /** {@return the run folder {@code dir}} @throws CliException if it is not a run folder (no config.json) */
    static RunDir open(Path dir) {
        if (!Files.isDirectory(dir)) throw new CliException("run " + dir + ": expected a run folder, actual no such directory");
        try {
            return RunDir.open(dir);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /** {@return the run's config.json as a config} @throws CliException naming config.json if it is unreadable or invalid */
    static DqnConfig config(RunDir run) {
        Map<String, Object> map;
        Path file = run.dir().resolve("config.json");
        try {
            map = run.readJson("config.json");
        } catch (IOException e) {
            if (e.getCause() instanceof JacksonException je) {
                JsonLocation at = je.getLocation();
                throw new CliException(file + ": not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                        + ", column " + at.getColumnNr()) + ": " + je.getOriginalMessage(), e);
            }
            throw new CliException(file + ": cannot read it (" + e.getMessage() + ")", e);
        }
        try {
            return ConfigOverrides.apply(DqnConfig.cartPole(), map);
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage(), e);
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
