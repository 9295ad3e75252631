package dev.rlcode.envs.code.model.mutation;

import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.sandbox.TestStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Turns a task's reference solution into a catalogue of real faults: generates mutants ({@link Mutator}), keeps
 * those that compile on their own, and classes each by running the tests through a {@link MutantJudge}: killed by
 * the visible tests (or not compiling with them) → {@link FaultClass#SHALLOW}; surviving the visible tests but
 * killed by the hidden ones → {@link FaultClass#DEEP}; surviving both → equivalent, discarded.
 *
 * <p>When a reference has more than {@code maxJudged} mutants, a seeded sample of that size (kept in source order)
 * is judged, so the cost per task is bounded. Not thread-safe.
 *
 * {@snippet :
 * MutationEngine engine = new MutationEngine(judge, MutationEngine.DEFAULT_MAX_JUDGED, 42);
 * FaultCatalog faults = engine.analyse(task);
 * }
 */
public final class MutationEngine {

    /** Default cap on judged mutants per task. */
    public static final int DEFAULT_MAX_JUDGED = 80;

    private final MutantJudge judge;
    private final int maxJudged;
    private final long seed;
    private final Function<String, List<Mutant>> mutator;

    /**
     * @param judge     runs candidates against tests
     * @param maxJudged most mutants judged per task
     * @param seed      seed of the sampling when a task has more than {@code maxJudged} mutants
     * @throws IllegalArgumentException if {@code maxJudged < 1}
     */
    public MutationEngine(MutantJudge judge, int maxJudged, long seed) {
        this(judge, maxJudged, seed, Mutator::mutants);
    }

    /** As the public constructor, with another mutant generator in place of {@link Mutator#mutants} (tests). */
    MutationEngine(MutantJudge judge, int maxJudged, long seed, Function<String, List<Mutant>> mutator) {
        this.judge = Objects.requireNonNull(judge, "judge");
        if (maxJudged < 1) {
            throw new IllegalArgumentException("maxJudged: expected >= 1, actual " + maxJudged);
        }
        this.maxJudged = maxJudged;
        this.seed = seed;
        this.mutator = Objects.requireNonNull(mutator, "mutator");
    }

    /**
     * Analyses a task.
     *
     * @param task a task with a reference solution
     * @return its faults
     * @throws IllegalArgumentException if the task has no reference solution, or the reference does not compile or
     *                                  fails its own tests
     */
    public FaultCatalog analyse(CodeTask task) {
        String reference = task.referenceSolution().orElseThrow(() -> new IllegalArgumentException(
                "task " + task.id() + ": expected a reference solution, actual none"));
        return analyse(task.id(), reference, task.visibleTests(), task.hiddenTests(), task.style());
    }

    /**
     * Analyses a reference solution against its tests.
     *
     * @param taskId       names the task in messages and in the catalogue
     * @param reference    the full reference compilation unit
     * @param visibleTests the visible tests; blank means none (every killed mutant is then deep)
     * @param hiddenTests  the hidden tests
     * @param style        how the tests run
     * @return the faults
     * @throws IllegalArgumentException if the reference does not compile or fails its own tests
     */
    public FaultCatalog analyse(String taskId, String reference, String visibleTests, String hiddenTests, TestStyle style) {
        List<Mutant> all = mutator.apply(reference);
        List<Mutant> sampled = sample(all, taskId);
        List<Mutant> compiling = new ArrayList<>();
        try (CompileCheck compile = new CompileCheck()) {
            compile.firstError(reference).ifPresent(e -> {
                throw new IllegalArgumentException("task " + taskId + ": reference does not compile: " + e);
            });
            for (Mutant m : sampled) {
                if (compile.firstError(m.source()).isEmpty()) {
                    compiling.add(m);
                }
            }
        }
        List<Fault> faults = new ArrayList<>();
        List<Mutant> survivors = new ArrayList<>();
        List<Outcome> visibleOutcomes = new ArrayList<>();
        if (visibleTests.isBlank()) {
            survivors.addAll(compiling);
            compiling.forEach(m -> visibleOutcomes.add(Outcome.PASSED));
        } else {
            List<Outcome> outcomes = judgeWithReference(taskId, "visible", reference, compiling, visibleTests, style);
            for (int i = 0; i < compiling.size(); i++) {
                if (outcomes.get(i) == Outcome.PASSED) {
                    survivors.add(compiling.get(i));
                    visibleOutcomes.add(Outcome.PASSED);
                } else {
                    faults.add(new Fault(compiling.get(i), FaultClass.SHALLOW, outcomes.get(i), null));
                }
            }
        }
        List<Outcome> hidden = judgeWithReference(taskId, "hidden", reference, survivors, hiddenTests, style);
        int equivalent = 0;
        for (int i = 0; i < survivors.size(); i++) {
            if (hidden.get(i) == Outcome.PASSED) {
                equivalent++;
            } else {
                faults.add(new Fault(survivors.get(i), FaultClass.DEEP, Outcome.PASSED, hidden.get(i)));
            }
        }
        faults.sort(java.util.Comparator.comparingInt(f -> f.mutant().edit().start()));
        return new FaultCatalog(taskId, reference, faults, all.size(), sampled.size(),
                sampled.size() - compiling.size(), equivalent);
    }

    /** Judges the reference first (it must pass), then the mutants, in one batch. */
    private List<Outcome> judgeWithReference(String taskId, String which, String reference, List<Mutant> mutants,
                                             String tests, TestStyle style) {
        List<String> batch = new ArrayList<>(mutants.size() + 1);
        batch.add(reference);
        mutants.forEach(m -> batch.add(m.source()));
        List<Outcome> outcomes = judge.judgeAll(batch, tests, style);
        if (outcomes.size() != batch.size()) {
            throw new IllegalStateException("judge outcomes: expected " + batch.size() + ", actual " + outcomes.size());
        }
        if (outcomes.getFirst() != Outcome.PASSED) {
            throw new IllegalArgumentException("task " + taskId + ": reference fails its " + which + " tests: "
                    + outcomes.getFirst());
        }
        return outcomes.subList(1, outcomes.size());
    }

    private List<Mutant> sample(List<Mutant> all, String taskId) {
        if (all.size() <= maxJudged) {
            return all;
        }
        RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed ^ taskId.hashCode());
        List<Integer> idx = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            idx.add(i);
        }
        for (int i = idx.size() - 1; i > 0; i--) { // Fisher-Yates
            int j = rng.nextInt(i + 1);
            idx.set(j, idx.set(i, idx.get(j)));
        }
        return idx.subList(0, maxJudged).stream().sorted().map(all::get).toList();
    }
}
