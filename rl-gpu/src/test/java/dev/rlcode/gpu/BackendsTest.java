package dev.rlcode.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.BackendProvider;
import dev.rlcode.core.kernel.BackendProvider.Availability;
import dev.rlcode.gpu.cuda.Cuda;
import dev.rlcode.gpu.cuda.ffi.CuNative;
import dev.rlcode.gpu.opencl.ffi.ClNative;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void serviceLoaderFindsAllThreeProvidersInOrder() {
        assertEquals(List.of("cpu", "opencl", "cuda"), List.copyOf(Backends.providers().keySet()));
    }

    @Test
    void probesNeverThrowAndCpuIsAvailable() {
        for (Backends.Probed p : Backends.probeAll()) {
            Availability a = p.availability();
            assertFalse(a.detail().isBlank(), p.provider().name());
            if (p.provider().name().equals("cpu")) assertTrue(a.available());
        }
    }

    @Test
    void unknownNameIsAnErrorListingTheNames() {
        var e = assertThrows(IllegalArgumentException.class, () -> Backends.select("tpu"));
        assertTrue(e.getMessage().contains("[cpu, opencl, cuda]"), e.getMessage());
    }

    @Test
    void autoPrefersAGpuAndFallsBackToCpu() {
        BackendProvider chosen = Backends.select("auto");
        boolean anyGpu = Backends.probeAll().stream()
                .anyMatch(p -> !p.provider().name().equals("cpu") && p.availability().available()
                        && p.availability().gpu());
        assertEquals(anyGpu, !chosen.name().equals("cpu"), chosen.name());
        try (Backend be = Backends.create("cpu")) {
            assertTrue(be.name().startsWith("cpu-"), be.name());
        }
    }

    /** Without libcuda (this CI), asking for cuda names the reason; with a driver, it creates a backend. */
    @Test
    void cudaUnavailableHereSaysWhy() {
        Availability a = Backends.providers().get("cuda").probe();
        if (Files.exists(Path.of("/dev/nvidiactl"))) return; // a GPU machine: covered by CudaParityTest
        assertFalse(a.available());
        if (a.reason().contains("could not dlopen")) {
            assertEquals(Cuda.NO_DRIVER, a.reason());
            assertEquals("the NVIDIA driver library is not installed (could not dlopen libcuda.so.1)", a.reason());
        }
        var e = assertThrows(IllegalStateException.class, () -> Backends.select("cuda"));
        assertEquals("backend cuda is unavailable: " + a.reason(), e.getMessage());
    }

    @Test
    void statusNameTables() {
        assertEquals("CL_OUT_OF_RESOURCES", ClNative.statusName(-5));
        assertEquals("CL_BUILD_PROGRAM_FAILURE", ClNative.statusName(-11));
        assertEquals("CL_PLATFORM_NOT_FOUND_KHR", ClNative.statusName(-1001));
        assertEquals("CL_UNKNOWN_ERROR_-9999", ClNative.statusName(-9999));
        assertEquals("CUDA_ERROR_NO_DEVICE", CuNative.statusName(100));
        assertEquals("CUDA_ERROR_UNSUPPORTED_PTX_VERSION", CuNative.statusName(222));
        assertEquals("CUDA_ERROR_12345", CuNative.statusName(12345));
        GpuException g = new GpuException("clBuildProgram", -11, "CL_BUILD_PROGRAM_FAILURE", "error: x");
        assertTrue(g.getMessage().startsWith("clBuildProgram failed: CL_BUILD_PROGRAM_FAILURE (-11)"));
        assertTrue(g.getMessage().contains("----- build log -----\nerror: x"), g.getMessage());
    }

    /**
     * A GPU backend can probe available and still fail to start (a driver that cannot load the kernels, a busy
     * device in exclusive mode): {@code auto} then goes on to the next backend instead of failing.
     */
    @Test
    void autoSkipsAGpuBackendThatProbedAvailableButFailsToStart() {
        java.util.concurrent.atomic.AtomicInteger tried = new java.util.concurrent.atomic.AtomicInteger();
        dev.rlcode.core.kernel.BackendProvider broken = new dev.rlcode.core.kernel.BackendProvider() {
            @Override
            public String name() {
                return "cuda";
            }

            @Override
            public Availability probe() {
                return Availability.available("a GPU whose driver cannot load the kernels", true);
            }

            @Override
            public dev.rlcode.core.kernel.Backend create() {
                tried.incrementAndGet();
                throw new GpuException("cuModuleLoadDataEx", 222, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION", null);
            }
        };
        java.util.Map<String, dev.rlcode.core.kernel.BackendProvider> all = new java.util.LinkedHashMap<>();
        all.put("cpu", Backends.providers().get("cpu"));
        all.put("cuda", broken);
        java.util.List<String> startFailures = new java.util.ArrayList<>();
        try (dev.rlcode.core.kernel.Backend be = Backends.createAuto(all, startFailures)) {
            assertEquals(1, tried.get(), "auto tried the GPU backend first");
            assertTrue(be.name().startsWith("cpu"), be.name());
        }
        assertEquals(1, startFailures.size(), startFailures.toString());
        assertTrue(startFailures.get(0).startsWith("cuda: cuModuleLoadDataEx failed: CUDA_ERROR_UNSUPPORTED_PTX_VERSION"),
                startFailures.get(0));
    }
}
