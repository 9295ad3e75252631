package dev.rlcode.envs.code.model;

import dev.rlcode.envs.code.task.KnowledgeNote;
import java.util.List;
import java.util.Objects;

/**
 * Asks for a first solution.
 *
 * @param taskId      the task's id (the synthetic model looks its faults up by it; an LLM ignores it)
 * @param prompt      the task description
 * @param declaration the code to complete (imports, class and method signature)
 * @param notes       retrieved notes to put in the context; may be empty
 */
public record GenerateRequest(String taskId, String prompt, String declaration, List<KnowledgeNote> notes) {

    /** Validates the fields and copies the notes. */
    public GenerateRequest {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(declaration, "declaration");
        notes = List.copyOf(notes);
    }
}
