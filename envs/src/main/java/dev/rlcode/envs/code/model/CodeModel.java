package dev.rlcode.envs.code.model;

/**
 * The coder an environment drives: an LLM behind four calls. Implementations: {@link SyntheticCodeModel} (an
 * offline simulator driven by real code and real mutants), {@link OpenAiCompatibleCodeModel} (any
 * {@code /v1/chat/completions} server) and {@link CachingCodeModel} (replays a recorded run).
 *
 * <p>Every {@link Completion} carries real Java source that a sandbox judges; a model never says whether its
 * code is right. Calls are synchronous; an implementation states whether it is thread-safe.
 *
 * {@snippet :
 * Completion first = model.generate(new GenerateRequest(task.id(), task.prompt(), task.declaration(), List.of()));
 * Completion fixed = model.repair(new RepairRequest(task.id(), task.prompt(), first.code(), "expected 3 but was 2", notes));
 * }
 */
public interface CodeModel {

    /**
     * Writes a first solution for a task.
     *
     * @param request the task's prompt and declaration
     * @return a completion whose code is a full compilation unit
     * @throws CodeModelException if the model cannot answer (endpoint down, garbage answer)
     */
    Completion generate(GenerateRequest request);

    /**
     * Rewrites code given the feedback of a failed test run and, optionally, retrieved notes.
     *
     * @param request the current code, the feedback and the notes in context
     * @return a completion whose code is a full compilation unit
     * @throws CodeModelException if the model cannot answer
     */
    Completion repair(RepairRequest request);

    /**
     * Splits a complex prompt into subtask prompts.
     *
     * @param request the complex prompt
     * @return the subtasks, in the order they should be solved
     * @throws CodeModelException if the model cannot answer
     */
    Plan plan(PlanRequest request);

    /**
     * Merges sub-solutions into one compilation unit that solves the complex prompt.
     *
     * @param request the complex prompt and the sub-solutions
     * @return a completion whose code is a full compilation unit
     * @throws CodeModelException if the model cannot answer
     */
    Completion integrate(IntegrateRequest request);
}
