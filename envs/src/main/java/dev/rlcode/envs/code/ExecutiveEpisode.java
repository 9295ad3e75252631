package dev.rlcode.envs.code;

import dev.rlcode.envs.code.task.CodeTask;
import java.util.Objects;
import java.util.Optional;

/**
 * One episode of an {@link ExecutiveEnv} fixed in advance: the task, the reset seed (which seeds the code model, so
 * every policy gets the same first answer, and the same later answers for the same sequence of calls) and, in
 * evaluation mode, the code to start from.
 *
 * @param task      the task
 * @param seed      the reset seed
 * @param startCode the code to start from (evaluation mode: GENERATE is masked out), or empty
 */
public record ExecutiveEpisode(CodeTask task, long seed, Optional<String> startCode) {

    /** @throws NullPointerException if a component is null */
    public ExecutiveEpisode {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(startCode, "startCode");
    }

    /** {@return an episode that starts without code} */
    public static ExecutiveEpisode of(CodeTask task, long seed) {
        return new ExecutiveEpisode(task, seed, Optional.empty());
    }

    /** {@return an evaluation-mode episode that starts from {@code code}} */
    public static ExecutiveEpisode fromCode(CodeTask task, long seed, String code) {
        return new ExecutiveEpisode(task, seed, Optional.of(code));
    }
}
