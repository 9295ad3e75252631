package dev.rlcode.core.kernel;

import java.util.Objects;

/** The buffer-kind check of the CPU backend and kernels; the kernels' other checks are in {@link CheckedKernels}. */
final class CpuArgs {

    private CpuArgs() {}

    /**
     * {@return {@code b} as a CPU buffer}
     *
     * @throws NullPointerException     if {@code b} is null
     * @throws IllegalArgumentException if {@code b} belongs to another kind of backend
     */
    static CpuBuffer cpu(Buffer b, String name) {
        Objects.requireNonNull(b, name);
        if (b instanceof CpuBuffer c) return c;
        throw new IllegalArgumentException(name + ": expected a CpuBuffer, actual " + b.getClass().getName()
                + " of backend " + b.backend().name());
    }
}
