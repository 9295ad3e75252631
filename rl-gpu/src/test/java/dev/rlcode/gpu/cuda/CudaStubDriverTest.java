package dev.rlcode.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rlcode.gpu.ChildProcess;
import dev.rlcode.gpu.KernelSource;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA backend end to end against a stand-in driver ({@code cuda_stub.c}, compiled here with the system C
 * compiler into a {@code libcuda.so.1} on host memory), since no GPU is in CI: probe, primary context, module load
 * (with the PTX version lowering), the parity suite's GEMM and buffer cases through every GEMM kernel, and a close
 * that frees everything; plus the refusals for an old driver, an old device and PTX the driver cannot load. The
 * stub fails and reports any call made without the context current, any pointer argument outside a live allocation
 * and any grid beyond CUDA's limits. Where the build had no nvcc, a PTX skeleton with the kernels' {@code .entry}
 * signatures, derived from the CUDA C {@link KernelSource} emits, stands in for nvcc's PTX.
 */
class CudaStubDriverTest {

    @TempDir
    static Path dir;
    private static Path library;
    private static String classPath;

    @BeforeAll
    static void buildStub() throws Exception {
        Path cc = findCompiler();
        if (!"true".equals(System.getenv("CI"))) assumeTrue(cc != null, "no C compiler (cc or gcc) on PATH");
        assertTrue(cc != null, "CI needs a C compiler (gcc) for the CUDA stub driver: .ci/run installs it");
        Path src = dir.resolve("cuda_stub.c");
        try (InputStream in = CudaStubDriverTest.class.getResourceAsStream("cuda_stub.c")) {
            Files.copy(in, src);
        }
        library = dir.resolve("libcuda.so.1");
        ChildProcess.Result r = run(List.of(cc.toString(), "-shared", "-fPIC", "-O1", "-ffp-contract=off", "-o", library.toString(),
                src.toString(), "-lm", "-lpthread"), Map.of());
        assertEquals(0, r.exit(), "compiling the stub driver:\n" + r.output());
        classPath = System.getProperty("java.class.path");
        if (!CudaBackend.hasPtx()) classPath += File.pathSeparator + skeleton(dir.resolve("skeleton"));
    }

    @Test
    void runsTheGemmAndBufferCasesThroughEveryKernelAndFreesEverything() throws Exception {
        ChildProcess.Result r = child(Map.of());
        assertTrue(r.output().contains("probe available rlcode stub GPU, sm_90, driver CUDA 12.4"), r.output());
        assertTrue(r.output().contains("created cuda:rlcode stub GPU"), r.output());
        Matcher m = Pattern.compile("cases (\\d+) passed, 0 failed").matcher(r.output());
        assertTrue(m.find(), r.output());
        assertEquals(105, Integer.parseInt(m.group(1)), "104 GEMM cases (8 of them alpha = 0) and the buffer case\n" + r.output());
        assertTrue(r.output().contains("stub: summary version=7.8 target=sm_90"), r.output());
        assertTrue(r.output().contains(" live_allocations=0 violations=0"), r.output());
        assertFalse(r.output().contains("VIOLATION"), r.output());
    }

    @Test
    void anAmpereClassDeviceGetsTheSm75ModuleLoweredToIsa63() throws Exception {
        ChildProcess.Result r = child(Map.of("STUB_CC", "8.6", "STUB_SMS", "2", "STUB_DRIVER", "11040", "STUB_MAX_PTX", "7.4"));
        assertTrue(r.output().contains("probe available rlcode stub GPU, sm_86, driver CUDA 11.4"), r.output());
        assertTrue(r.output().contains("stub: summary version=6.3 target=sm_75"), r.output());
        assertTrue(r.output().contains(" 0 failed") && r.output().contains(" violations=0"), r.output());
    }

