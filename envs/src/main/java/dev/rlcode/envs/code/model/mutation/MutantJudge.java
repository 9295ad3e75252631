package dev.rlcode.envs.code.model.mutation;

import dev.rlcode.envs.code.sandbox.TestStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a candidate solution against a test source: the kill check of the {@link MutationEngine}. Production code
 * wires it to the sandbox; tests use a forked-JVM runner.
 */
@FunctionalInterface
public interface MutantJudge {

    /**
     * Runs one candidate.
     *
     * @param candidateSource the full solution compilation unit
     * @param tests           the test source
     * @param style           how {@code tests} runs against the candidate
     * @return the outcome
     */
    Outcome judge(String candidateSource, String tests, TestStyle style);

    /**
     * Runs many candidates against the same tests; the default calls {@link #judge} for each, an implementation
     * may batch them (one JVM launch for all).
     *
     * @param candidates full solution compilation units
     * @param tests      the test source
     * @param style      how {@code tests} runs
     * @return one outcome per candidate, in order
     */
    default List<Outcome> judgeAll(List<String> candidates, String tests, TestStyle style) {
        List<Outcome> out = new ArrayList<>(candidates.size());
        for (String c : candidates) {
            out.add(judge(c, tests, style));
        }
        return out;
    }
}
