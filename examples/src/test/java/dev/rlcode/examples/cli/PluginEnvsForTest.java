package dev.rlcode.examples.cli;

import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.ResetResult;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.space.Space;
import dev.rlcode.core.wrapper.TimeLimit;
import dev.rlcode.envs.EnvProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An env plug-in as a user would write one, found by {@link java.util.ServiceLoader} through this module's
 * {@code src/test/resources/META-INF/services/dev.rlcode.envs.EnvProvider}: {@code test/Corridor-v0}, and one env
 * without a time limit that the registry must refuse without losing the other.
 */
public final class PluginEnvsForTest implements EnvProvider {

    static final String ID = "test/Corridor-v0";
    static final String REFUSED = "test/Unlimited-v0";
    static final String NAN_REWARD = "test/NanCorridor-v0";

    @Override
    public Map<String, Supplier<Env<float[], Integer>>> envs() {
        Map<String, Supplier<Env<float[], Integer>>> envs = new LinkedHashMap<>();
        envs.put(ID, () -> new TimeLimit<>(new Corridor(), 20));
        envs.put(REFUSED, Corridor::new);
        envs.put(NAN_REWARD, () -> new TimeLimit<>(new Corridor(Double.NaN), 20)); // registers; EnvChecker fails it
        return envs;
    }

    /** Cells 0..4, start at 0, actions left and right, −1 a step, terminated on reaching cell 4. */
    static final class Corridor implements Env<float[], Integer> {
        private static final int LENGTH = 5;
        private final Box observations = Box.of(0f, 1f, LENGTH);
        private final Discrete actions = new Discrete(2);
        private final double stepReward;
        private int cell = -1;

        Corridor() {
            this(-1.0);
        }

        /** @param stepReward the reward of every step (a non-finite one makes a broken env for EnvChecker) */
        Corridor(double stepReward) {
            this.stepReward = stepReward;
        }

        @Override
        public Space<float[]> observationSpace() {
            return observations;
        }

        @Override
        public Space<Integer> actionSpace() {
            return actions;
        }

        @Override
        public ResetResult<float[]> reset(long seed) {
            return reset();
        }

        @Override
        public ResetResult<float[]> reset() {
            cell = 0;
            return new ResetResult<>(observation());
        }

        @Override
        public StepResult<float[]> step(Integer action) {
            if (cell < 0) {
                throw new IllegalStateException("step: expected a running episode (call reset first), actual none");
            }
            if (action == null || !actions.contains(action)) {
                throw new IllegalArgumentException("action: expected 0 or 1, actual " + action);
            }
            cell = Math.max(0, cell + (action == 1 ? 1 : -1));
            boolean end = cell == LENGTH - 1;
            StepResult<float[]> r = new StepResult<>(observation(), stepReward, end, false);
            if (end) {
                cell = -1;
            }
            return r;
        }

        private float[] observation() {
            float[] o = new float[LENGTH];
            o[cell < 0 ? LENGTH - 1 : cell] = 1f;
            return o;
        }
    }
}
