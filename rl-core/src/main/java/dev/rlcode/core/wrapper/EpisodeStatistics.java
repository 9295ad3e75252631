package dev.rlcode.core.wrapper;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.ResetResult;
import dev.rlcode.core.env.StepResult;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds an {@link EpisodeStats} (return, length, seconds) under the info key {@link StepResult#EPISODE} on the step
 * that ends each episode (Gymnasium's {@code RecordEpisodeStatistics}), and keeps the last few episodes' figures.
 *
 * <p>Place it outside any {@link TimeLimit} so that truncated episodes are reported too. Under a vector env with
 * same-step autoreset the stats arrive inside {@link StepResult#FINAL_INFO}.
 *
 * {@snippet :
 * var env = new EpisodeStatistics<>(CartPole.make());
 * // ... on the last step of an episode:
 * EpisodeStats stats = (EpisodeStats) step.info().get(StepResult.EPISODE);
 * }
 *
 * @param <O> observation type
 * @param <A> action type
 */
public final class EpisodeStatistics<O, A> extends Wrapper<O, A> {

    /** How many finished episodes {@link #recentEpisodes()} keeps by default (Gymnasium's {@code buffer_length}). */
    public static final int DEFAULT_BUFFER_LENGTH = 100;

    private final int bufferLength;
    private final ArrayDeque<EpisodeStats> recent = new ArrayDeque<>();
    private double episodeReturn;
    private int episodeLength;
    private long startNanos;
    private long episodeCount;

    /** Wraps {@code env}, keeping the last {@value #DEFAULT_BUFFER_LENGTH} episodes. @param env not null */
    public EpisodeStatistics(Env<O, A> env) {
        this(env, DEFAULT_BUFFER_LENGTH);
    }

    /**
     * Wraps {@code env}.
     *
     * @param env          the env to wrap, not null
     * @param bufferLength how many finished episodes to keep for {@link #recentEpisodes()}, at least 1
     * @throws IllegalArgumentException if {@code bufferLength < 1}
     */
    public EpisodeStatistics(Env<O, A> env, int bufferLength) {
        super(env);
        if (bufferLength < 1) throw new IllegalArgumentException("bufferLength: expected >= 1, actual " + bufferLength);
        this.bufferLength = bufferLength;
    }

    @Override
    public ResetResult<O> reset(long seed) {
        ResetResult<O> r = env.reset(seed);
        startEpisode();
        return r;
    }

    @Override
    public ResetResult<O> reset() {
        ResetResult<O> r = env.reset();
        startEpisode();
        return r;
    }

    private void startEpisode() {
        episodeReturn = 0;
        episodeLength = 0;
        startNanos = System.nanoTime();
    }

    @Override
    public StepResult<O> step(A action) {
        StepResult<O> r = env.step(action);
        episodeReturn += r.reward();
        episodeLength++;
        if (!r.done()) return r;
        EpisodeStats stats = new EpisodeStats(episodeReturn, episodeLength, (System.nanoTime() - startNanos) / 1e9);
        if (recent.size() == bufferLength) recent.removeFirst();
        recent.addLast(stats);
        episodeCount++;
        Map<String, Object> info = new HashMap<>(r.info());
        info.put(StepResult.EPISODE, stats);
        return r.withInfo(info);
    }

    /** {@return the figures of the last finished episodes, oldest first, at most the buffer length} */
    public List<EpisodeStats> recentEpisodes() {
        return List.copyOf(recent);
    }

    /** {@return the number of episodes finished since this wrapper was created} */
    public long episodeCount() {
        return episodeCount;
    }
}
