package dev.rlcode.envs.code.model;

import java.util.List;
import java.util.Objects;

/**
 * A decomposition of a complex prompt into subtasks.
 *
 * @param subtasks      the subtasks, in solving order; never empty
 * @param tokensIn      prompt tokens
 * @param tokensOut     completion tokens
 * @param latencyMillis wall time of the call, in milliseconds
 */
public record Plan(List<PlannedSubtask> subtasks, int tokensIn, int tokensOut, long latencyMillis) {

    /** Validates the fields and copies the list. */
    public Plan {
        subtasks = List.copyOf(subtasks);
        if (subtasks.isEmpty()) {
            throw new IllegalArgumentException("plan subtasks: expected at least 1, actual 0");
        }
        if (tokensIn < 0 || tokensOut < 0 || latencyMillis < 0) {
            throw new IllegalArgumentException("tokens and latency: expected >= 0, actual tokensIn=" + tokensIn
                    + " tokensOut=" + tokensOut + " latencyMillis=" + latencyMillis);
        }
    }

    /**
     * One subtask of a plan.
     *
     * @param id     identifier to pass as {@code taskId} when generating it: the composite's subtask id when the
     *               planner knows it (several ids joined by {@code "+"} when it merged subtasks), else
     *               {@code "<composite id>/step-<n>"}
     * @param prompt what to implement
     */
    public record PlannedSubtask(String id, String prompt) {

        /** Validates the fields. */
        public PlannedSubtask {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(prompt, "prompt");
        }
    }
}
