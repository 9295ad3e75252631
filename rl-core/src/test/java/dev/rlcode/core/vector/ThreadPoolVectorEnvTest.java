package dev.rlcode.core.vector;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.rng.Rng;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.testenv.MaskedWalkEnv;
import dev.rlcode.core.wrapper.TimeLimit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThreadPoolVectorEnvTest {

    private static final Supplier<Env<float[], Integer>> FACTORY = () -> new TimeLimit<>(new MaskedWalkEnv(), 7);

    /** The same seeds and actions give bit-identical results on the pool and sequentially. */
    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 3, 8, 16})
    void equalsSyncVectorEnv(int threads) {
        int n = 11;
        try (VectorEnv sync = SyncVectorEnv.of(n, FACTORY);
             ThreadPoolVectorEnv pool = ThreadPoolVectorEnv.of(n, FACTORY, threads)) {
            assertEquals(Math.min(threads, n), pool.numThreads());
            assertTrue(Arrays.deepEquals(sync.reset(123).observations(), pool.reset(123).observations()));
            Rng rng = Rng.of(5);
            Discrete space = sync.singleActionSpace();
            int autoresets = 0;
            for (int t = 0; t < 400; t++) {
                boolean[][] masks = sync.actionMasks();
                assertTrue(Arrays.deepEquals(masks, pool.actionMasks()), "masks at step " + t);
                int[] actions = new int[n];
                for (int i = 0; i < n; i++) actions[i] = space.sample(rng, masks[i]);
                VectorStepResult a = sync.step(actions), b = pool.step(actions);
                String at = "step " + t;
                assertTrue(Arrays.deepEquals(a.observations(), b.observations()), at);
                assertArrayEquals(a.rewards(), b.rewards(), at);
                assertArrayEquals(a.terminated(), b.terminated(), at);
                assertArrayEquals(a.truncated(), b.truncated(), at);
                for (int i = 0; i < n; i++) {
                    assertSameInfo(a.infos().get(i), b.infos().get(i), at + ", env " + i);
                    if (a.done(i)) autoresets++;
                }
            }
            assertTrue(autoresets > 100, "autoresets: " + autoresets);
        }
    }

    private static void assertSameInfo(Map<String, Object> a, Map<String, Object> b, String at) {
        assertEquals(a.keySet(), b.keySet(), at);
        for (String k : a.keySet()) {
            assertTrue(Arrays.deepEquals(new Object[] {a.get(k)}, new Object[] {b.get(k)}), at + ", key " + k);
        }
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {0, -1})
    void rejectsNonPositiveThreadCount(int threads) {
        assertThrows(IllegalArgumentException.class, () -> new ThreadPoolVectorEnv(List.of(FACTORY.get()), threads));
    }
}
