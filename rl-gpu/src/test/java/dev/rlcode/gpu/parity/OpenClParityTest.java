package dev.rlcode.gpu.parity;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.BackendProvider.Availability;
import dev.rlcode.gpu.opencl.OpenClProvider;

/**
 * The parity suite on OpenCL (PoCL on CI). Skipped with its reason where OpenCL is missing, except under
 * {@code CI=true}, where CI installs PoCL and a missing OpenCL is a failure.
 */
class OpenClParityTest extends BackendParityTest {

    @Override
    Backend createBackend() {
        OpenClProvider p = new OpenClProvider();
        Availability a = p.probe();
        if (!"true".equals(System.getenv("CI"))) assumeTrue(a.available(), "OpenCL " + a);
        return p.create();
    }
}
