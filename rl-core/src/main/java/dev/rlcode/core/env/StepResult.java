package dev.rlcode.core.env;

import java.util.Map;
import java.util.Objects;

/**
 * What {@link Env#step(Object)} returns: Gymnasium's 5-tuple {@code (obs, reward, terminated, truncated, info)}.
 *
 * <p>{@code terminated}: the MDP reached a terminal state; the value of {@code observation} is 0 and TD targets
 * must not bootstrap from it. {@code truncated}: the episode was cut from outside (time limit); TD targets still
 * bootstrap from {@code observation}. Both may be true at once (a terminal state reached on the last allowed step).
 *
 * @param observation the next observation (for a vector env after autoreset see {@link #FINAL_OBSERVATION})
 * @param reward      the reward for this transition
 * @param terminated  whether a terminal state was reached
 * @param truncated   whether the episode was cut short (time limit or similar)
 * @param info        auxiliary diagnostics, never null (copied, unmodifiable)
 */
public record StepResult<O>(O observation, double reward, boolean terminated, boolean truncated,
                            Map<String, Object> info) {

    /** Info key under which a vector env keeps the last observation of an episode it auto-reset. */
    public static final String FINAL_OBSERVATION = "final_observation";
    /** Info key under which a vector env keeps the info of an episode it auto-reset. */
    public static final String FINAL_INFO = "final_info";
    /** Info key under which {@code EpisodeStatistics} reports a finished episode's {@code EpisodeStats}. */
    public static final String EPISODE = "episode";

    public StepResult {
        Objects.requireNonNull(observation, "observation");
        info = info == null ? Map.of() : Map.copyOf(info);
    }

    public StepResult(O observation, double reward, boolean terminated, boolean truncated) {
        this(observation, reward, terminated, truncated, Map.of());
    }

    /** {@return whether the episode ended, by termination or truncation} */
    public boolean done() {
        return terminated || truncated;
    }

    /** {@return a copy with {@code info} replaced} */
    public StepResult<O> withInfo(Map<String, Object> newInfo) {
        return new StepResult<>(observation, reward, terminated, truncated, newInfo);
    }
}
