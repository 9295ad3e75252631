package dev.rlcode.envs;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.EnvChecker;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.vector.SyncVectorEnv;
import dev.rlcode.core.vector.VectorEnv;
import dev.rlcode.core.wrapper.Wrapper;
import dev.rlcode.envs.classic.CartPole;
import dev.rlcode.envs.grid.GridWorld;
import dev.rlcode.core.wrapper.EpisodeStatistics;
import dev.rlcode.core.wrapper.TimeLimit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvRegistryTest {

    @Test
    void listsTheBuiltInEnvsWithSpacesAndLimits() {
        // the built-ins come first; other test classes may have registered more after them
        assertEquals(List.of("CartPole-v1", "MountainCar-v0", "Acrobot-v1", "GridWorld-v0"),
                EnvRegistry.ids().subList(0, 4));
        EnvSpec cartPole = EnvRegistry.spec("CartPole-v1");
        assertEquals(new CartPole().observationSpace(), cartPole.observationSpace());
        assertEquals(new Discrete(2), cartPole.actionSpace());
        assertEquals(500, cartPole.maxEpisodeSteps());
        assertFalse(cartPole.masked());
        assertEquals(200, EnvRegistry.spec("MountainCar-v0").maxEpisodeSteps());
        assertEquals(new Discrete(3), EnvRegistry.spec("Acrobot-v1").actionSpace());
        EnvSpec grid = EnvRegistry.spec("GridWorld-v0");
        assertTrue(grid.masked());
        assertEquals(Box.of(0f, 1f, 36), grid.observationSpace());
        assertEquals(GridWorld.MAX_EPISODE_STEPS, grid.maxEpisodeSteps());
        assertEquals("CartPole-v1      obs Box(4)    actions Discrete(2)  max 500 steps", cartPole.summary());
        assertTrue(grid.summary().endsWith("masked"), grid.summary());
    }

    @ParameterizedTest
    @ValueSource(strings = {"CartPole-v1", "MountainCar-v0", "Acrobot-v1", "GridWorld-v0"})
    void everyRegisteredEnvPassesTheCheckerAndTruncatesAtItsLimit(String id) {
        EnvChecker.check(() -> EnvRegistry.make(id));
        EnvSpec spec = EnvRegistry.spec(id);
        try (Env<float[], Integer> a = EnvRegistry.make(id); Env<float[], Integer> b = EnvRegistry.make(id)) {
            assertNotSame(a, b, "a fresh env each time");
            a.reset(0);
            // Cycle through the legal actions until the episode ends, by termination or by the time limit.
            int steps = 0;
            StepResult<float[]> r;
            do {
                boolean[] mask = spec.masked() ? Wrapper.actionMask(a) : null;
                int action = steps % spec.actionSpace().n();
                while (mask != null && !mask[action]) action = (action + 1) % mask.length;
                r = a.step(action);
                steps++;
            } while (!r.done());
            if (!r.terminated()) {
                assertEquals(spec.maxEpisodeSteps(), steps, id);
                assertTrue(r.truncated());
            } else {
                assertTrue(steps <= spec.maxEpisodeSteps());
            }
        }
    }

    @Test
    void unknownIdListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnvRegistry.make("Pong-v5"));
        assertTrue(e.getMessage().contains("Pong-v5"), e.getMessage());
        for (String id : EnvRegistry.ids()) assertTrue(e.getMessage().contains(id), e.getMessage());
    }

    @Test
    void registeredEnvsVectoriseWithMasksThroughTheirTimeLimit() {
        try (VectorEnv envs = SyncVectorEnv.of(3, () -> EnvRegistry.make("GridWorld-v0"))) {
            assertTrue(envs.isMasked());
            envs.reset(0);
            assertArrayEquals(new boolean[] {false, true, true, false}, envs.actionMasks()[2]);
        }
    }

    @Test
    void registerAddsAnEnvThatMakeFindsWithItsOwnLimit() {
        EnvRegistry.register("test/ShortCartPole-v0", () -> new TimeLimit<>(new CartPole(), 50));
        EnvSpec spec = EnvRegistry.spec("test/ShortCartPole-v0");
        assertEquals(50, spec.maxEpisodeSteps());
        assertEquals(new Discrete(2), spec.actionSpace());
        assertFalse(spec.masked());
        assertTrue(EnvRegistry.ids().contains("test/ShortCartPole-v0"));
        EnvChecker.check(() -> EnvRegistry.make("test/ShortCartPole-v0"));
        // a masked env behind other wrappers: the limit and the mask are found through the chain
        EnvRegistry.register("test/StatsGrid-v2",
                () -> new EpisodeStatistics<>(new TimeLimit<>(new GridWorld(), 30)));
        assertEquals(30, EnvRegistry.spec("test/StatsGrid-v2").maxEpisodeSteps());
        assertTrue(EnvRegistry.spec("test/StatsGrid-v2").masked());
    }

    @Test
    void registerRefusesBadIdsAndFactoriesNamingTheProblem() {
        Supplier<Env<float[], Integer>> ok = () -> new TimeLimit<>(new CartPole(), 10);
        assertMessage("env id: expected [namespace/]name[-vN]", () -> EnvRegistry.register("bad id!", ok));
        assertMessage("env id: expected [namespace/]name[-vN]", () -> EnvRegistry.register("", ok));
        assertMessage("\"CartPole-v1\" (already registered)", () -> EnvRegistry.register("CartPole-v1", ok));
        assertMessage("env \"test/Throws-v0\": its factory failed: java.lang.IllegalStateException: no display",
                () -> EnvRegistry.register("test/Throws-v0", () -> {
                    throw new IllegalStateException("no display");
                }));
        assertMessage("env \"test/Null-v0\": expected the factory to make an env, actual null",
                () -> EnvRegistry.register("test/Null-v0", () -> null));
        assertMessage("env \"test/NoLimit-v0\": expected an env wrapped in a TimeLimit",
                () -> EnvRegistry.register("test/NoLimit-v0", CartPole::new));
        for (String id : List.of("test/Throws-v0", "test/Null-v0", "test/NoLimit-v0")) {
            assertFalse(EnvRegistry.ids().contains(id), id);
        }
    }

    @Test
    void providersRegisterTheirEnvsAndABrokenOneIsSkippedWithItsReason() {
        EnvProvider good = () -> Map.of("test/Provided-v0", () -> new TimeLimit<>(new CartPole(), 20));
        EnvProvider throwing = () -> {
            throw new IllegalStateException("missing data file");
        };
        Map<String, Supplier<Env<float[], Integer>>> mixed = new LinkedHashMap<>();
        mixed.put("test/NoLimitProvided-v0", CartPole::new);
        mixed.put("test/AlsoProvided-v1", () -> new TimeLimit<>(new CartPole(), 30));
        EnvProvider partlyBad = () -> mixed;
        // a ServiceLoader iterator that meets a provider it cannot instantiate, then goes on
        Iterable<EnvProvider> loader = () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < 4;
            }

            @Override
            public EnvProvider next() {
                return switch (next++) {
                    case 0 -> good;
                    case 1 -> throw new ServiceConfigurationError("com.example.Missing: Provider not found");
                    case 2 -> throwing;
                    default -> partlyBad;
                };
            }
        };
        int failuresBefore = EnvRegistry.providerFailures().size();
        EnvRegistry.registerProviders(loader);
        assertEquals(20, EnvRegistry.spec("test/Provided-v0").maxEpisodeSteps());
        assertEquals(30, EnvRegistry.spec("test/AlsoProvided-v1").maxEpisodeSteps());
        List<String> failures = EnvRegistry.providerFailures();
        assertEquals(failuresBefore + 3, failures.size(), failures.toString());
        List<String> ours = failures.subList(failuresBefore, failures.size());
        assertTrue(ours.get(0).contains("com.example.Missing: Provider not found"), ours.get(0));
        assertTrue(ours.get(1).contains("envs() failed: java.lang.IllegalStateException: missing data file"),
                ours.get(1));
        assertTrue(ours.get(2).contains("\"test/NoLimitProvided-v0\": expected an env wrapped in a TimeLimit"),
                ours.get(2));
        // an unknown id names what the providers could not register
        assertMessage("missing data file", () -> EnvRegistry.spec("test/Gone-v0"));
    }

    @Test
    void aProviderSearchStuckOnOneErrorEnds() {
        Iterable<EnvProvider> stuck = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw new ServiceConfigurationError("META-INF/services/dev.rlcode.envs.EnvProvider:1: Illegal syntax");
            }

            @Override
            public EnvProvider next() {
                throw new AssertionError("never reached");
            }
        };
        int failuresBefore = EnvRegistry.providerFailures().size();
        EnvRegistry.registerProviders(stuck);
        List<String> failures = EnvRegistry.providerFailures();
        assertEquals(failuresBefore + 1, failures.size(), failures.toString());
        assertTrue(failures.getLast().contains("Illegal syntax"), failures.getLast());
    }

    private static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
    }
}
