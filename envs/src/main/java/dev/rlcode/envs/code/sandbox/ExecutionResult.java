package dev.rlcode.envs.code.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of judging one candidate: exactly one of seven kinds. Only {@link Passed} is a pass.
 */
public sealed interface ExecutionResult {

    /** {@return a short stable name: passed|compile_error|rejected|test_failed|runtime_error|timeout|crashed} */
    String status();

    /** {@return whether this is a pass} */
    default boolean passed() {
        return this instanceof Passed;
    }

    /** Every test ran and returned normally. @param testsRun the number of test cases run, at least 1 */
    record Passed(int testsRun) implements ExecutionResult {
        public Passed {
            if (testsRun < 1) {
                throw new IllegalArgumentException("testsRun: expected >= 1, actual " + testsRun);
            }
        }

        @Override
        public String status() {
            return "passed";
        }
    }

    /** The candidate or the tests do not compile. @param diagnostics the errors, with line numbers */
    record CompileError(List<Diagnostic> diagnostics) implements ExecutionResult {
        public CompileError {
            diagnostics = List.copyOf(diagnostics);
        }

        @Override
        public String status() {
            return "compile_error";
        }
    }

    /** The static scan (or a harness rule) refused the code before it ran. @param reason names the offending reference */
    record Rejected(String reason) implements ExecutionResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String status() {
            return "rejected";
        }
    }

    /**
     * A test failed: it threw {@link AssertionError} (in {@link TestStyle#MAIN}, {@code main} threw it), or the
     * test class has nothing that could pass.
     *
     * @param test    the test method ({@code "main"} for MAIN style)
     * @param message the assertion's message, possibly empty
     */
    record TestFailed(String test, String message) implements ExecutionResult {
        public TestFailed {
            Objects.requireNonNull(test, "test");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String status() {
            return "test_failed";
        }
    }

    /** A test threw something other than an AssertionError. @param summary exception class, message and top frame */
    record RuntimeError(String summary) implements ExecutionResult {
        public RuntimeError {
            Objects.requireNonNull(summary, "summary");
        }

        @Override
        public String status() {
            return "runtime_error";
        }
    }

    /** Compilation or execution ran past its wall-clock limit and was killed. @param limit the limit */
    record Timeout(Duration limit) implements ExecutionResult {
        public Timeout {
            Objects.requireNonNull(limit, "limit");
        }

        @Override
        public String status() {
            return "timeout";
        }
    }

    /**
     * The sandbox ended without a verdict: out of memory, output limit, killed, exited on its own, or the
     * sandbox machinery failed. @param detail what is known
     */
    record Crashed(String detail) implements ExecutionResult {
        public Crashed {
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String status() {
            return "crashed";
        }
    }
}
