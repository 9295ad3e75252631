package dev.rlcode.examples.cli;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.gpu.Backends;

/** The compute backends {@code --backend} accepts. */
enum BackendChoice {
    /** Plain-loop CPU kernels, the reference implementation. */
    scalar,
    /** Vector API CPU kernels. */
    simd,
    /** The CPU backend at its default (SIMD at the preferred width; honours -Drl.kernels / -Drl.vectorBits). */
    cpu,
    /** OpenCL through the ICD loader (any OpenCL device, PoCL included). */
    opencl,
    /** CUDA through the driver API (needs an NVIDIA driver). */
    cuda,
    /** CUDA if available, else OpenCL on a GPU device, else the CPU (as {@code rlcode backends} shows). */
    auto;

    /**
     * {@return a new backend of this kind}
     *
     * @throws CliException if the backend is unavailable here (the message gives the probe's reason)
     */
    Backend create() {
        return switch (this) {
            case scalar -> CpuBackend.scalar();
            case simd -> CpuBackend.simd();
            case cpu -> CpuBackend.auto();
            case opencl, cuda, auto -> {
                try {
                    yield Backends.create(name());
                } catch (IllegalStateException | IllegalArgumentException e) {
                    throw new CliException("--backend " + name() + ": " + e.getMessage(), e);
                }
            }
        };
    }
}
