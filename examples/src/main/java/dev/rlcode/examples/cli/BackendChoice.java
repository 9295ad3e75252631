package dev.rlcode.examples.cli;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.CpuBackend;

/** The compute backends {@code --backend} accepts. */
enum BackendChoice {
    /** Plain-loop CPU kernels, the reference implementation. */
    scalar,
    /** Vector API CPU kernels. */
    simd,
    /** The fastest backend available on this machine. */
    auto;

    /**
     * {@return a new backend of this kind}
     */
    Backend create() {
        return switch (this) {
            case scalar -> CpuBackend.scalar();
            case simd -> CpuBackend.simd();
            // Honours -Drl.kernels / -Drl.vectorBits; SIMD at the preferred width by default. GPU backends will be
            // added here by the rl-gpu module.
            case auto -> CpuBackend.auto();
        };
    }
}
