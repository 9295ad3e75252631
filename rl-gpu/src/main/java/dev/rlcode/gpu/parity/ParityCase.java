package dev.rlcode.gpu.parity;

import dev.rlcode.core.kernel.Backend;
import java.util.function.Consumer;

/**
 * One parity check: runs an op on the backend under test and compares with the references, throwing
 * {@link AssertionError} with the first mismatch.
 *
 * @param name e.g. {@code gemm tA=true tB=false 17x33x29 alpha=1 beta=0}
 * @param body the check, given the backend under test
 */
public record ParityCase(String name, Consumer<Backend> body) {}
