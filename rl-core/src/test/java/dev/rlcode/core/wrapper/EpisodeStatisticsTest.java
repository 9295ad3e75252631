package dev.rlcode.core.wrapper;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.rng.Rng;
import dev.rlcode.core.testenv.WalkEnv;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpisodeStatisticsTest {

    @Test
    void reportsReturnAndLengthOnTheLastStepOnly() {
        WalkEnv walk = new WalkEnv();
        var env = new EpisodeStatistics<>(new TimeLimit<>(walk, 8));
        Rng actions = Rng.of(1);
        env.reset(3);
        List<EpisodeStats> seen = new ArrayList<>();
        double sum = 0;
        int len = 0;
        for (int t = 0; t < 200; t++) {
            StepResult<float[]> r = env.step(actions.nextInt(3));
            sum += r.reward();
            len++;
            Object stats = r.info().get(StepResult.EPISODE);
            assertEquals(r.done(), stats != null, "step " + t);
            assertEquals(walk.cell(), r.info().get("cell"), "the inner info is kept");
            if (r.done()) {
                EpisodeStats s = (EpisodeStats) stats;
                assertEquals(sum, s.episodeReturn(), 1e-12);
                assertEquals(len, s.length());
                assertTrue(s.seconds() >= 0);
                seen.add(s);
                sum = 0;
                len = 0;
                env.reset();
            }
        }
        assertTrue(seen.size() > 10, "episodes: " + seen.size());
        assertTrue(seen.stream().anyMatch(s -> s.length() == 8), "a truncated episode is reported too");
        assertEquals(seen.size(), env.episodeCount());
        assertEquals(seen.subList(Math.max(0, seen.size() - 100), seen.size()), env.recentEpisodes());
    }

    @Test
    void keepsOnlyTheLastBufferLengthEpisodes() {
        var env = new EpisodeStatistics<>(new WalkEnv(10, 0, false), 2);
        for (int e = 1; e <= 3; e++) {
            env.reset(0);
            for (int k = 0; k < e; k++) env.step(1);    // e steps right from cell 1, then e + 1 steps left to 0
            while (!env.step(0).done()) { }
        }
        assertEquals(3, env.episodeCount());
        List<EpisodeStats> recent = env.recentEpisodes();
        assertEquals(2, recent.size());
        assertEquals(List.of(5, 7), recent.stream().map(EpisodeStats::length).toList());
    }

    @Test
    void statsValidateTheirFields() {
        assertThrows(IllegalArgumentException.class, () -> new EpisodeStats(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new EpisodeStats(1, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new EpisodeStatistics<>(new WalkEnv(), 0));
    }
}
