package dev.rlcode.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.rng.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReinforceCartPoleTest {

    @TempDir
    Path tmp;

    @Test
    void logitGradientMatchesFiniteDifferencesOfTheLoss() {
        int t = 5, n = 3;
        Rng rng = Rng.of(7);
        float[] logits = new float[t * n];
        for (int i = 0; i < logits.length; i++) logits[i] = (float) (rng.nextDouble() * 4 - 2);
        int[] actions = {0, 2, 1, 1, 2};
        double[] advantages = {1.3, -0.4, 0.0, -1.7, 0.8};
        float[] grad = ReinforceCartPole.logitGradient(logits, actions, advantages, t, n);
        float h = 1e-2f;
        for (int i = 0; i < logits.length; i++) {
            float[] plus = logits.clone(), minus = logits.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (ReinforceCartPole.loss(plus, actions, advantages, t, n)
                    - ReinforceCartPole.loss(minus, actions, advantages, t, n)) / (2.0 * h);
            assertEquals(numeric, grad[i], 1e-4, "logit " + i);
        }
    }

    @Test
    void learnsCartPoleAndTheSameSeedGivesTheSameRun() throws Exception {
        ReinforceCartPole.Config cfg = ReinforceCartPole.Config.defaults().with("seed", "1");
        Map<String, Object> a = ReinforceCartPole.train(cfg, RunDir.create(tmp.resolve("a")));
        // a uniformly random policy scores about 22; 195 is CartPole-v0's old "solved" bar
        assertTrue((double) a.get("eval_mean_return") >= 195, a.toString());
        assertEquals(600, Files.readAllLines(tmp.resolve("a/metrics.jsonl")).size());
        assertTrue(Files.exists(tmp.resolve("a/config.json")));

        ReinforceCartPole.Config shorter = cfg.with("episodes", "50");
        ReinforceCartPole.train(shorter, RunDir.create(tmp.resolve("b")));
        ReinforceCartPole.train(shorter, RunDir.create(tmp.resolve("c")));
        List<String> b = Files.readAllLines(tmp.resolve("b/metrics.jsonl"));
        assertEquals(b, Files.readAllLines(tmp.resolve("c/metrics.jsonl")));
    }

    @Test
    void badSettingsNameTheKey() {
        ReinforceCartPole.Config d = ReinforceCartPole.Config.defaults();
        for (String[] kv : List.of(new String[] {"gamma", "1.5"}, new String[] {"episodes", "0"},
                new String[] {"learningRate", "fast"}, new String[] {"nope", "1"})) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> d.with(kv[0], kv[1]));
            assertTrue(e.getMessage().contains(kv[0]), e.getMessage());
        }
    }
}
