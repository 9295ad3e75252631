package dev.rlcode.envs.code.model;

import java.util.Objects;

/**
 * Asks for a decomposition of a complex prompt.
 *
 * @param taskId the composite task's id
 * @param prompt the complex prompt
 */
public record PlanRequest(String taskId, String prompt) {

    /** Validates the fields. */
    public PlanRequest {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(prompt, "prompt");
    }
}
