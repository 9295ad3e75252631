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
     *
     * @throws CliException if this build has no such backend
     */
    Backend create() {
        return switch (this) {
            case scalar -> CpuBackend.scalar();
            // The only backend this build has is the scalar one, so it is the fastest available.
            case auto -> CpuBackend.scalar();
            case simd -> throw new CliException("--backend simd: expected scalar or auto, actual simd (the Vector API "
                    + "backend is not in this build yet)");
        };
    }
}
