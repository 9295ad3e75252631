package dev.rlcode.envs.classic;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.EnvChecker;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.wrapper.TimeLimit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Contract, spaces and start states of the three classic-control envs, with Gymnasium's values. */
class ClassicControlTest {

    static Stream<Arguments> envs() {
        return Stream.of(
                Arguments.of("CartPole-v1", (Supplier<ClassicControlEnv>) CartPole::new,
                        (Supplier<Env<float[], Integer>>) CartPole::make, 500,
                        new Box(new float[] {-4.8f, Float.NEGATIVE_INFINITY, -0.41887903f, Float.NEGATIVE_INFINITY},
                                new float[] {4.8f, Float.POSITIVE_INFINITY, 0.41887903f, Float.POSITIVE_INFINITY}), 2),
                Arguments.of("MountainCar-v0", (Supplier<ClassicControlEnv>) MountainCar::new,
                        (Supplier<Env<float[], Integer>>) MountainCar::make, 200,
                        new Box(new float[] {-1.2f, -0.07f}, new float[] {0.6f, 0.07f}), 3),
                Arguments.of("Acrobot-v1", (Supplier<ClassicControlEnv>) Acrobot::new,
                        (Supplier<Env<float[], Integer>>) Acrobot::make, 500,
                        new Box(new float[] {-1, -1, -1, -1, -12.566371f, -28.274334f},
                                new float[] {1, 1, 1, 1, 12.566371f, 28.274334f}), 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envs")
    void passesTheEnvChecker(String id, Supplier<ClassicControlEnv> raw, Supplier<Env<float[], Integer>> made) {
        EnvChecker.check(raw);
        EnvChecker.Report report = EnvChecker.check(made);
        assertEquals(EnvChecker.Status.PASS, report.status(EnvChecker.SEEDS_DIFFER), "start states are random");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envs")
    void hasGymnasiumsSpacesAndTimeLimit(String id, Supplier<ClassicControlEnv> raw,
                                         Supplier<Env<float[], Integer>> made, int maxSteps, Box box, int actions) {
        assertEquals(box, raw.get().observationSpace());
        assertEquals(new Discrete(actions), raw.get().actionSpace());
        Env<float[], Integer> env = made.get();
        assertEquals(maxSteps, assertInstanceOf(TimeLimit.class, env).maxEpisodeSteps());
        assertEquals(raw.get().getClass(), ((TimeLimit<float[], Integer>) env).unwrapped().getClass());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envs")
    void rejectsActionsOutsideTheSpaceAndStepsOutsideAnEpisode(String id, Supplier<ClassicControlEnv> raw) {
        ClassicControlEnv env = raw.get();
        assertThrows(IllegalStateException.class, () -> env.step(0));
        env.reset(1);
        assertThrows(IllegalArgumentException.class, () -> env.step(-1));
        assertThrows(IllegalArgumentException.class, () -> env.step(env.actionSpace() instanceof Discrete d ? d.n() : 9));
        assertThrows(IllegalArgumentException.class, () -> env.step(null));
        env.step(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envs")
    void resetWithTheSameSeedRepeatsAndDifferentSeedsDiffer(String id, Supplier<ClassicControlEnv> raw) {
        assertArrayEquals(raw.get().reset(7).observation(), raw.get().reset(7).observation());
        assertFalse(java.util.Arrays.equals(raw.get().reset(7).observation(), raw.get().reset(8).observation()));
        ClassicControlEnv env = raw.get();
        float[] first = env.reset().observation();
        assertArrayEquals(first, raw.get().reset(0).observation(), "a never-seeded env seeds itself with 0");
        assertFalse(java.util.Arrays.equals(first, env.reset().observation()), "reset() continues the stream");
    }
}
