package dev.rlcode.core.env;

import java.util.Map;
import java.util.Objects;

/**
 * What {@link Env#reset(long)} returns: the first observation and an info map (Gymnasium's {@code (obs, info)}).
 *
 * @param observation the initial observation
 * @param info        auxiliary diagnostics, never null (copied, unmodifiable)
 */
public record ResetResult<O>(O observation, Map<String, Object> info) {
    public ResetResult {
        Objects.requireNonNull(observation, "observation");
        info = info == null ? Map.of() : Map.copyOf(info);
    }

    public ResetResult(O observation) {
        this(observation, Map.of());
    }
}
