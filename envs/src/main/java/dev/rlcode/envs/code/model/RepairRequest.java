package dev.rlcode.envs.code.model;

import dev.rlcode.envs.code.task.KnowledgeNote;
import java.util.List;
import java.util.Objects;

/**
 * Asks for a corrected version of some code.
 *
 * @param taskId   the task's id
 * @param prompt   the task description
 * @param code     the current code (a full compilation unit)
 * @param feedback what the last test run said: compiler diagnostics, a failed assertion, an exception
 * @param notes    retrieved notes in the context; may be empty
 */
public record RepairRequest(String taskId, String prompt, String code, String feedback, List<KnowledgeNote> notes) {

    /** Validates the fields and copies the notes. */
    public RepairRequest {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(feedback, "feedback");
        notes = List.copyOf(notes);
    }
}
