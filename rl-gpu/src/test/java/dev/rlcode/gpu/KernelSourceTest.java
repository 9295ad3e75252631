package dev.rlcode.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.gpu.KernelSource.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KernelSourceTest {

    @Test
    void bothDialectsShareTheBodyAndDeclareEveryKernel() {
        String cl = KernelSource.emit(Dialect.OPENCL, true), cu = KernelSource.emit(Dialect.CUDA, true);
        assertTrue(cl.endsWith(KernelSource.BODY) && cu.endsWith(KernelSource.BODY));
        Matcher m = Pattern.compile("KERNEL (rl_\\w+)\\(").matcher(KernelSource.BODY);
        java.util.List<String> declared = new java.util.ArrayList<>();
        while (m.find()) declared.add(m.group(1));
        assertEquals(KernelSource.KERNELS, declared);
        assertTrue(cl.contains("#pragma OPENCL FP_CONTRACT OFF"));
        assertTrue(cl.contains("cl_khr_fp64"));
        assertFalse(KernelSource.emit(Dialect.OPENCL, false).contains("cl_khr_fp64"));
        assertTrue(cu.contains("#define KERNEL extern \"C\" __global__ void"));
        assertTrue(cu.contains("fmaf("));
        assertFalse(cu.contains("__kernel") || cu.contains("get_global_id"));
    }

    @Test
    void bodyUsesNoDialectSpecificCall() {
        // the body may only reach the platform through the prelude macros
        for (String token : new String[] {"get_global_id", "threadIdx", "__global", "__shared__", "barrier(",
                "__syncthreads", " fma(", "fmaf(", "sqrtf(", "sqrt("}) {
            assertFalse(KernelSource.BODY.contains(token), token);
        }
    }

    /** Where the build had nvcc, the jar carries PTX for both architectures with every entry point. */
    @Test
    void buildTimePtxHasEveryKernelWhenNvccExists() throws IOException {
        if (!Files.isExecutable(Path.of("/usr/local/cuda/bin/nvcc"))) return; // no nvcc: no PTX expected
        for (String arch : new String[] {"75", "90"}) {
            String name = "cuda/rlkernels_compute" + arch + ".ptx";
            try (InputStream in = KernelSource.class.getResourceAsStream(name)) {
                assertNotNull(in, name);
                String ptx = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(ptx.contains(".target sm_" + arch), name);
                for (String k : KernelSource.KERNELS) assertTrue(ptx.contains(".entry " + k + "("), name + ": " + k);
            }
        }
    }

    /**
     * Where ptxas is installed (it comes with nvcc), each PTX file assembles for its own architecture: the step a
     * CUDA driver's JIT takes at module load, checked here without a driver or a GPU.
     */
    @Test
    void buildTimePtxAssemblesWithPtxas(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path ptxas = Path.of("/usr/local/cuda/bin/ptxas");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(ptxas), "no ptxas at " + ptxas);
        for (String arch : new String[] {"75", "90"}) {
            String name = "cuda/rlkernels_compute" + arch + ".ptx";
            Path ptx = tmp.resolve("k" + arch + ".ptx"), cubin = tmp.resolve("k" + arch + ".cubin");
            try (InputStream in = KernelSource.class.getResourceAsStream(name)) {
                assertNotNull(in, name);
                Files.copy(in, ptx);
            }
            ChildProcess.Result r = ChildProcess.run(List.of(ptxas.toString(), "-arch=sm_" + arch, "-v",
                    ptx.toString(), "-o", cubin.toString()), Map.of(), Duration.ofMinutes(2));
            String out = r.output();
            assertEquals(0, r.exit(), name + ":\n" + out);
            for (String k : KernelSource.KERNELS) {
                assertTrue(out.contains("Compiling entry function '" + k + "' for 'sm_" + arch + "'"),
                        name + ": " + k + "\n" + out);
            }
            assertTrue(Files.size(cubin) > 0, "empty cubin for sm_" + arch);
            // no kernel spills registers to local memory (the register-blocked GEMM keeps 8x8 accumulators)
            assertEquals(KernelSource.KERNELS.size(),
                    out.split("0 bytes spill stores, 0 bytes spill loads", -1).length - 1, name + ":\n" + out);
        }
    }
}