    @Test
    void aDriverOlderThanTheKernelsIsaIsUnavailableWithTheReason() throws Exception {
        ChildProcess.Result r = child(Map.of("STUB_DRIVER", "11070"));
        assertTrue(r.output().contains("probe unavailable rlcode stub GPU: the NVIDIA driver supports CUDA 11.7, older "
                + "than the PTX ISA 7.8 (CUDA 11.8) the kernels need"), r.output());
        assertTrue(r.output().contains("error the NVIDIA driver supports CUDA 11.7"), r.output());
    }

    @Test
    void aDeviceBelowSm75IsUnavailableWithTheReason() throws Exception {
        ChildProcess.Result r = child(Map.of("STUB_CC", "7.0"));
        assertTrue(r.output().contains("probe unavailable rlcode stub GPU: compute capability 7.0 is below 7.5"), r.output());
        assertTrue(r.output().contains("error compute capability 7.0 is below 7.5"), r.output());
    }

    @Test
    void ptxTheDriverRefusesNamesTheDriverAndTheIsa() throws Exception {
        ChildProcess.Result r = child(Map.of("STUB_MAX_PTX", "7.7"));
        assertTrue(r.output().contains("error the driver (CUDA 12.4) cannot load the kernels' PTX ISA 7.8 (CUDA 11.8) "
                + "for sm_90: update the NVIDIA driver"), r.output());
        // the driver's own failure stays attached, with both JIT logs
        assertTrue(r.output().contains("cause cuModuleLoadDataEx failed: CUDA_ERROR_UNSUPPORTED_PTX_VERSION (222)"
                + "|----- build log -----|ptxas fatal: Unsupported .version 7.8|----- JIT info log -----|ptxas info: "
                + "target sm_90"), r.output());
    }

    /** A zero-fill that runs out of memory frees the allocation it was clearing (10 such failures leak nothing). */
    @Test
    void anAllocationWhoseZeroFillFailsIsFreed() throws Exception {
        ChildProcess.Result r = child(Map.of("STUB_FAIL_MEMSET_FROM", "2"), "failing-allocations"); // scratch: 2
        assertTrue(r.output().contains("created cuda:"), r.output());
        assertTrue(r.output().contains("alloc failed: cuMemsetD32_v2 failed: CUDA_ERROR_OUT_OF_MEMORY"), r.output());
        assertTrue(r.output().contains("alloc failures 10"), r.output());
        assertTrue(r.output().contains(" live_allocations=0 violations=0"), r.output());
        assertTrue(r.output().contains("device thread alive false"), r.output());
    }

    /** A creation that fails after its context and module exist (its scratch cannot be cleared) releases them. */
    @Test
    void aCreationThatFailsAfterItsModuleLoadedReleasesEverything() throws Exception {
        ChildProcess.Result r = child(Map.of("STUB_FAIL_MEMSET_FROM", "1"), "failing-allocations");
        assertTrue(r.output().contains("error cuMemsetD32_v2 failed: CUDA_ERROR_OUT_OF_MEMORY"), r.output());
        assertTrue(r.output().contains("stub: summary") && r.output().contains(" live_allocations=0 violations=0"),
                "the module was unloaded and nothing stayed allocated\n" + r.output());
        assertTrue(r.output().contains("device thread alive false"), r.output());
    }

    /** A launch over CUDA's grid limit fails at the call that asked for it; the backend goes on working. */
    @Test
    void aGemmOverTheGridLimitFailsAtItsOwnCall() throws Exception {
        ChildProcess.Result r = child(Map.of(), "big-grid");
        assertTrue(r.output().contains("gemm refused: rl_gemm: 65537 blocks along y, more than the 65535 CUDA allows"),
                r.output());
        assertTrue(r.output().contains("next upload [9.0, 2.0, 3.0]"), r.output());
    }

