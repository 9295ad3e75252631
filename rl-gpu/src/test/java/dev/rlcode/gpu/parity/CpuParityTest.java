package dev.rlcode.gpu.parity;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.CpuBackend;

/** The parity suite on the Vector API CPU backend (the suite's own sanity check: it must pass everywhere). */
class CpuParityTest extends BackendParityTest {

    @Override
    Backend createBackend() {
        return CpuBackend.simd();
    }
}
