package dev.rlcode.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.gpu.opencl.OpenClProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link BackendBench}'s op names, and every op of {@link BackendOps} building and running on the CPU kernel sets
 * and, where it exists, OpenCL (PoCL on CI), so a benchmark run does not fail in its setup.
 */
class BackendBenchTest {

    private static final String[] OPS = {"gemm 33", "adam 1000", "dqn 4-16-16-3 b8", "  gemm   7 "};

    @Test
    void everyOpRunsOnEveryBackendHere() {
        List<Backend> backends = new ArrayList<>(List.of(CpuBackend.simd(), CpuBackend.scalar()));
        if (new OpenClProvider().probe().available() || "true".equals(System.getenv("CI"))) {
            backends.add(BackendOps.open("opencl"));
        }
        try {
            for (Backend be : backends) {
                for (String op : OPS) {
                    Runnable call = BackendBench.build(be, op);
                    call.run();
                    call.run();
                    be.synchronize();
                }
            }
        } finally {
            backends.forEach(Backend::close);
        }
    }

    @Test
    void aMalformedOpIsRefusedWithTheAcceptedForms() {
        try (Backend cpu = CpuBackend.simd()) {
            for (String op : new String[] {"gemm", "gemm -1", "gemm x", "dqn 4-2 b8", "dqn 4-8-2 8", "conv 3", ""}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> BackendBench.build(cpu, op), op);
                assertTrue(e.getMessage().contains("\"" + op + "\"") && e.getMessage().contains("gemm N"),
                        e.getMessage());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> BackendOps.open("tpu"));
    }
}
