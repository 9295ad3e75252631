package dev.rlcode.envs.code.model;

import java.util.List;
import java.util.Objects;

/**
 * Asks for the merge of sub-solutions into one compilation unit.
 *
 * @param taskId       the composite task's id
 * @param prompt       the complex prompt
 * @param subSolutions the code of each solved subtask, in plan order
 */
public record IntegrateRequest(String taskId, String prompt, List<String> subSolutions) {

    /** Validates the fields and copies the list. */
    public IntegrateRequest {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(prompt, "prompt");
        subSolutions = List.copyOf(subSolutions);
    }
}