    /** A library that is no CUDA driver at all (it exports no cuInit) is named so, not "too old". */
    @Test
    void aLibraryThatIsNoCudaDriverIsNamedSo() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ChildProcess.Result r = run(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "--add-modules",
                "jdk.incubator.vector", "-Drl.cuda.library=libc.so.6", "-cp", classPath, CudaStubMain.class.getName()),
                Map.of());
        assertTrue(r.output().contains("probe unavailable libc.so.6 is not a CUDA driver library (it exports no "
                + "cuInit)"), r.output());
    }

    /** The stub's own checks fire: without them the tests above could pass on a backend that broke them. */
    @Test
    void theStubRefusesWhatARealDriverWouldRefuse() throws Exception {
        ChildProcess.Result r = child(Map.of(), "controls");
        assertTrue(r.output().contains("control valid ok"), r.output());
        assertTrue(r.output().contains("control pointer refused: cuLaunchKernel failed: CUDA_ERROR_INVALID_VALUE (1)")
                && r.output().contains("VIOLATION cuLaunchKernel: rl_fill argument 0 is not a device pointer"), r.output());
        assertTrue(r.output().contains("control grid refused") && r.output().contains("rl_fill grid (1,70000,1)"), r.output());
        assertTrue(r.output().contains("control block refused") && r.output().contains("block (2048,1,1)"), r.output());
        assertTrue(r.output().contains("control context refused: cuLaunchKernel failed: CUDA_ERROR_INVALID_CONTEXT (201)")
                && r.output().contains("no context current on the calling thread"), r.output());
        assertTrue(r.output().contains("launches=1 live_allocations=0 violations=4"), r.output());
    }

    // ---------------------------------------------------------------- helpers

    private static ChildProcess.Result child(Map<String, String> env, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "--add-modules", "jdk.incubator.vector", "-Drl.cuda.library=" + library, "-cp", classPath,
                CudaStubMain.class.getName()));
        cmd.addAll(List.of(args));
        ChildProcess.Result r = run(cmd, env);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("done"), r.output());
        return r;
    }

    private static ChildProcess.Result run(List<String> cmd, Map<String, String> env)
            throws IOException, InterruptedException {
        return ChildProcess.run(cmd, env, Duration.ofMinutes(2));
    }

    private static Path findCompiler() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : new String[] {"cc", "gcc"}) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) return p;
            }
        }
        return null;
    }

    /**
     * Writes PTX skeletons for both targets into a class-path folder: the header nvcc writes and one {@code .entry}
     * per kernel with its parameters from the CUDA C signature (a pointer as {@code .u64}, {@code int} as
     * {@code .u32}, {@code float} as {@code .f32}), which is what the stub checks launches against.
     */
    private static Path skeleton(Path root) throws IOException {
        String cuda = KernelSource.emit(KernelSource.Dialect.CUDA, true);
        StringBuilder entries = new StringBuilder();
        Matcher m = Pattern.compile("KERNEL\\s+(\\w+)\\s*\\(([^)]*)\\)").matcher(cuda);
        int found = 0;
        while (m.find()) {
            found++;
            entries.append(".visible .entry ").append(m.group(1)).append("(\n");
            String[] params = m.group(2).split(",");
            for (int i = 0; i < params.length; i++) {
                String p = params[i].strip();
                String type = p.contains("*") ? ".u64" : p.startsWith("float") ? ".f32" : ".u32";
                entries.append("\t.param ").append(type).append(' ').append(m.group(1)).append("_param_").append(i)
                        .append(i + 1 < params.length ? ",\n" : "\n");
            }
            entries.append(")\n{\n\tret;\n}\n\n");
        }
        assertEquals(KernelSource.KERNELS.size(), found, "kernel signatures in the CUDA source");
        Path pkg = Files.createDirectories(root.resolve("dev/rlcode/gpu/cuda"));
        for (String arch : new String[] {"75", "90"}) {
            Files.writeString(pkg.resolve("rlkernels_compute" + arch + ".ptx"),
                    "//\n// skeleton\n//\n\n.version 9.0\n.target sm_" + arch + "\n.address_size 64\n\n" + entries,
                    StandardCharsets.US_ASCII);
        }
        return root;
    }
}
