package dev.rlcode.gpu.cuda;

import dev.rlcode.gpu.DeviceMemory;
import dev.rlcode.gpu.GpuBackend;
import dev.rlcode.gpu.GpuException;
import dev.rlcode.gpu.KernelSource;
import dev.rlcode.gpu.NativeSignals;
import dev.rlcode.gpu.cuda.ffi.CuNative;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CUDA backend: device 0's primary context, current on the dispatcher thread only; kernels launched on the
 * null stream. The module is the PTX nvcc built at build time ({@code rlkernels_compute90.ptx} for compute
 * capability 9.0 and up, {@code rlkernels_compute75.ptx} below), or, when the jar has none, {@link KernelSource}
 * compiled by NVRTC at run time if NVRTC is installed; either is loaded with its {@code .version} lowered to the
 * oldest PTX ISA its target accepts ({@link PtxVersion}), so a CUDA 11.8 or 12.x driver loads what CUDA 13 built.
 */
public final class CudaBackend extends GpuBackend {

    /** PTX resources, highest architecture first: {name, minimum major compute capability}. */
    static final List<String> PTX = List.of("rlkernels_compute90.ptx", "rlkernels_compute75.ptx");

    private final Cuda cu;
    private final int device;
    private final String deviceName;
    private MemorySegment module;
    private final Map<String, MemorySegment> functions = new HashMap<>();
    private boolean contextRetained;
    /** CUDA's largest grid extent along y and z. */
    static final int MAX_GRID_YZ = 65_535;
    private int multiprocessors;

    private CudaBackend(Cuda cu, int device) {
        super("rl-gpu-cuda-0");
        this.cu = cu;
        this.device = device;
        this.deviceName = cu.deviceName(device);
    }

    /**
     * {@return a backend on device 0}
     *
     * @throws IllegalStateException if there is no driver, device or kernel image (the message says why)
     * @throws dev.rlcode.gpu.GpuException if the driver rejects the module (with the JIT log)
     */
    public static CudaBackend create() {
        // the driver loads and JIT-compiles native code; keep the JVM's signal handlers (see NativeSignals)
        return NativeSignals.guarded("CUDA backend creation", CudaBackend::createUnguarded);
    }

    private static CudaBackend createUnguarded() {
        Cuda cu = Cuda.get();
        CudaBackend be = new CudaBackend(cu, cu.device(0));
        try {
            be.dispatcher.run(be::init);
            be.initKernels(true, be.multiprocessors);
        } catch (RuntimeException e) {
            be.closeAfterFailedCreation(e);
            throw e;
        }
        return be;
    }

    private void init() {
        cu.retainPrimaryContext(device);
        contextRetained = true;
        int[] cc = cu.computeCapability(device);
        multiprocessors = cu.multiprocessorCount(device);
        String refused = refusal(cc, cu.driverVersion());
        if (refused != null) throw new IllegalStateException(refused);
        String ptx = PtxVersion.lower(ptxText(cc[0]));
        try (Arena a = Arena.ofConfined()) {
            module = cu.loadModule(a.allocateFrom(ptx));
        } catch (GpuException e) {
            if (e.status() != CuNative.CUDA_ERROR_UNSUPPORTED_PTX_VERSION) throw e;
            int[] v = PtxVersion.declared(ptx);
            throw new GpuException("the driver (" + PtxVersion.driver(cu.driverVersion()) + ") cannot load the kernels' "
                    + (v == null ? "PTX" : PtxVersion.describe(v)) + " for " + PtxVersion.target(ptx)
                    + ": update the NVIDIA driver", e);
        }
        for (String k : KernelSource.KERNELS) functions.put(k, cu.function(module, k));
    }

    /** {@return why this device and driver cannot run our kernels ({@link #unsupportedReason}, then
     * {@link #oldDriverReason}), or null when they can} */
    static String refusal(int[] cc, int driverVersion) {
        String reason = unsupportedReason(cc);
        return reason != null ? reason : oldDriverReason(driverVersion, cc);
    }

    /** {@return why a device of compute capability {@code cc} cannot run our kernels, or null when it can} */
    static String unsupportedReason(int[] cc) {
        return cc[0] * 10 + cc[1] < 75 ? "compute capability " + cc[0] + "." + cc[1]
                + " is below 7.5, the oldest the CUDA kernels are built for (sm_75)" : null;
    }

