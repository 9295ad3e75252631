package dev.rlcode.envs.code.model.mutation;

import java.util.Objects;

/**
 * A mutant that the real tests kill, with its class.
 *
 * @param mutant        the mutant
 * @param faultClass    shallow (visible tests kill it) or deep (only hidden tests do)
 * @param visibleResult the outcome against the visible tests ({@link Outcome#PASSED} for every deep fault)
 * @param hiddenResult  the outcome against the hidden tests ({@code null} for shallow faults: not run)
 */
public record Fault(Mutant mutant, FaultClass faultClass, Outcome visibleResult, Outcome hiddenResult) {

    /** Validates the fields. */
    public Fault {
        Objects.requireNonNull(mutant, "mutant");
        Objects.requireNonNull(faultClass, "faultClass");
        Objects.requireNonNull(visibleResult, "visibleResult");
    }
}
