package dev.rlcode.core.wrapper;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.ResetResult;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.rng.Rng;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.space.Space;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizeObservationTest {

    /** Emits Gaussian observations with per-component mean {@code 3, -2, 0} and standard deviation {@code 5, 0.5, 0}. */
    static final class GaussianEnv implements Env<float[], Integer> {
        private Rng rng = Rng.of(0);
        final List<float[]> emitted = new ArrayList<>();

        @Override
        public Space<float[]> observationSpace() {
            return Box.of(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 3);
        }

        @Override
        public Space<Integer> actionSpace() {
            return new Discrete(1);
        }

        @Override
        public ResetResult<float[]> reset(long seed) {
            rng = Rng.of(seed);
            return new ResetResult<>(next());
        }

        @Override
        public ResetResult<float[]> reset() {
            return new ResetResult<>(next());
        }

        @Override
        public StepResult<float[]> step(Integer action) {
            return new StepResult<>(next(), 0, false, false);
        }

        private float[] next() {
            float[] x = {(float) (3 + 5 * rng.nextGaussian()), (float) (-2 + 0.5 * rng.nextGaussian()), 0f};
            emitted.add(x);
            return x;
        }
    }

    private static double[][] meanAndVariance(List<float[]> xs) {
        int d = xs.getFirst().length;
        double[] mean = new double[d], var = new double[d];
        for (float[] x : xs) for (int i = 0; i < d; i++) mean[i] += x[i] / (double) xs.size();
        for (float[] x : xs) for (int i = 0; i < d; i++) var[i] += (x[i] - mean[i]) * (x[i] - mean[i]) / xs.size();
        return new double[][] {mean, var};
    }

    @Test
    void runningStatisticsEqualTwoPassStatistics() {
        GaussianEnv inner = new GaussianEnv();
        var env = new NormalizeObservation<>(inner);
        env.reset(1);
        for (int t = 0; t < 999; t++) env.step(0);
        double[][] expected = meanAndVariance(inner.emitted);
        NormalizeObservation.State s = env.state();
        assertEquals(1000, s.count());
        assertArrayEquals(expected[0], s.mean(), 1e-9);
        assertArrayEquals(expected[1], s.variance(), 1e-9);
        assertEquals(3, s.mean()[0], 0.5);
        assertEquals(25, s.variance()[0], 3);
    }

    @Test
    void normalisesWithTheStatisticsIncludingTheCurrentObservation() {
        GaussianEnv inner = new GaussianEnv();
        var env = new NormalizeObservation<>(inner);
        assertArrayEquals(new float[3], env.reset(2).observation(), "the first observation is its own mean");
        float[] z = null;
        for (int t = 0; t < 50; t++) z = env.step(0).observation();
        double[][] stats = meanAndVariance(inner.emitted);
        float[] x = inner.emitted.getLast();
        for (int i = 0; i < 3; i++) {
            double expected = (x[i] - stats[0][i]) / Math.sqrt(stats[1][i] + NormalizeObservation.EPSILON);
            assertEquals(expected, z[i], 1e-5, "component " + i);
        }
        assertEquals(0f, z[2], "a constant component normalises to 0, not NaN");
    }

    @Test
    void clipsToTheBoundAndSaysSoInItsSpace() {
        var env = new NormalizeObservation<>(new GaussianEnv(), 0.5);
        assertEquals(Box.of(-0.5f, 0.5f, 3), env.observationSpace());
        env.reset(3);
        boolean clipped = false;
        for (int t = 0; t < 200; t++) {
            float[] z = env.step(0).observation();
            assertTrue(env.observationSpace().contains(z));
            clipped |= Math.abs(z[0]) == 0.5f;
        }
        assertTrue(clipped, "some observation was more than half a standard deviation out");
        assertThrows(IllegalArgumentException.class, () -> new NormalizeObservation<>(new GaussianEnv(), 0));
    }

    @Test
    void freezeStopsUpdatesAndUnfreezeResumes() {
        var env = new NormalizeObservation<>(new GaussianEnv());
        env.reset(4);
        for (int t = 0; t < 20; t++) env.step(0);
        NormalizeObservation.State before = env.state();
        env.freeze();
        assertFalse(env.updating());
        float[] z = env.step(0).observation();
        assertEquals(before.count(), env.state().count());
        assertArrayEquals(before.mean(), env.state().mean());
        assertArrayEquals(env.normalise(((GaussianEnv) env.unwrapped()).emitted.getLast()), z);
        env.unfreeze();
        env.step(0);
        assertEquals(before.count() + 1, env.state().count());
    }

    @Test
    void stateRoundTripsIntoAFreshWrapper() {
        var trained = new NormalizeObservation<>(new GaussianEnv());
        trained.reset(5);
        for (int t = 0; t < 100; t++) trained.step(0);
        var restored = new NormalizeObservation<>(new GaussianEnv());
        restored.setState(trained.state());
        float[] probe = {7f, -1f, 0f};
        assertArrayEquals(trained.normalise(probe), restored.normalise(probe));
        assertEquals(trained.state().count(), restored.state().count());

        var other = new NormalizeObservation<>(new TimeLimit<>(new dev.rlcode.core.testenv.WalkEnv(), 5));
        assertThrows(IllegalArgumentException.class, () -> other.setState(trained.state()));
        assertThrows(IllegalArgumentException.class,
                () -> new NormalizeObservation.State(1, new double[] {0}, new double[] {-1}));
    }
}
