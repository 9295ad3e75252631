package dev.rlcode.envs.code.model.mutation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The faults the {@link MutationEngine} found for one task.
 *
 * @param taskId       the task
 * @param reference    the reference solution the faults are edits of
 * @param faults       the kept faults, in source order
 * @param generated    mutants generated (after removing duplicates)
 * @param judged       mutants judged (at most the engine's cap; the rest were left out by seeded sampling)
 * @param uncompilable judged mutants that did not compile on their own (discarded)
 * @param equivalent   judged mutants that passed every test (discarded)
 */
public record FaultCatalog(String taskId, String reference, List<Fault> faults, int generated, int judged,
                           int uncompilable, int equivalent) {

    /** Validates the fields and copies the list. */
    public FaultCatalog {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(reference, "reference");
        faults = List.copyOf(faults);
    }

    /** {@return the shallow faults} */
    public List<Fault> shallow() {
        return faults.stream().filter(f -> f.faultClass() == FaultClass.SHALLOW).toList();
    }

    /** {@return the deep faults} */
    public List<Fault> deep() {
        return faults.stream().filter(f -> f.faultClass() == FaultClass.DEEP).toList();
    }

    /** {@return the number of kept faults per operator and class, e.g. {@code RELATIONAL_SWAP -> {SHALLOW=3, DEEP=1}}} */
    public Map<Operator, Map<FaultClass, Integer>> countsByOperator() {
        Map<Operator, Map<FaultClass, Integer>> out = new EnumMap<>(Operator.class);
        for (Fault f : faults) {
            out.computeIfAbsent(f.mutant().operator(), k -> new EnumMap<>(FaultClass.class))
                    .merge(f.faultClass(), 1, Integer::sum);
        }
        return out;
    }
}
