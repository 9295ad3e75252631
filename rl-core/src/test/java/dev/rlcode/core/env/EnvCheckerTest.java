package dev.rlcode.core.env;

import static dev.rlcode.core.env.EnvChecker.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.rng.Rng;
import dev.rlcode.core.testenv.MaskedWalkEnv;
import dev.rlcode.core.testenv.WalkEnv;
import dev.rlcode.core.wrapper.TimeLimit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnvCheckerTest {

    /** One deliberate contract violation each, and the checks that must catch it. */
    enum Fault {
        RESET_OUT_OF_SPACE(RESET_OBSERVATION_IN_SPACE, NEVER_SEEDED_RESET),
        STEP_BEFORE_RESET_ALLOWED(STEP_BEFORE_RESET_THROWS),
        RESET_IGNORES_SEED(RESET_DETERMINISM, ROLLOUT_DETERMINISM, RESEED_DETERMINISM, NEVER_SEEDED_RESET),
        STEP_IGNORES_SEED(ROLLOUT_DETERMINISM, RESEED_DETERMINISM),
        RESEED_KEEPS_REWARD_NOISE(RESEED_DETERMINISM),
        STEP_OUT_OF_SPACE(STEP_OBSERVATION_IN_SPACE),
        REWARD_NAN(REWARD_FINITE),
        STEP_AFTER_DONE_ALLOWED(STEP_AFTER_DONE_THROWS),
        OUT_OF_SPACE_ACCEPTED(OUT_OF_SPACE_ACTION_THROWS),
        MASK_WRONG_LENGTH(MASK_LENGTH),
        MASK_ALL_FALSE(MASK_HAS_LEGAL_ACTION),
        ILLEGAL_ACTION_ACCEPTED(ILLEGAL_ACTION_THROWS),
        CLOSE_TWICE_THROWS(CLOSE_TWICE),
        UNSEEDED_RESET_RESTARTS(UNSEEDED_RESETS_DIFFER, NEVER_SEEDED_RESET),
        OBSERVATION_ARRAY_REUSED(OBSERVATIONS_NOT_REUSED),
        OBSERVATION_BUFFERS_ALTERNATE(OBSERVATIONS_NOT_REUSED),
        RESET_OBSERVATION_REFILLED(OBSERVATIONS_NOT_REUSED),
        UNSEEDED_RESET_OUT_OF_SPACE(RESET_OBSERVATION_IN_SPACE, NEVER_SEEDED_RESET),
        NEVER_SEEDED_FROM_CLOCK(NEVER_SEEDED_RESET),
        MASK_ARRAY_SHARED(MASK_NOT_REUSED),
        BELOW_SPACE_ACCEPTED(OUT_OF_SPACE_ACTION_THROWS);

        final Set<String> caughtBy;

        Fault(String... caughtBy) {
            this.caughtBy = Set.of(caughtBy);
        }
    }

    /** Shared across instances on purpose: the source of the seed-ignoring faults' randomness. */
    private static final AtomicLong GLOBAL = new AtomicLong();
    private static final Rng GLOBAL_RNG = Rng.of(1);

    /** A {@link MaskedWalkEnv} with one fault. */
    static final class FaultyEnv extends MaskedWalkEnv {
        private final Fault fault;
        private final float[] shared = new float[2];
        private final float[][] pingPong = new float[2][2];
        private int flip;
        private final float[] resetBuffer = new float[2];
        /** seeded once, in the constructor: a reset(seed) does not restart it */
        private final Rng noise = Rng.of(99);
        private final boolean[] sharedMask = new boolean[3];
        private boolean closed;

        FaultyEnv(Fault fault) {
            this.fault = fault;
        }

        @Override
        public ResetResult<float[]> reset(long seed) {
            if (fault == Fault.RESET_IGNORES_SEED) seed = GLOBAL.incrementAndGet();
            ResetResult<float[]> r = super.reset(seed);
            if (fault == Fault.RESET_OBSERVATION_REFILLED) return refilled(r); // steps return new arrays
            return fault == Fault.RESET_OUT_OF_SPACE ? new ResetResult<>(new float[] {2f, 0f}) : r;
        }

        @Override
        public ResetResult<float[]> reset() {
            if (fault == Fault.RESET_OBSERVATION_REFILLED) return refilled(super.reset());
            if (fault == Fault.NEVER_SEEDED_FROM_CLOCK && rng == null) rng = Rng.of(System.nanoTime());
            if (fault == Fault.UNSEEDED_RESET_OUT_OF_SPACE) { // in space at first, then past the box's top
                ResetResult<float[]> r = super.reset();
                return new ResetResult<>(new float[] {r.observation()[0] + 5f, r.observation()[1]}, r.info());
            }
            return fault == Fault.UNSEEDED_RESET_RESTARTS ? reset(7) : super.reset();
        }

        private ResetResult<float[]> refilled(ResetResult<float[]> r) {
            System.arraycopy(r.observation(), 0, resetBuffer, 0, resetBuffer.length);
            return new ResetResult<>(resetBuffer, r.info());
        }

        @Override
        public StepResult<float[]> step(Integer action) {
            if (fault == Fault.STEP_BEFORE_RESET_ALLOWED && !started) reset(0);
            if (fault == Fault.OUT_OF_SPACE_ACCEPTED) action = Math.clamp(action, 0, 2);
            if (fault == Fault.BELOW_SPACE_ACCEPTED && action != null && action < 0) action = 0;
            StepResult<float[]> r = super.step(action);
            if (fault == Fault.STEP_AFTER_DONE_ALLOWED) running = true;
            return switch (fault) {
                case STEP_OUT_OF_SPACE -> new StepResult<>(new float[] {-1f, 0f}, r.reward(), r.terminated(), false);
                case REWARD_NAN -> new StepResult<>(r.observation(), Double.NaN, r.terminated(), false);
                case STEP_IGNORES_SEED -> new StepResult<>(r.observation(), r.reward() + 0.001 * GLOBAL_RNG.nextInt(2),
                        r.terminated(), false);
                case RESEED_KEEPS_REWARD_NOISE -> new StepResult<>(r.observation(), r.reward() + 0.001 * noise.nextInt(2),
                        r.terminated(), false);
                case OBSERVATION_BUFFERS_ALTERNATE -> { // never the array just returned, but the one before it
                    float[] buffer = pingPong[flip ^= 1];
                    System.arraycopy(r.observation(), 0, buffer, 0, buffer.length);
                    yield new StepResult<>(buffer, r.reward(), r.terminated(), r.truncated());
                }
                case OBSERVATION_ARRAY_REUSED -> {
                    System.arraycopy(r.observation(), 0, shared, 0, shared.length);
                    yield new StepResult<>(shared, r.reward(), r.terminated(), r.truncated());
                }
                default -> r;
            };
        }

        @Override
        public boolean[] actionMask() {
            boolean[] mask = super.actionMask();
            return switch (fault) {
                case MASK_WRONG_LENGTH -> new boolean[] {true, true, mask[2], false};
                case MASK_ALL_FALSE -> cell == 3 ? new boolean[3] : mask;
                case MASK_ARRAY_SHARED -> {
                    System.arraycopy(mask, 0, sharedMask, 0, 3);
                    yield sharedMask;
                }
                default -> mask;
            };
        }

        @Override
        protected void checkLegal(int action) {
            if (fault != Fault.ILLEGAL_ACTION_ACCEPTED) super.checkLegal(action);
        }

        @Override
        public void close() {
            if (closed && fault == Fault.CLOSE_TWICE_THROWS) throw new IllegalStateException("already closed");
            closed = true;
        }
    }

    private static Set<String> failed(Report report) {
        return report.withStatus(Status.FAIL).stream().map(Result::name).collect(Collectors.toSet());
    }

    @Test
    void aCorrectMaskedEnvPassesEveryCheck() {
        Report report = EnvChecker.check(MaskedWalkEnv::new);
        assertTrue(report.passed());
        assertEquals(18, report.results().size());
        assertEquals(report.results(), report.withStatus(Status.PASS), report.toString());
    }

    @Test
    void aCorrectUnmaskedEnvPassesAndSkipsTheMaskChecks() {
        Report report = EnvChecker.check(() -> new TimeLimit<>(new WalkEnv(), 50));
        for (String mask : new String[] {MASK_LENGTH, MASK_HAS_LEGAL_ACTION, MASK_NOT_REUSED, ILLEGAL_ACTION_THROWS}) {
            assertEquals(Status.SKIP, report.status(mask), mask);
        }
        assertEquals(14, report.withStatus(Status.PASS).size(), report.toString());
    }

    @Test
    void masksAreCheckedThroughWrappers() {
        Report report = EnvChecker.run(() -> new TimeLimit<>(new FaultyEnv(Fault.MASK_ALL_FALSE), 50),
                Options.defaults());
        assertEquals(Set.of(MASK_HAS_LEGAL_ACTION), failed(report), report.toString());
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void eachFaultIsCaughtByItsCheck(Fault fault) {
        Report report = EnvChecker.run(() -> new FaultyEnv(fault), Options.defaults());
        assertEquals(fault.caughtBy, failed(report), report.toString());
        AssertionError e = assertThrows(AssertionError.class, () -> EnvChecker.check(() -> new FaultyEnv(fault)));
        for (String check : fault.caughtBy) assertTrue(e.getMessage().contains("FAIL " + check), e.getMessage());
    }

    @Test
    void aDeterministicEnvOnlyWarnsThatSeedsMakeNoDifference() {
        Report report = EnvChecker.check(() -> new MaskedWalkEnv(10, 0, false));
        assertEquals(Status.WARN, report.status(SEEDS_DIFFER));
        assertEquals(Status.SKIP, report.status(UNSEEDED_RESETS_DIFFER), "its first observation ignores the seed");
        assertTrue(report.passed());
    }

    @Test
    void anEpisodeThatNeverEndsSkipsTheStepAfterDoneCheck() {
        Report report = EnvChecker.run(() -> new WalkEnv(10, 1.0, true), new Options(1, 20, 100));
        assertEquals(Status.SKIP, report.status(STEP_AFTER_DONE_THROWS));
        assertTrue(report.passed(), report.toString());
    }

    @Test
    void anEnvThatThrowsFailsWithTheException() {
        Report report = EnvChecker.run(() -> new WalkEnv() {
            @Override
            public StepResult<float[]> step(Integer action) {
                if (running) throw new ArithmeticException("boom");
                return super.step(action);
            }
        }, Options.defaults());
        assertEquals(Status.FAIL, report.status(ROLLOUT_DETERMINISM));
        assertTrue(report.toString().contains("boom"), report.toString());
    }

    @Test
    void reportRejectsUnknownCheckNamesAndOptionsValidate() {
        Report report = EnvChecker.run(MaskedWalkEnv::new, Options.defaults());
        assertThrows(IllegalArgumentException.class, () -> report.status("no-such-check"));
        assertThrows(IllegalArgumentException.class, () -> new Options(0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Options(0, 10, 0));
        assertEquals(Map.of(), new ResetResult<>(new float[1]).info());
    }
}