    /**
     * {@return why a driver of version {@code driverVersion} (cuDriverGetVersion's form) cannot load our PTX for a
     * device of compute capability {@code cc}, or null when it can}: the PTX is lowered to its target's minimum ISA,
     * which CUDA 10.0 (sm_75) or CUDA 11.8 (sm_90) introduced
     */
    static String oldDriverReason(int driverVersion, int[] cc) {
        int[] isa = PtxVersion.MINIMUM.get(cc[0] >= 9 ? "sm_90" : "sm_75");
        int needed = PtxVersion.cudaVersion(isa);
        return driverVersion >= needed ? null : "the NVIDIA driver supports " + PtxVersion.driver(driverVersion)
                + ", older than the " + PtxVersion.describe(isa) + " the kernels need: update the driver";
    }

    /**
     * {@return the PTX text for compute capability {@code major}: the build-time PTX (compute_90 from 9.0 up, else
     * compute_75), else NVRTC's compilation of {@link KernelSource}}
     */
    static String ptxText(int major) {
        String resource = major >= 9 ? PTX.get(0) : PTX.get(1);
        byte[] bytes = resource(resource);
        if (bytes == null && major >= 9) bytes = resource(PTX.get(1));
        if (bytes != null) return new String(bytes, StandardCharsets.US_ASCII);
        List<String> tried = new ArrayList<>();
        var nv = Cuda.nvrtc(tried);
        if (nv == null) throw new IllegalStateException(noImageReason(tried));
        String arch = "compute_" + (major >= 9 ? "90" : "75");
        try (Arena a = Arena.ofConfined()) {
            return Cuda.compile(nv, KernelSource.emit(KernelSource.Dialect.CUDA, true), arch, a).getString(0);
        }
    }

    /** {@return whether the jar carries build-time PTX} */
    static boolean hasPtx() {
        return PTX.stream().anyMatch(p -> CudaBackend.class.getResource(p) != null);
    }

    static String noImageReason(List<String> tried) {
        return "no CUDA kernel image: rl-gpu was built without nvcc (no " + PTX + " resources) and NVRTC is not "
                + "installed (tried " + tried + ")";
    }

    private static byte[] resource(String name) {
        try (InputStream in = CudaBackend.class.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "cuda:" + deviceName;
    }

    @Override
    protected DeviceMemory nativeAlloc(long bytes) {
        return new DeviceMemory(cu.alloc((bytes + 3) / 4 * 4), bytes);
    }

    @Override
    protected void nativeFree(DeviceMemory m) {
        cu.free(m.handle());
    }

    @Override
    protected void nativeWrite(DeviceMemory dst, long dstByteOffset, MemorySegment src) {
        cu.write(dst.handle() + dstByteOffset, src);
    }

    @Override
    protected void nativeRead(DeviceMemory src, long srcByteOffset, MemorySegment dst) {
        cu.read(src.handle() + srcByteOffset, dst);
    }

    @Override
    protected void nativeCopy(DeviceMemory src, long srcByteOffset, DeviceMemory dst, long dstByteOffset, long bytes) {
        cu.copy(src.handle() + srcByteOffset, dst.handle() + dstByteOffset, bytes);
    }

    @Override
    protected void nativeLaunch(String name, int[] global, int[] local, Object[] args) {
        MemorySegment f = functions.get(name);
        if (f == null) throw new IllegalArgumentException("no kernel " + name);
        int[] block = {1, 1, 1};
        for (int i = 0; i < global.length; i++) block[i] = local[i];
        int[] grid = grid(global, local); // checked by checkLaunch when it was enqueued
        List<Object> params = new ArrayList<>(args.length);
        for (Object o : args) params.add(o instanceof DeviceMemory m ? (Object) m.handle() : o);
        cu.launch(f, name, grid, block, params);
    }

    @Override
    protected void checkLaunch(String name, int[] global, int[] local) {
        checkGrid(name, grid(global, local));
    }

    private static int[] grid(int[] global, int[] local) {
        int[] grid = {1, 1, 1};
        for (int i = 0; i < global.length; i++) grid[i] = global[i] / local[i];
        return grid;
    }

    /**
     * Refuses a grid CUDA cannot launch (at most 65,535 blocks along y and z; OpenCL has no such limit), naming the
     * kernel, instead of the driver's bare CUDA_ERROR_INVALID_VALUE. A GEMM reaches it above about a million rows.
     */
    static void checkGrid(String kernel, int[] grid) {
        for (int d = 1; d < 3; d++) {
            if (grid[d] > MAX_GRID_YZ) {
                throw new IllegalArgumentException(kernel + ": " + grid[d] + " blocks along " + (d == 1 ? "y" : "z")
                        + ", more than the " + MAX_GRID_YZ + " CUDA allows (too many rows for one launch)");
            }
        }
    }

    @Override
    protected void nativeFinish() {
        if (contextRetained) cu.synchronize();
    }

    @Override
    protected void nativeClose() {
        if (module != null) cu.unload(module);
        module = null;
        functions.clear();
        if (contextRetained) cu.releasePrimaryContext(device);
        contextRetained = false;
    }
}
