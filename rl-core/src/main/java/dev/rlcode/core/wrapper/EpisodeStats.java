package dev.rlcode.core.wrapper;

/**
 * Figures of one finished episode, reported by {@link EpisodeStatistics} under the info key
 * {@link dev.rlcode.core.env.StepResult#EPISODE} (Gymnasium's {@code info["episode"] = {"r", "l", "t"}}).
 *
 * @param episodeReturn the undiscounted sum of the episode's rewards
 * @param length        the number of steps in the episode, at least 1
 * @param seconds       wall-clock seconds from the reset to the last step, at least 0
 */
public record EpisodeStats(double episodeReturn, int length, double seconds) {
    public EpisodeStats {
        if (length < 1) throw new IllegalArgumentException("episode length: expected >= 1, actual " + length);
        if (!(seconds >= 0)) throw new IllegalArgumentException("episode seconds: expected >= 0, actual " + seconds);
    }
}
