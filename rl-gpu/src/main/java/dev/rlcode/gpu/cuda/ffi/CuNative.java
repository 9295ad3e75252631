package dev.rlcode.gpu.cuda.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Raw downcall handles into the CUDA driver API ({@code libcuda.so.1}, shipped with the NVIDIA driver, not the
 * toolkit). {@code cuda.h} maps most calls to versioned symbols ({@code cuMemAlloc} → {@code cuMemAlloc_v2}); the
 * exact exported name whose signature is declared here is bound. {@code CUdeviceptr} is {@code JAVA_LONG},
 * {@code CUdevice} and {@code CUresult} are {@code JAVA_INT}, other handles {@code ADDRESS}.
 */
public final class CuNative {

    public static final int CUDA_SUCCESS = 0;
    public static final int CUDA_ERROR_NO_DEVICE = 100;
    public static final int CUDA_ERROR_UNSUPPORTED_PTX_VERSION = 222;
    public static final int CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
    public static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
    public static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;
    public static final int CU_JIT_INFO_LOG_BUFFER = 3, CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES = 4,
            CU_JIT_ERROR_LOG_BUFFER = 5, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "CUDA_SUCCESS"), Map.entry(1, "CUDA_ERROR_INVALID_VALUE"),
            Map.entry(2, "CUDA_ERROR_OUT_OF_MEMORY"), Map.entry(3, "CUDA_ERROR_NOT_INITIALIZED"),
            Map.entry(4, "CUDA_ERROR_DEINITIALIZED"), Map.entry(34, "CUDA_ERROR_STUB_LIBRARY"),
            Map.entry(36, "CUDA_ERROR_CALL_REQUIRES_NEWER_DRIVER"), Map.entry(46, "CUDA_ERROR_DEVICE_UNAVAILABLE"),
            Map.entry(100, "CUDA_ERROR_NO_DEVICE"),
            Map.entry(101, "CUDA_ERROR_INVALID_DEVICE"), Map.entry(200, "CUDA_ERROR_INVALID_IMAGE"),
            Map.entry(201, "CUDA_ERROR_INVALID_CONTEXT"), Map.entry(209, "CUDA_ERROR_NO_BINARY_FOR_GPU"),
            Map.entry(218, "CUDA_ERROR_INVALID_PTX"), Map.entry(221, "CUDA_ERROR_JIT_COMPILER_NOT_FOUND"),
            Map.entry(222, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION"),
            Map.entry(300, "CUDA_ERROR_INVALID_SOURCE"), Map.entry(400, "CUDA_ERROR_INVALID_HANDLE"),
            Map.entry(500, "CUDA_ERROR_NOT_FOUND"), Map.entry(700, "CUDA_ERROR_ILLEGAL_ADDRESS"),
            Map.entry(701, "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES"), Map.entry(702, "CUDA_ERROR_LAUNCH_TIMEOUT"),
            Map.entry(719, "CUDA_ERROR_LAUNCH_FAILED"), Map.entry(803, "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH"),
            Map.entry(804, "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE"), Map.entry(999, "CUDA_ERROR_UNKNOWN"));

    /** {@return the symbolic name of a {@code CUresult} from the built-in table, or {@code CUDA_ERROR_<n>}} */
    public static String statusName(int status) {
        return NAMES.getOrDefault(status, "CUDA_ERROR_" + status);
    }

    private static final Linker LINKER = Linker.nativeLinker();

    public final MethodHandle init, driverGetVersion, deviceGetCount, deviceGet, deviceGetName, deviceGetAttribute,
            primaryCtxRetain, primaryCtxRelease, ctxSetCurrent, ctxSynchronize, moduleLoadDataEx, moduleGetFunction,
            moduleUnload, memAlloc, memFree, memcpyHtoD, memcpyDtoH, memcpyDtoD, memsetD32, launchKernel,
            getErrorName;

    private final SymbolLookup lib;

    /**
     * Loads the driver library and binds the entry points.
     *
     * @throws IllegalArgumentException if the library cannot be loaded (no driver)
     * @throws UnsatisfiedLinkError     if an entry point is missing (a driver older than CUDA 11)
     */
    public CuNative(String library) {
        lib = library.contains("/") ? SymbolLookup.libraryLookup(java.nio.file.Path.of(library), Arena.global())
                : SymbolLookup.libraryLookup(library, Arena.global());
        init = h(JAVA_INT, new MemoryLayout[] {JAVA_INT}, "cuInit");
        driverGetVersion = h(JAVA_INT, new MemoryLayout[] {ADDRESS}, "cuDriverGetVersion");
        deviceGetCount = h(JAVA_INT, new MemoryLayout[] {ADDRESS}, "cuDeviceGetCount");
        deviceGet = h(JAVA_INT, new MemoryLayout[] {ADDRESS, JAVA_INT}, "cuDeviceGet");
        deviceGetName = h(JAVA_INT, new MemoryLayout[] {ADDRESS, JAVA_INT, JAVA_INT}, "cuDeviceGetName");
        deviceGetAttribute = h(JAVA_INT, new MemoryLayout[] {ADDRESS, JAVA_INT, JAVA_INT}, "cuDeviceGetAttribute");
        primaryCtxRetain = h(JAVA_INT, new MemoryLayout[] {ADDRESS, JAVA_INT}, "cuDevicePrimaryCtxRetain");
        primaryCtxRelease = h(JAVA_INT, new MemoryLayout[] {JAVA_INT}, "cuDevicePrimaryCtxRelease_v2",
                "cuDevicePrimaryCtxRelease");
        ctxSetCurrent = h(JAVA_INT, new MemoryLayout[] {ADDRESS}, "cuCtxSetCurrent");
        ctxSynchronize = h(JAVA_INT, new MemoryLayout[] {}, "cuCtxSynchronize");
        moduleLoadDataEx = h(JAVA_INT, new MemoryLayout[] {ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS},
                "cuModuleLoadDataEx");
        moduleGetFunction = h(JAVA_INT, new MemoryLayout[] {ADDRESS, ADDRESS, ADDRESS}, "cuModuleGetFunction");
        moduleUnload = h(JAVA_INT, new MemoryLayout[] {ADDRESS}, "cuModuleUnload");
        memAlloc = h(JAVA_INT, new MemoryLayout[] {ADDRESS, JAVA_LONG}, "cuMemAlloc_v2");
        memFree = h(JAVA_INT, new MemoryLayout[] {JAVA_LONG}, "cuMemFree_v2");
        memcpyHtoD = h(JAVA_INT, new MemoryLayout[] {JAVA_LONG, ADDRESS, JAVA_LONG}, "cuMemcpyHtoD_v2");
        memcpyDtoH = h(JAVA_INT, new MemoryLayout[] {ADDRESS, JAVA_LONG, JAVA_LONG}, "cuMemcpyDtoH_v2");
        memcpyDtoD = h(JAVA_INT, new MemoryLayout[] {JAVA_LONG, JAVA_LONG, JAVA_LONG}, "cuMemcpyDtoD_v2");
        memsetD32 = h(JAVA_INT, new MemoryLayout[] {JAVA_LONG, JAVA_INT, JAVA_LONG}, "cuMemsetD32_v2");
        launchKernel = h(JAVA_INT, new MemoryLayout[] {ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS}, "cuLaunchKernel");
        getErrorName = h(JAVA_INT, new MemoryLayout[] {JAVA_INT, ADDRESS}, "cuGetErrorName");
    }

    private MethodHandle h(MemoryLayout ret, MemoryLayout[] args, String... names) {
        for (String name : names) {
            Optional<MemorySegment> s = lib.find(name);
            if (s.isPresent()) return LINKER.downcallHandle(s.get(), FunctionDescriptor.of(ret, args));
        }
        throw new UnsatisfiedLinkError("CUDA driver entry point not exported: " + Arrays.toString(names));
    }
}
