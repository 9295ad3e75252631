package dev.rlcode.core.vector;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.ResetResult;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.rng.Rng;
import dev.rlcode.core.testenv.MaskedWalkEnv;
import dev.rlcode.core.testenv.WalkEnv;
import dev.rlcode.core.wrapper.TimeLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Behaviour every {@link VectorEnv} shares, run for each implementation. */
class VectorEnvTest {

    static Stream<Arguments> kinds() {
        BiFunction<List<Env<float[], Integer>>, Integer, VectorEnv> sync = (envs, threads) -> new SyncVectorEnv(envs);
        BiFunction<List<Env<float[], Integer>>, Integer, VectorEnv> pool = ThreadPoolVectorEnv::new;
        return Stream.of(Arguments.of("sync", sync), Arguments.of("threadpool", pool));
    }

    private static List<Env<float[], Integer>> make(int n, Supplier<Env<float[], Integer>> factory) {
        List<Env<float[], Integer>> envs = new ArrayList<>();
        for (int i = 0; i < n; i++) envs.add(factory.get());
        return envs;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void resetSeedsEnvIWithSeedPlusI(String kind, BiFunction<List<Env<float[], Integer>>, Integer, VectorEnv> ctor) {
        try (VectorEnv envs = ctor.apply(make(6, WalkEnv::new), 3)) {
            VectorResetResult r = envs.reset(100);
            for (int i = 0; i < 6; i++) {
                ResetResult<float[]> single = new WalkEnv().reset(100 + i);
                assertArrayEquals(single.observation(), r.observations()[i], "env " + i);
                assertEquals(single.info(), r.infos().get(i));
            }
        }
    }

    /** A first reset without a seed is reset(0), so the envs do not all start on their default seed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void firstUnseededResetGivesEachEnvItsOwnSeed(String kind,
                                                  BiFunction<List<Env<float[], Integer>>, Integer, VectorEnv> ctor) {
        try (VectorEnv unseeded = ctor.apply(make(4, WalkEnv::new), 2);
             VectorEnv seeded = ctor.apply(make(4, WalkEnv::new), 2)) {
            float[][] first = unseeded.reset().observations();
            float[][] zero = seeded.reset(0).observations();
            for (int i = 0; i < 4; i++) assertArrayEquals(zero[i], first[i], "env " + i);
            assertTrue(java.util.Arrays.stream(first).map(java.util.Arrays::toString).distinct().count() > 1,
                    "the envs do not all start alike: " + java.util.Arrays.deepToString(first));
            // later unseeded resets continue each env's stream, as the seeded vector env's do
            float[][] next = unseeded.reset().observations(), seededNext = seeded.reset().observations();
            for (int i = 0; i < 4; i++) assertArrayEquals(seededNext[i], next[i], "env " + i);
        }
    }

    /** The vector env equals independent single envs driven by the same actions, autoreset included. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void equalsIndependentEnvsWithSameStepAutoreset(String kind,
                                                    BiFunction<List<Env<float[], Integer>>, Integer, VectorEnv> ctor) {
        int n = 5;
        Supplier<Env<float[], Integer>> factory = () -> new TimeLimit<>(new WalkEnv(), 6);
        List<Env<float[], Integer>> singles = make(n, factory);
        Rng actionRng = Rng.of(9);
        int terminations = 0, truncations = 0;
        try (VectorEnv envs = ctor.apply(make(n, factory), 2)) {
            envs.reset(7);
            for (int i = 0; i < n; i++) singles.get(i).reset(7 + i);
            for (int t = 0; t < 300; t++) {
                int[] actions = new int[n];
                for (int i = 0; i < n; i++) actions[i] = actionRng.nextInt(3);
                VectorStepResult v = envs.step(actions);
                for (int i = 0; i < n; i++) {
                    StepResult<float[]> s = singles.get(i).step(actions[i]);
                    String at = "step " + t + ", env " + i;
                    assertEquals(s.reward(), v.rewards()[i], at);
                    assertEquals(s.terminated(), v.terminated()[i], at);
                    assertEquals(s.truncated(), v.truncated()[i], at);
                    if (!s.done()) {
                        assertArrayEquals(s.observation(), v.observations()[i], at);
                        assertEquals(s.info(), v.infos().get(i), at);
                        assertTrue(v.finalObservation(i).isEmpty(), at);
                        continue;
                    }
                    terminations += s.terminated() ? 1 : 0;
                    truncations += s.truncated() && !s.terminated() ? 1 : 0;
                    ResetResult<float[]> next = singles.get(i).reset();
                    assertArrayEquals(next.observation(), v.observations()[i], at + ": the new episode's first obs");
                    assertArrayEquals(s.observation(), v.finalObservation(i).orElseThrow(), at + ": final obs");
                    assertEquals(s.info(), v.finalInfo(i).orElseThrow(), at + ": final info");
                    assertEquals(next.info().get("cell"), v.infos().get(i).get("cell"), at + ": reset info");
                }
            }
        }
        assertTrue(terminations > 20 && truncations > 20, terminations + " terminated, " + truncations + " truncated");
    }

    private static boolean anyTrue(boolean[] b) {
        for (boolean x : b) if (x) return true;
        return false;
    }

    private static int[] legal(VectorEnv envs, Rng rng) {
        boolean[][] masks = envs.actionMasks();
        int[] actions = new int[masks.length];
        for (int i = 0; i < masks.length; i++) actions[i] = envs.singleActionSpace().sample(rng, masks[i]);
        return actions;
    }

    static Stream<Arguments> nextStepKinds() {
        BiFunction<List<Env<float[], Integer>>, Integer, VectorEnv> sync =
                (envs, threads) -> new SyncVectorEnv(envs, VectorEnv.AutoresetMode.NEXT_STEP);
        BiFunction<List<Env<float[], Integer>>, Integer, VectorEnv> pool =
                (envs, threads) -> new ThreadPoolVectorEnv(envs, threads, VectorEnv.AutoresetMode.NEXT_STEP);
        return Stream.of(Arguments.of("sync", sync), Arguments.of("threadpool", pool));
    }

    /**
     * Gymnasium 1.x's next-step autoreset: the ending step returns the true last observation; the env's next step
     * resets it, ignores its action and returns the first observation with reward 0 and no flags.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nextStepKinds")
    void nextStepAutoresetEqualsIndependentEnvsResetOneStepLater(String kind,
            BiFunction<List<Env<float[], Integer>>, Integer, VectorEnv> ctor) {
        int n = 4;
        Supplier<Env<float[], Integer>> factory = () -> new TimeLimit<>(new MaskedWalkEnv(), 6);
        List<Env<float[], Integer>> singles = make(n, factory);
        boolean[] ended = new boolean[n];
        Rng actionRng = Rng.of(4);
        int resets = 0;
        try (VectorEnv envs = ctor.apply(make(n, factory), 2)) {
            assertEquals(VectorEnv.AutoresetMode.NEXT_STEP, envs.autoresetMode());
            envs.reset(3);
            for (int i = 0; i < n; i++) singles.get(i).reset(3 + i);
            for (int t = 0; t < 300; t++) {
                boolean[][] masks = envs.actionMasks();
                int[] actions = new int[n];
                for (int i = 0; i < n; i++) {
                    if (ended[i]) {
                        assertArrayEquals(new boolean[] {true, true, true}, masks[i], "any action: it is ignored");
                        actions[i] = 2; // illegal in every MaskedWalkEnv state, and ignored
                    } else {
                        assertArrayEquals(dev.rlcode.core.wrapper.Wrapper.findActionMasked(singles.get(i))
                                .orElseThrow().actionMask(), masks[i], "step " + t);
                        actions[i] = envs.singleActionSpace().sample(actionRng, masks[i]);
                    }
                }
                VectorStepResult v = envs.step(actions);
                for (int i = 0; i < n; i++) {
                    String at = "step " + t + ", env " + i;
                    if (ended[i]) {
                        ResetResult<float[]> next = singles.get(i).reset();
                        assertArrayEquals(next.observation(), v.observations()[i], at + ": first obs");
                        assertEquals(next.info(), v.infos().get(i), at + ": reset info");
                        assertEquals(0.0, v.rewards()[i], at);
                        assertFalse(v.terminated()[i] || v.truncated()[i], at);
                        ended[i] = false;
                        resets++;
                        continue;
                    }
                    StepResult<float[]> s = singles.get(i).step(actions[i]);
                    assertArrayEquals(s.observation(), v.observations()[i], at);
                    assertEquals(s.reward(), v.rewards()[i], at);
                    assertEquals(s.terminated(), v.terminated()[i], at);
                    assertEquals(s.truncated(), v.truncated()[i], at);
                    if (s.done()) { // plus the last state's mask, which actionMasks() no longer gives
                        Map<String, Object> info = new java.util.HashMap<>(v.infos().get(i));
                        assertArrayEquals(dev.rlcode.core.wrapper.Wrapper.findActionMasked(singles.get(i))
                                .orElseThrow().actionMask(), (boolean[]) info.remove(VectorEnv.FINAL_ACTION_MASK), at);
                        assertEquals(s.info(), info, at + ": the last step's own info");
                    } else {
                        assertEquals(s.info(), v.infos().get(i), at + ": the last step's own info");
                    }
                    assertTrue(v.finalObservation(i).isEmpty(), at);
                    ended[i] = s.done();
                }
            }
            assertTrue(resets > 30, resets + " resets");
            // a reset of the vector env clears the pending resets: every env steps again
            while (!anyTrue(ended)) {
                VectorStepResult v = envs.step(legal(envs, actionRng));
                for (int i = 0; i < n; i++) ended[i] = v.terminated()[i] || v.truncated()[i];
            }
            envs.reset(5);
            VectorStepResult after = envs.step(legal(envs, actionRng));
            for (int i = 0; i < n; i++) assertNotEquals(0.0, after.rewards()[i], "env " + i + " stepped");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void truncationKeepsTheTrueLastObservationForBootstrapping(String kind,
                                                              BiFunction<List<Env<float[], Integer>>, Integer, VectorEnv> ctor) {
        // From cell 1 without slip, right, right, right reaches cell 4 at the limit of 3 steps.
        try (VectorEnv envs = ctor.apply(make(2, () -> new TimeLimit<>(new WalkEnv(10, 0, false), 3)), 2)) {
            envs.reset(0);
            envs.step(new int[] {1, 1});
            envs.step(new int[] {1, 1});
            VectorStepResult r = envs.step(new int[] {1, 1});
            for (int i = 0; i < 2; i++) {
                assertTrue(r.truncated()[i]);
                assertFalse(r.terminated()[i]);
                assertEquals(-0.01, r.rewards()[i]);
                assertArrayEquals(new float[] {0.4f, 0f}, r.finalObservation(i).orElseThrow());
                assertArrayEquals(new float[] {0.1f, 1f}, r.observations()[i], "already the next episode");
                assertEquals(Map.of("cell", 4), r.finalInfo(i).orElseThrow());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void masksAreBatchedAndKeptForTheFinalState(String kind,
                                                BiFunction<List<Env<float[], Integer>>, Integer, VectorEnv> ctor) {
        List<Env<float[], Integer>> inner = make(3, () -> new MaskedWalkEnv(10, 0, false));
        List<Env<float[], Integer>> limited = inner.stream()
                .<Env<float[], Integer>>map(e -> new TimeLimit<>(e, 1)).toList();
        try (VectorEnv envs = ctor.apply(limited, 2)) {
            assertTrue(envs.isMasked());
            envs.reset(0);                                         // cell 1: jump illegal
            assertArrayEquals(new boolean[][] {{true, true, false}, {true, true, false}, {true, true, false}},
                    envs.actionMasks());
            VectorStepResult r = envs.step(new int[] {1, 0, 1});   // cells 2, 0 (terminal), 2; all end by the limit
            assertArrayEquals(new boolean[] {true, true, true}, (boolean[]) r.infos().get(0)
                    .get(VectorEnv.FINAL_ACTION_MASK), "the mask of cell 2, where the truncated episode stopped");
            assertArrayEquals(new boolean[] {true, true, false}, envs.actionMasks()[0], "the new episode's mask");
        }
        try (VectorEnv plain = ctor.apply(make(2, WalkEnv::new), 2)) {
            assertFalse(plain.isMasked());
            assertThrows(IllegalStateException.class, plain::actionMasks);
        }
        // next-step autoreset: actionMasks() allows everything for the pending reset, so the last state's mask
        // comes in the info of the step that ended the episode, under the same key
        List<Env<float[], Integer>> next = make(2, () -> new MaskedWalkEnv(10, 0, false)).stream()
                .<Env<float[], Integer>>map(e -> new TimeLimit<>(e, 2)).toList();
        try (VectorEnv envs = kind.equals("sync") ? new SyncVectorEnv(next, VectorEnv.AutoresetMode.NEXT_STEP)
                : new ThreadPoolVectorEnv(next, 2, VectorEnv.AutoresetMode.NEXT_STEP)) {
            envs.reset(0);                                         // cell 1
            envs.step(new int[] {1, 1});                           // cell 2
            VectorStepResult r = envs.step(new int[] {1, 1});      // cell 3 (jump illegal), cut by the limit
            for (int i = 0; i < 2; i++) {
                assertTrue(r.truncated()[i]);
                assertArrayEquals(new boolean[] {true, true, false}, (boolean[]) r.infos().get(i)
                        .get(VectorEnv.FINAL_ACTION_MASK), "the mask of cell 3");
                assertArrayEquals(new boolean[] {true, true, true}, envs.actionMasks()[i], "pending reset: any");
            }
            assertTrue(r.finalObservation(0).isEmpty(), "the observation is the last one itself");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void rejectsBadActionsBeforeAnyEnvMoves(String kind,
                                            BiFunction<List<Env<float[], Integer>>, Integer, VectorEnv> ctor) {
        List<Env<float[], Integer>> inner = make(3, () -> new MaskedWalkEnv(10, 0, false));
        try (VectorEnv envs = ctor.apply(inner, 3)) {
            envs.reset(0);
            assertThrows(IllegalArgumentException.class, () -> envs.step(new int[] {1, 1}));
            assertThrows(IllegalArgumentException.class, () -> envs.step(new int[] {1, 3, 1}));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> envs.step(new int[] {1, 1, 2}));              // jump from cell 1 is masked out
            assertTrue(e.getMessage().contains("env 2"), e.getMessage());
            for (Env<float[], Integer> env : inner) assertEquals(1, ((WalkEnv) env).cell(), "no env moved");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void enforcesResetAndClose(String kind, BiFunction<List<Env<float[], Integer>>, Integer, VectorEnv> ctor) {
        int[] closed = new int[1];
        List<Env<float[], Integer>> inner = make(2, () -> new WalkEnv() {
            @Override
            public void close() {
                closed[0]++;
            }
        });
        VectorEnv envs = ctor.apply(inner, 2);
        assertThrows(IllegalStateException.class, () -> envs.step(new int[] {0, 0}));
        envs.reset(0);
        envs.close();
        envs.close();
        assertEquals(2, closed[0], "each env closed once");
        assertThrows(IllegalStateException.class, () -> envs.reset(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void rejectsEnvsThatDisagree(String kind, BiFunction<List<Env<float[], Integer>>, Integer, VectorEnv> ctor) {
        assertThrows(IllegalArgumentException.class, () -> ctor.apply(List.of(), 1));
        assertThrows(IllegalArgumentException.class,
                () -> ctor.apply(List.of(new WalkEnv(), new MaskedWalkEnv()), 1));
        Env<float[], Integer> wider = new WalkEnv() {
            @Override
            public dev.rlcode.core.space.Space<Integer> actionSpace() {
                return new dev.rlcode.core.space.Discrete(4);
            }
        };
        assertThrows(IllegalArgumentException.class, () -> ctor.apply(List.of(new WalkEnv(), wider), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void rethrowsAnEnvsExceptionUnchanged(String kind, BiFunction<List<Env<float[], Integer>>, Integer, VectorEnv> ctor) {
        Env<float[], Integer> failing = new WalkEnv() {
            @Override
            public StepResult<float[]> step(Integer action) {
                throw new ArithmeticException("env failure");
            }
        };
        try (VectorEnv envs = ctor.apply(List.of(new WalkEnv(), failing, new WalkEnv()), 3)) {
            envs.reset(0);
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> envs.step(new int[] {1, 1, 1}));
            assertEquals("env failure", e.getMessage());
        }
    }
}
