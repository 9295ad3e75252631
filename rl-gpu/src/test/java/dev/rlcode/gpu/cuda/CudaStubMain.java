package dev.rlcode.gpu.cuda;

import dev.rlcode.core.kernel.BackendProvider.Availability;
import dev.rlcode.gpu.parity.Parity;
import dev.rlcode.gpu.parity.ParityCase;

/**
 * Run by {@link CudaStubDriverTest} in a JVM of its own whose {@code -Drl.cuda.library} names the stub driver: probes
 * the CUDA backend, creates it, runs the parity suite's GEMM and buffer cases (the kernels the stub executes) and
 * closes it, printing one line per step for the test to read.
 */
public final class CudaStubMain {

    private CudaStubMain() {
    }

    public static void main(String[] args) {
        Availability av = new CudaProvider().probe();
        System.out.println("probe " + (av.available() ? "available " : "unavailable ") + av.detail());
        try (CudaBackend be = CudaBackend.create()) {
            System.out.println("created " + be.name());
            int passed = 0, failed = 0;
            for (ParityCase c : new Parity(7).cases()) {
                if (!c.name().startsWith("gemm") && !c.name().startsWith("buffers")) continue;
                try {
                    c.body().accept(be);
                    passed++;
                } catch (AssertionError | RuntimeException e) {
                    failed++;
                    System.out.println("FAILED " + c.name() + ": " + e.getMessage());
                }
            }
            System.out.println("cases " + passed + " passed, " + failed + " failed");
        } catch (RuntimeException e) {
            System.out.println("error " + e.getMessage().lines().findFirst().orElse(""));
        }
        System.out.println("done");
    }
}
