package dev.rlcode.core.vector;

import java.util.List;
import java.util.Map;

/**
 * What {@link VectorEnv#reset(long)} returns: one first observation and one info map per env.
 *
 * <p>The arrays are fresh for each call and owned by the caller; they are not copied.
 *
 * @param observations {@code [numEnvs][obsDim]}
 * @param infos        one unmodifiable info map per env (the list is copied)
 */
public record VectorResetResult(float[][] observations, List<Map<String, Object>> infos) {
    public VectorResetResult {
        if (observations.length != infos.size()) {
            throw new IllegalArgumentException("infos size: expected " + observations.length + " (numEnvs), actual "
                    + infos.size());
        }
        infos = List.copyOf(infos);
    }
}
