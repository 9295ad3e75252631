package dev.rlcode.envs.code.model;

import static dev.rlcode.envs.code.model.SyntheticCodeModelTest.ADDER;
import static dev.rlcode.envs.code.model.SyntheticCodeModelTest.NOTE;
import static dev.rlcode.envs.code.model.SyntheticCodeModelTest.OTHER;
import static dev.rlcode.envs.code.model.mutation.MutationEngineTest.STATS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.envs.code.model.mutation.FaultClass;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Repairs of integrated code (the hierarchical level's EVALUATE) and of merged subtasks. */
class SyntheticCodeModelIntegrationTest {

    @BeforeAll
    static void analyse() {
        SyntheticCodeModelTest.analyse();
    }

    /** (seed, pCorrectMedium, shallowWeight, pFixShallow, pFixDeepWithNote, pIntegrateMismatch), the rest 0 or 1. */
    static SyntheticCodeModel model(double pCorrect, double shallowWeight, double pFixShallow, double pFixDeep,
                                    double pMismatch) {
        return SyntheticCodeModelTest.model(new SyntheticModelConfig(1, 1, pCorrect, 1, 1, shallowWeight, 0,
                pFixShallow, pFixDeep, 0, 0, 0, 0, pMismatch, 0, 0));
    }

    static String part(SyntheticCodeModel m, FaultClass kind) {
        for (int i = 0; i < 500; i++) {
            String code = m.generate(SyntheticCodeModelTest.gen()).code();
            if (!m.faultsOf(code).isEmpty() && m.faultsOf(code).getFirst().faultClass() == kind) {
                return code;
            }
        }
        throw new AssertionError("expected the model to write a " + kind + " fault, actual none in 500 tries");
    }

    static RepairRequest fix(String code, List<dev.rlcode.envs.code.task.KnowledgeNote> notes) {
        return new RepairRequest("comp", "Max minus b.", code, "PipelineTest.testRun failed", notes);
    }

    @Test
    void interfaceMismatchIsRepairedWithoutRegenerating() {
        SyntheticCodeModel m = model(1, 1, 1, 1, 1);
        String integrated = m.integrate(new IntegrateRequest("comp", "Max minus b.", List.of(STATS, ADDER))).code();
        assertNotEquals(SyntheticCodeModelTest.composite.referenceSolution(), integrated, "mismatched");
        assertEquals(SyntheticCodeModelTest.composite.referenceSolution(), m.repair(fix(integrated, List.of())).code());
    }

    @Test
    void faultsOfPartsAreRepairedInTheIntegratedCodeDeepOnesOnlyWithANote() {
        SyntheticCodeModel m = model(0, 0.5, 1, 1, 0);
        String shallow = part(m, FaultClass.SHALLOW);
        String deep = part(m, FaultClass.DEEP);
        String withShallow = m.integrate(new IntegrateRequest("comp", "p", List.of(shallow, ADDER))).code();
        assertEquals(SyntheticCodeModelTest.composite.referenceSolution(), m.repair(fix(withShallow, List.of())).code());
        String withDeep = m.integrate(new IntegrateRequest("comp", "p", List.of(deep, ADDER))).code();
        assertEquals(withDeep, m.repair(fix(withDeep, List.of(OTHER))).code(), "no note: the deep fault stays");
        assertEquals(SyntheticCodeModelTest.composite.referenceSolution(), m.repair(fix(withDeep, List.of(NOTE))).code());
    }

    @Test
    void aMissingPartIsNeverWrittenByRepairAndUnknownCompositeCodeIsKept() {
        SyntheticCodeModel m = model(1, 1, 1, 1, 0);
        String missing = m.integrate(new IntegrateRequest("comp", "p", List.of(ADDER))).code();
        String repaired = m.repair(fix(missing, List.of(NOTE))).code();
        assertFalse(repaired.contains("class Stats"), "repair does not invent the dropped subtask");
        assertEquals("class Foreign {}", m.repair(fix("class Foreign {}", List.of())).code());
    }

    @Test
    void mergedSubtasksAreRepairedAndIntegratedPartByPart() {
        SyntheticCodeModel m = model(1, 1, 1, 1, 0);
        String merged = m.generate(new GenerateRequest("stats+adder", "both", "", List.of())).code();
        String again = m.repair(new RepairRequest("stats+adder", "both", merged, "failed", List.of())).code();
        assertTrue(again.contains("class Stats") && again.contains("class Adder"), again);
        String integrated = m.integrate(new IntegrateRequest("comp", "p", List.of(merged))).code();
        assertEquals(SyntheticCodeModelTest.composite.referenceSolution(), integrated,
                "a merged part integrates as its parts");
    }
}
