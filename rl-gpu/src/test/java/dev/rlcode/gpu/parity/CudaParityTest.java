package dev.rlcode.gpu.parity;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.BackendProvider.Availability;
import dev.rlcode.gpu.cuda.CudaProvider;

/** The parity suite on CUDA; skipped with its reason where there is no NVIDIA driver or GPU. */
class CudaParityTest extends BackendParityTest {

    @Override
    Backend createBackend() {
        CudaProvider p = new CudaProvider();
        Availability a = p.probe();
        assumeTrue(a.available(), "CUDA " + a);
        return p.create();
    }
}
