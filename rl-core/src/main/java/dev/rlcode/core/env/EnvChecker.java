package dev.rlcode.core.env;

import dev.rlcode.core.rng.Rng;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.space.MultiDiscrete;
import dev.rlcode.core.space.Space;
import dev.rlcode.core.wrapper.Wrapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Checks that an {@link Env} follows the API's contract, with small named checks in the manner of Gymnasium's
 * {@code env_checker}. Call it in the tests of every env you write:
 *
 * {@snippet :
 * @Test
 * void followsTheEnvContract() {
 *     EnvChecker.check(MyEnv::new);     // throws AssertionError naming every failed check
 * }
 * }
 *
 * <p>Each check gets fresh envs from the factory, so they do not disturb one another. Random actions come from a
 * fixed seed and respect the action mask where there is one (looked up through wrappers). Checks:
 * <ul>
 * <li>{@value #RESET_OBSERVATION_IN_SPACE}: every reset's observation lies in the observation space: the seeded
 *     first one, unseeded ones, and those of the resets after each episode end of the rollout;
 * <li>{@value #NEVER_SEEDED_RESET}: a never-seeded env's {@code reset()} starts as {@code reset(0)} does (the
 *     {@link Env#reset()} contract: a fixed default seed, so unseeded runs are reproducible);
 * <li>{@value #STEP_BEFORE_RESET_THROWS}: {@code step} on a never-reset env throws {@link IllegalStateException};
 * <li>{@value #RESET_DETERMINISM}: the same seed gives the same first observation, in two envs and twice in one;
 * <li>{@value #ROLLOUT_DETERMINISM}: two envs reset with the same seed give the same observations, rewards, flags
 *     and masks for the same actions, across episode ends (each followed by {@code reset()});
 * <li>{@value #RESEED_DETERMINISM}: an env that has already played (another seed, other actions) and is then reset
 *     with the seed gives the same rollout as a fresh one: {@code reset(seed)} reseeds every random source the
 *     env uses, not only the first observation's;
 * <li>{@value #SEEDS_DIFFER}: different seeds give different rollouts. Only a warning: an env without randomness
 *     (a fixed maze) rightly fails it;
 * <li>{@value #UNSEEDED_RESETS_DIFFER}: where the first observation depends on the seed, {@code reset()} without a
 *     seed continues the random stream: eight unseeded resets after {@code reset(seed)} do not all give the same
 *     first observation (an env that reseeds from a constant would play one episode forever; skipped when the first
 *     observation does not depend on the seed);
 * <li>{@value #OBSERVATIONS_NOT_REUSED}: every reset and step returns a new observation object, and a returned one
 *     is never changed by later steps (a reused array silently corrupts every replay buffer that keeps references;
 *     Gymnasium's data-reuse check);
 * <li>{@value #STEP_OBSERVATION_IN_SPACE} and {@value #REWARD_FINITE}, on every step of the rollout;
 * <li>{@value #STEP_AFTER_DONE_THROWS}: {@code step} after an episode ended throws {@link IllegalStateException}
 *     (skipped if no episode ends within {@link Options#episodeStepLimit()} steps);
 * <li>{@value #OUT_OF_SPACE_ACTION_THROWS}: an action outside the action space throws
 *     {@link IllegalArgumentException} (for {@code Discrete}, one above and one below the range);
 * <li>for {@link ActionMasked} envs: {@value #MASK_LENGTH} (length = {@code Discrete} n),
 *     {@value #MASK_HAS_LEGAL_ACTION} (in every non-terminal state), {@value #MASK_NOT_REUSED} (each call returns
 *     a new array, which later steps leave as it was: a replay buffer keeps the next state's mask),
 *     {@value #ILLEGAL_ACTION_THROWS}
 *     ({@link IllegalArgumentException}; skipped if no action is ever masked out, or where the env declares
 *     illegal actions penalised no-ops through {@link ActionMasked#refusesIllegalActions()});
 * <li>{@value #CLOSE_TWICE}: {@code close} may be called twice.
 * </ul>
 */
public final class EnvChecker {

    public static final String RESET_OBSERVATION_IN_SPACE = "reset-observation-in-space";
    public static final String NEVER_SEEDED_RESET = "never-seeded-reset";
    public static final String MASK_NOT_REUSED = "mask-not-reused";
    public static final String STEP_BEFORE_RESET_THROWS = "step-before-reset-throws";
    public static final String RESET_DETERMINISM = "reset-determinism";
    public static final String ROLLOUT_DETERMINISM = "rollout-determinism";
    public static final String RESEED_DETERMINISM = "reseed-determinism";
    public static final String SEEDS_DIFFER = "seeds-differ";
    public static final String UNSEEDED_RESETS_DIFFER = "unseeded-resets-differ";
    public static final String OBSERVATIONS_NOT_REUSED = "observations-not-reused";
    public static final String STEP_OBSERVATION_IN_SPACE = "step-observation-in-space";
    public static final String REWARD_FINITE = "reward-finite";
    public static final String STEP_AFTER_DONE_THROWS = "step-after-done-throws";
    public static final String OUT_OF_SPACE_ACTION_THROWS = "out-of-space-action-throws";
    public static final String MASK_LENGTH = "mask-length";
    public static final String MASK_HAS_LEGAL_ACTION = "mask-has-legal-action";
    public static final String ILLEGAL_ACTION_THROWS = "illegal-action-throws";
    public static final String CLOSE_TWICE = "close-twice";

    /** The outcome of one check. A {@code WARN} or {@code SKIP} does not fail {@link #check(Supplier)}. */
    public enum Status { PASS, WARN, SKIP, FAIL }

    /**
     * One check's outcome.
     *
     * @param name    the check's name, one of this class's constants
     * @param status  its outcome
     * @param message what was found ({@code "ok"} when it passed)
     */
    public record Result(String name, Status status, String message) {
        @Override
        public String toString() {
            return status + " " + name + ": " + message;
        }
    }

    /**
     * All checks' outcomes for one env.
     *
     * @param env     a description of the env checked
     * @param results one result per check, in the order they ran (copied)
     */
    public record Report(String env, List<Result> results) {
        public Report {
            results = List.copyOf(results);
        }

        /** {@return whether no check failed} */
        public boolean passed() {
            return results.stream().noneMatch(r -> r.status() == Status.FAIL);
        }

        /** {@return the results with status {@code status}} @param status the status to select */
        public List<Result> withStatus(Status status) {
            return results.stream().filter(r -> r.status() == status).toList();
        }

        /**
         * {@return the status of the check named {@code name}}
         *
         * @throws IllegalArgumentException if no check of that name ran
         */
        public Status status(String name) {
            return results.stream().filter(r -> r.name().equals(name)).findFirst().map(Result::status)
                    .orElseThrow(() -> new IllegalArgumentException("check name: expected one of "
                            + results.stream().map(Result::name).toList() + ", actual " + name));
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("EnvChecker report for ").append(env).append(": ")
                    .append(withStatus(Status.FAIL).size()).append(" of ").append(results.size()).append(" failed");
            for (Result r : results) sb.append("\n  ").append(r);
            return sb.toString();
        }
    }

    /**
     * How hard to check.
     *
     * @param seed             the seed for resets and for the random actions
     * @param rolloutSteps     the steps of each determinism rollout, at least 1
     * @param episodeStepLimit how many steps to wait for an episode to end, or for a masked-out action, at least 1
     */
    public record Options(long seed, int rolloutSteps, int episodeStepLimit) {
        public Options {
            if (rolloutSteps < 1) throw new IllegalArgumentException("rolloutSteps: expected >= 1, actual " + rolloutSteps);
            if (episodeStepLimit < 1) {
                throw new IllegalArgumentException("episodeStepLimit: expected >= 1, actual " + episodeStepLimit);
            }
        }

        /** {@return seed 42, 200 rollout steps, episodes of up to 10,000 steps} */
        public static Options defaults() {
            return new Options(42, 200, 10_000);
        }
    }

    private EnvChecker() {}

    /**
     * Runs every check with {@link Options#defaults()} and throws if any failed.
     *
     * @param factory makes a fresh, never-reset env on each call
     * @return the report, when no check failed (it may hold warnings)
     * @throws AssertionError listing every failed check by name
     */
    public static <O, A> Report check(Supplier<? extends Env<O, A>> factory) {
        Report report = run(factory, Options.defaults());
        if (!report.passed()) throw new AssertionError(report.toString());
        return report;
    }

    /** {@return the report of every check, without throwing on failures} @param factory makes fresh envs */
    public static <O, A> Report run(Supplier<? extends Env<O, A>> factory, Options options) {
        List<Result> results = new ArrayList<>();
        String name;
        try (Env<O, A> probe = factory.get()) {
            name = probe.toString();
        }
        Rollout a = rollout(factory, options.seed(), options.rolloutSteps());
        Rollout b = rollout(factory, options.seed(), options.rolloutSteps());
        Rollout reused = rollout(factory, options.seed(), options.rolloutSteps(), options.seed(), true);
        results.add(attempt(RESET_OBSERVATION_IN_SPACE, () -> {
            Verdict first = resetObservationInSpace(factory, options);
            return first.status() != Status.PASS || !a.problems.containsKey(RESET_OBSERVATION_IN_SPACE) ? first
                    : Verdict.fail(a.problems.get(RESET_OBSERVATION_IN_SPACE));
        }));
        results.add(attempt(NEVER_SEEDED_RESET, () -> neverSeededReset(factory)));
        results.add(attempt(STEP_BEFORE_RESET_THROWS, () -> stepBeforeResetThrows(factory, options)));
        results.add(attempt(RESET_DETERMINISM, () -> resetDeterminism(factory, options)));
        results.add(attempt(ROLLOUT_DETERMINISM, () -> sameRollouts(a, b)));
        results.add(attempt(RESEED_DETERMINISM, () -> a.failure != null ? Verdict.skip("the rollout threw (see "
                + ROLLOUT_DETERMINISM + ")") : sameRollouts(a, reused, "a fresh env and one that played before, "
                + "both reset with seed " + options.seed())));
        results.add(attempt(SEEDS_DIFFER, () -> seedsDiffer(factory, options)));
        results.add(attempt(UNSEEDED_RESETS_DIFFER, () -> unseededResetsDiffer(factory, options)));
        for (String check : List.of(STEP_OBSERVATION_IN_SPACE, REWARD_FINITE, OBSERVATIONS_NOT_REUSED)) {
            results.add(attempt(check, () -> a.verdict(check)));
        }
        results.add(attempt(STEP_AFTER_DONE_THROWS, () -> stepAfterDoneThrows(factory, options)));
        results.add(attempt(OUT_OF_SPACE_ACTION_THROWS, () -> outOfSpaceActionThrows(factory, options)));
        for (String check : List.of(MASK_LENGTH, MASK_HAS_LEGAL_ACTION, MASK_NOT_REUSED)) {
            results.add(attempt(check, () -> a.masked ? a.verdict(check) : skipUnmasked()));
        }
        results.add(attempt(ILLEGAL_ACTION_THROWS, () -> a.masked ? illegalActionThrows(factory, options)
                : skipUnmasked()));
        results.add(attempt(CLOSE_TWICE, () -> closeTwice(factory, options)));
        return new Report(name, results);
    }

    // ---- the checks ----------------------------------------------------------------------------------------------

    private static <O, A> Verdict resetObservationInSpace(Supplier<? extends Env<O, A>> factory, Options o) {
        try (Env<O, A> env = factory.get()) {
            O obs = env.reset(o.seed()).observation();
            if (!env.observationSpace().contains(obs)) {
                return Verdict.fail("reset(" + o.seed() + "): expected an element of " + env.observationSpace()
                        + ", actual " + show(obs));
            }
            for (int k = 1; k <= 3; k++) { // a vector env's autoreset calls reset() without a seed
                O next = env.reset().observation();
                if (!env.observationSpace().contains(next)) {
                    return Verdict.fail("unseeded reset " + k + " after reset(" + o.seed() + "): expected an element of "
                            + env.observationSpace() + ", actual " + show(next));
                }
            }
            return Verdict.ok();
        }
    }

    private static <O, A> Verdict neverSeededReset(Supplier<? extends Env<O, A>> factory) {
        // eight resets each, so that a clock-seeded env cannot pass by drawing reset(0)'s first observation by chance
        try (Env<O, A> fresh = factory.get(); Env<O, A> seeded = factory.get()) {
            for (int k = 0; k < 8; k++) {
                Object unseeded = snapshot(fresh.reset().observation());
                Object zero = snapshot((k == 0 ? seeded.reset(0) : seeded.reset()).observation());
                if (!same(unseeded, zero)) {
                    return Verdict.fail("a never-seeded env's reset " + (k + 1) + " gave " + show(unseeded)
                            + ", after reset(0) " + show(zero) + ": expected the same (an env never seeded seeds "
                            + "itself with 0, so a run without a seed is reproducible; seeding from the clock is not)");
                }
            }
            return Verdict.ok();
        }
    }

    private static <O, A> Verdict stepBeforeResetThrows(Supplier<? extends Env<O, A>> factory, Options o) {
        try (Env<O, A> env = factory.get()) {
            A action = env.actionSpace().sample(Rng.of(o.seed()));
            return expectThrows(IllegalStateException.class, () -> env.step(action), "step on a never-reset env");
        }
    }

    private static <O, A> Verdict resetDeterminism(Supplier<? extends Env<O, A>> factory, Options o) {
        try (Env<O, A> x = factory.get(); Env<O, A> y = factory.get()) {
            O first = x.reset(o.seed()).observation();
            O other = y.reset(o.seed()).observation();
            if (!Arrays.deepEquals(new Object[] {first}, new Object[] {other})) {
                return Verdict.fail("two envs reset with seed " + o.seed() + ": expected equal observations, actual "
                        + show(first) + " and " + show(other));
            }
            sampleAction(x, Rng.of(o.seed())).ifPresent(x::step);
            O again = x.reset(o.seed()).observation();
            return Arrays.deepEquals(new Object[] {first}, new Object[] {again}) ? Verdict.ok()
                    : Verdict.fail("one env reset twice with seed " + o.seed() + ": expected equal observations, actual "
                    + show(first) + " and " + show(again));
        }
    }

    private static Verdict sameRollouts(Rollout a, Rollout b) {
        return sameRollouts(a, b, "same seed and actions");
    }

    private static Verdict sameRollouts(Rollout a, Rollout b, String what) {
        if (a.failure != null) return Verdict.fail("rollout threw " + a.failure);
        if (b.failure != null) return Verdict.fail(what + ": the second rollout threw " + b.failure);
        for (int t = 0; t < Math.max(a.events.size(), b.events.size()); t++) {
            Object[] x = t < a.events.size() ? a.events.get(t) : null, y = t < b.events.size() ? b.events.get(t) : null;
            if (!Arrays.deepEquals(x, y)) {
                return Verdict.fail(what + ": expected equal rollouts, actual they differ at event " + t
                        + ": " + show(x) + " vs " + show(y));
            }
        }
        return Verdict.ok();
    }

    private static <O, A> Verdict seedsDiffer(Supplier<? extends Env<O, A>> factory, Options o) {
        Rollout first = rollout(factory, o.seed(), Math.min(o.rolloutSteps(), 50));
        for (long s = 1; s <= 3; s++) {
            Rollout other = rollout(factory, o.seed() + s, Math.min(o.rolloutSteps(), 50), o.seed());
            if (other.events.size() != first.events.size()) return Verdict.ok();
            for (int t = 0; t < first.events.size(); t++) {
                if (!Arrays.deepEquals(first.events.get(t), other.events.get(t))) return Verdict.ok();
            }
        }
        return Verdict.warn("seeds " + o.seed() + ".." + (o.seed() + 3) + " gave identical rollouts: the seed has no "
                + "effect (fine only for an env without randomness)");
    }

    private static <O, A> Verdict unseededResetsDiffer(Supplier<? extends Env<O, A>> factory, Options o) {
        try (Env<O, A> env = factory.get(); Env<O, A> other = factory.get()) {
            Object first = snapshot(env.reset(o.seed()).observation());
            boolean seedMatters = false;
            for (long s = 1; s <= 3 && !seedMatters; s++) {
                seedMatters = !same(first, snapshot(other.reset(o.seed() + s).observation()));
            }
            if (!seedMatters) {
                return Verdict.skip("the first observation does not depend on the seed (seeds " + o.seed() + ".."
                        + (o.seed() + 3) + ")");
            }
            Object unseeded = snapshot(env.reset().observation());
            for (int k = 1; k < 8; k++) {
                if (!same(unseeded, env.reset().observation())) return Verdict.ok();
            }
            return Verdict.fail("eight resets without a seed (after reset(" + o.seed() + ")) all gave " + show(unseeded)
                    + ", though other seeds start elsewhere: expected reset() to continue the env's random stream, "
                    + "actual it restarts one (reseeding from a constant?)");
        }
    }

    private static <O, A> Verdict stepAfterDoneThrows(Supplier<? extends Env<O, A>> factory, Options o) {
        try (Env<O, A> env = factory.get()) {
            RandomGenerator rng = Rng.of(o.seed());
            env.reset(o.seed());
            for (int t = 0; t < o.episodeStepLimit(); t++) {
                Optional<A> a = sampleAction(env, rng);
                if (a.isEmpty()) return Verdict.skip("no legal action after " + t + " steps (see the mask checks)");
                if (env.step(a.get()).done()) {
                    A action = env.actionSpace().sample(rng);
                    return expectThrows(IllegalStateException.class, () -> env.step(action),
                            "step after the episode ended at step " + (t + 1));
                }
            }
            return Verdict.skip("no episode ended within " + o.episodeStepLimit() + " random steps");
        }
    }

    private static <O, A> Verdict outOfSpaceActionThrows(Supplier<? extends Env<O, A>> factory, Options o) {
        try (Env<O, A> env = factory.get()) {
            env.reset(o.seed());
            @SuppressWarnings("unchecked")
            A bad = (A) switch (env.actionSpace()) {
                case Discrete d -> Integer.valueOf(d.start() + d.n());
                case Box box -> new float[box.dim() + 1];
                case MultiDiscrete md -> md.nvec();
            };
            Verdict above = expectThrows(IllegalArgumentException.class, () -> env.step(bad),
                    "step with " + show(bad) + " outside " + env.actionSpace());
            if (above.status() != Status.PASS || !(env.actionSpace() instanceof Discrete d)) return above;
            @SuppressWarnings("unchecked") A below = (A) Integer.valueOf(d.start() - 1);
            return expectThrows(IllegalArgumentException.class, () -> env.step(below),
                    "step with " + below + " outside " + env.actionSpace());
        }
    }

    private static <O, A> Verdict illegalActionThrows(Supplier<? extends Env<O, A>> factory, Options o) {
        try (Env<O, A> env = factory.get()) {
            ActionMasked masked = Wrapper.findActionMasked(env).orElseThrow();
            if (!masked.refusesIllegalActions()) {
                return Verdict.skip("the env defines illegal actions as penalised no-ops (refusesIllegalActions() is "
                        + "false, as for IllegalActionNoOp)");
            }
            Discrete space = (Discrete) (Space<?>) env.actionSpace();
            RandomGenerator rng = Rng.of(o.seed());
            env.reset(o.seed());
            for (int t = 0; t < o.episodeStepLimit(); t++) {
                boolean[] mask = masked.actionMask();
                for (int i = 0; i < Math.min(mask.length, space.n()); i++) {
                    if (!mask[i]) {
                        @SuppressWarnings("unchecked") A illegal = (A) Integer.valueOf(space.start() + i);
                        return expectThrows(IllegalArgumentException.class, () -> env.step(illegal),
                                "step with masked-out action " + illegal + " after " + t + " steps");
                    }
                }
                Optional<A> a = sampleAction(env, rng);
                if (a.isEmpty()) return Verdict.skip("no legal action after " + t + " steps (see the mask checks)");
                if (env.step(a.get()).done()) env.reset();
            }
            return Verdict.skip("no action was masked out within " + o.episodeStepLimit() + " random steps");
        }
    }

    private static <O, A> Verdict closeTwice(Supplier<? extends Env<O, A>> factory, Options o) {
        Env<O, A> env = factory.get();
        env.reset(o.seed());
        env.close();
        env.close();
        return Verdict.ok();
    }

    private static Verdict skipUnmasked() {
        return Verdict.skip("the env does not implement ActionMasked");
    }

    // ---- rollouts ------------------------------------------------------------------------------------------------

    /** What a rollout saw: one event per reset or step, and the first problem found for each per-step check. */
    private static final class Rollout {
        final List<Object[]> events = new ArrayList<>();
        final Map<String, String> problems = new LinkedHashMap<>();
        /** every observation returned so far: {the object, a copy taken when it was returned, when} */
        final List<Object[]> returned = new ArrayList<>();
        final Map<Object, String> returnedIdentity = new java.util.IdentityHashMap<>();
        boolean masked;
        RuntimeException failure;

        void returned(Object observation, Object copy, String when) {
            returned.add(new Object[] {observation, copy, when});
            if (observation != null && observation.getClass().isArray()) returnedIdentity.putIfAbsent(observation, when);
        }

        void problem(String check, String message) {
            problems.putIfAbsent(check, message);
        }

        Verdict verdict(String check) {
            if (problems.containsKey(check)) return Verdict.fail(problems.get(check));
            if (failure != null) return Verdict.fail("rollout threw " + failure);
            return Verdict.ok();
        }
    }

    private static <O, A> Rollout rollout(Supplier<? extends Env<O, A>> factory, long seed, int steps) {
        return rollout(factory, seed, steps, seed);
    }

    private static <O, A> Rollout rollout(Supplier<? extends Env<O, A>> factory, long seed, int steps, long actionSeed) {
        return rollout(factory, seed, steps, actionSeed, false);
    }

    /** @param usedFirst play the env first (seed + 1, other actions, as many steps) before the rollout proper */
    private static <O, A> Rollout rollout(Supplier<? extends Env<O, A>> factory, long seed, int steps, long actionSeed,
                                          boolean usedFirst) {
        Rollout out = new Rollout();
        try (Env<O, A> env = factory.get()) {
            if (usedFirst) {
                RandomGenerator other = Rng.of(actionSeed + 1, Rng.Stream.EVAL);
                env.reset(seed + 1);
                for (int t = 0; t < steps; t++) {
                    Optional<A> action = sampleAction(env, other);
                    if (action.isEmpty()) break;
                    if (env.step(action.get()).done()) env.reset();
                }
            }
            Optional<ActionMasked> masked = Wrapper.findActionMasked(env);
            out.masked = masked.isPresent();
            RandomGenerator rng = Rng.of(actionSeed, Rng.Stream.EVAL);
            O last = env.reset(seed).observation();
            Object lastCopy = snapshot(last);
            out.events.add(new Object[] {"reset", lastCopy});
            out.returned(last, lastCopy, "the first reset");
            boolean[] lastMask = null, lastMaskCopy = null;
            for (int t = 0; t < steps; t++) {
                boolean[] mask = masked.map(ActionMasked::actionMask).orElse(null);
                if (mask != null) {
                    inspectMask(mask, env.actionSpace(), t, out);
                    if (mask == lastMask || mask == masked.get().actionMask()) {
                        out.problem(MASK_NOT_REUSED, "step " + t + ": actionMask() returned the same array object "
                                + "twice: expected a fresh copy each call");
                    } else if (lastMask != null && !Arrays.equals(lastMask, lastMaskCopy)) {
                        out.problem(MASK_NOT_REUSED, "step " + t + ": the mask returned before step " + (t - 1)
                                + " changed from " + show(lastMaskCopy) + " to " + show(lastMask) + ": expected "
                                + "returned masks to stay as they were");
                    }
                    lastMask = mask;
                    lastMaskCopy = mask.clone();
                }
                Optional<A> action = sampleAction(env, rng);
                if (action.isEmpty()) break;        // an unusable mask, recorded by inspectMask: no way on
                StepResult<O> r = env.step(action.get());
                checkNotReused(r.observation(), "step " + t, out);
                last = r.observation();
                lastCopy = snapshot(last);
                out.returned(last, lastCopy, "step " + t);
                out.events.add(new Object[] {"step", lastCopy, r.reward(), r.terminated(), r.truncated(),
                        mask == null ? null : mask.clone()});
                if (!env.observationSpace().contains(r.observation())) {
                    out.problem(STEP_OBSERVATION_IN_SPACE, "step " + t + ": expected an element of "
                            + env.observationSpace() + ", actual " + show(r.observation()));
                }
                if (!Double.isFinite(r.reward())) {
                    out.problem(REWARD_FINITE, "step " + t + ": expected a finite reward, actual " + r.reward());
                }
                if (r.done()) {
                    O next = env.reset().observation();
                    checkNotReused(next, "the reset after step " + t, out);
                    if (!env.observationSpace().contains(next)) {
                        out.problem(RESET_OBSERVATION_IN_SPACE, "the reset after step " + t + ": expected an element of "
                                + env.observationSpace() + ", actual " + show(next));
                    }
                    last = next;
                    lastCopy = snapshot(last);
                    out.returned(last, lastCopy, "the reset after step " + t);
                    out.events.add(new Object[] {"reset", lastCopy});
                }
            }
        } catch (RuntimeException e) {
            out.failure = e;
        }
        return out;
    }

    /**
     * Records an {@value #OBSERVATIONS_NOT_REUSED} problem when {@code next} is the very array of any observation
     * returned earlier in the rollout, or when any earlier one no longer holds what it held when it was returned (a
     * replay buffer keeps them all, so a reused or refilled buffer corrupts it however many calls later).
     */
    private static void checkNotReused(Object next, String when, Rollout out) {
        if (next != null && next.getClass().isArray() && out.returnedIdentity.containsKey(next)) {
            out.problem(OBSERVATIONS_NOT_REUSED, when + " returned the same array object as " + out.returnedIdentity
                    .get(next) + ": expected a new array each time");
        }
        for (Object[] earlier : out.returned) {
            if (!same(earlier[0], earlier[1])) {
                out.problem(OBSERVATIONS_NOT_REUSED, when + " changed the observation returned by " + earlier[2]
                        + " (from " + show(earlier[1]) + " to " + show(earlier[0]) + "): expected returned "
                        + "observations to stay as they were");
                return;
            }
        }
    }

    private static void inspectMask(boolean[] mask, Space<?> space, int t, Rollout out) {
        if (!(space instanceof Discrete d)) {
            out.problem(MASK_LENGTH, "expected a Discrete action space for a masked env, actual " + space);
        } else if (mask.length != d.n()) {
            out.problem(MASK_LENGTH, "step " + t + ": expected " + d.n() + " (action space n), actual " + mask.length);
        } else if (!anyTrue(mask)) {
            out.problem(MASK_HAS_LEGAL_ACTION, "step " + t + ": expected at least one legal action in a non-terminal "
                    + "state, actual none");
        }
    }

    /**
     * A random action, uniform over the legal ones when the env is masked; empty when its mask is unusable (wrong
     * length or no legal action), since then no legal action can be chosen.
     */
    @SuppressWarnings("unchecked")
    private static <O, A> Optional<A> sampleAction(Env<O, A> env, RandomGenerator rng) {
        Space<A> space = env.actionSpace();
        Optional<ActionMasked> masked = Wrapper.findActionMasked(env);
        if (masked.isEmpty()) return Optional.of(space.sample(rng));
        boolean[] mask = masked.get().actionMask();
        if (!(space instanceof Discrete d) || mask.length != d.n() || !anyTrue(mask)) return Optional.empty();
        return Optional.of((A) Integer.valueOf(d.sample(rng, mask)));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private record Verdict(Status status, String message) {
        static Verdict ok() { return new Verdict(Status.PASS, "ok"); }
        static Verdict fail(String m) { return new Verdict(Status.FAIL, m); }
        static Verdict warn(String m) { return new Verdict(Status.WARN, m); }
        static Verdict skip(String m) { return new Verdict(Status.SKIP, m); }
    }

    private static Result attempt(String name, Supplier<Verdict> check) {
        try {
            Verdict v = check.get();
            return new Result(name, v.status(), v.message());
        } catch (RuntimeException | AssertionError e) {
            return new Result(name, Status.FAIL, "threw " + e);
        }
    }

    private static Verdict expectThrows(Class<? extends RuntimeException> expected, Runnable call, String what) {
        try {
            call.run();
        } catch (RuntimeException e) {
            return expected.isInstance(e) ? Verdict.ok()
                    : Verdict.fail(what + ": expected " + expected.getSimpleName() + ", actual " + e);
        }
        return Verdict.fail(what + ": expected " + expected.getSimpleName() + ", actual no exception");
    }

    /** {@return a copy of an array observation (one level deep), or the observation itself} */
    private static Object snapshot(Object x) {
        return switch (x) {
            case float[] a -> a.clone();
            case double[] a -> a.clone();
            case int[] a -> a.clone();
            case long[] a -> a.clone();
            case boolean[] a -> a.clone();
            case byte[] a -> a.clone();
            case Object[] a -> a.clone();
            case null, default -> x;
        };
    }

    private static boolean same(Object x, Object y) {
        return Arrays.deepEquals(new Object[] {x}, new Object[] {y});
    }

    private static boolean anyTrue(boolean[] mask) {
        for (boolean m : mask) if (m) return true;
        return false;
    }

    private static String show(Object x) {
        String s = Arrays.deepToString(new Object[] {x});
        return s.substring(1, s.length() - 1);
    }
}
