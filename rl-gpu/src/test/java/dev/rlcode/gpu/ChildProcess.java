package dev.rlcode.gpu;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command for a test, with its output (stdout and stderr together) going to a file so that the time limit
 * holds even when the child hangs with its output open; a child past the limit is killed and the test fails.
 */
public final class ChildProcess {

    /** What the child did. @param exit its exit code @param output stdout and stderr together */
    public record Result(int exit, String output) {}

    private ChildProcess() {
    }

    /**
     * {@return the child's exit code and output}
     *
     * @throws AssertionError if it runs past {@code limit} (it is killed first)
     */
    public static Result run(List<String> command, Map<String, String> env, Duration limit)
            throws IOException, InterruptedException {
        File log = File.createTempFile("rlcode-child", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log));
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                throw new AssertionError("did not end within " + limit + ": " + command + "\n"
                        + Files.readString(log.toPath(), StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log.toPath());
        }
    }
}
