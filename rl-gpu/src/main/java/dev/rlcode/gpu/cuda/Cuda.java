package dev.rlcode.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.rlcode.gpu.GpuException;
import dev.rlcode.gpu.cuda.ffi.CuNative;
import dev.rlcode.gpu.cuda.ffi.NvrtcNative;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed layer over {@link CuNative} (and {@link NvrtcNative}): every {@code CUresult} goes through
 * {@link #check}, which throws a {@link GpuException} with the symbolic name.
 */
public final class Cuda {

    /** The driver library, {@code libcuda.so.1} unless {@code -Drl.cuda.library} names another (a path or SONAME). */
    public static final String LIBRARY = System.getProperty("rl.cuda.library", "libcuda.so.1");

    /** The reason given when the driver library cannot be loaded. */
    public static final String NO_DRIVER = "the NVIDIA driver library is not installed (could not dlopen "
            + LIBRARY + ")";

    private static volatile Object loaded;

    final CuNative n;

    private Cuda(CuNative n) {
        this.n = n;
    }

    /**
     * {@return the bindings after a successful {@code cuInit(0)}, loading the driver on first use}
     *
     * @throws IllegalStateException with the reason when there is no driver, no device or cuInit fails
     */
    public static Cuda get() {
        Object l = loaded;
        if (l == null) {
            synchronized (Cuda.class) {
                l = loaded;
                if (l == null) {
                    l = load();
                    loaded = l;
                }
            }
        }
        if (l instanceof String reason) throw new IllegalStateException(reason);
        return (Cuda) l;
    }

    private static Object load() {
        CuNative n;
        try {
            n = new CuNative(LIBRARY);
        } catch (IllegalArgumentException e) {
            return NO_DRIVER;
        } catch (UnsatisfiedLinkError e) {
            // without cuInit it is no CUDA driver at all; with it, an entry point newer than the driver is missing
            return e.getMessage().contains("[cuInit]")
                    ? LIBRARY + " is not a CUDA driver library (it exports no cuInit): -Drl.cuda.library should name "
                    + "the NVIDIA driver's libcuda.so.1"
                    : "the NVIDIA driver library " + LIBRARY + " is too old: " + e.getMessage();
        }
        Cuda cu = new Cuda(n);
        try {
            int st = (int) n.init.invokeExact(0);
            if (st != CuNative.CUDA_SUCCESS) {
                return "cuInit failed: " + cu.statusName(st) + " (" + st + ")"
                        + (st == CuNative.CUDA_ERROR_NO_DEVICE
                        ? ": the driver is installed but no GPU is visible (a container without --gpus, or "
                        + "CUDA_VISIBLE_DEVICES empty)" : "");
            }
            if (cu.deviceCount() == 0) return "the NVIDIA driver reports no CUDA device";
        } catch (Throwable t) {
            return "cuInit failed: " + t;
        }
        return cu;
    }

    /** {@return the driver's name for {@code status}, or the built-in table's} */
    public String statusName(int status) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ADDRESS);
            if ((int) n.getErrorName.invokeExact(status, p) == CuNative.CUDA_SUCCESS) {
                return p.get(ADDRESS, 0).reinterpret(128).getString(0);
            }
        } catch (Throwable ignored) {
            // fall back to the table
        }
        return CuNative.statusName(status);
    }

    /**
     * Throws unless {@code status} is {@code CUDA_SUCCESS}.
     *
     * @throws GpuException with the symbolic name
     */
    public void check(int status, String call) {
        if (status != CuNative.CUDA_SUCCESS) throw new GpuException(call, status, statusName(status), null);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new GpuException(t.toString(), t);
    }

    /** A driver call that writes one {@code int} through its pointer argument and returns its status. */
    @FunctionalInterface
    private interface IntOut {
        int call(MemorySegment out) throws Throwable;
    }

    /** {@return the {@code int} {@code c} writes, after checking its status under the name {@code call}} */
    private int intOut(String call, IntOut c) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            check(c.call(v), call);
            return v.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@return the driver's CUDA version as cuDriverGetVersion reports it, e.g. 12040 for CUDA 12.4} */
    public int driverVersion() {
        return intOut("cuDriverGetVersion", v -> (int) n.driverGetVersion.invokeExact(v));
    }

    /** {@return the number of devices} */
    public int deviceCount() {
        return intOut("cuDeviceGetCount", v -> (int) n.deviceGetCount.invokeExact(v));
    }

    /** {@return the {@code CUdevice} of ordinal {@code ordinal}} */
    public int device(int ordinal) {
        return intOut("cuDeviceGet", v -> (int) n.deviceGet.invokeExact(v, ordinal));
    }

    /** {@return the device's name} */
    public String deviceName(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(256);
            check((int) n.deviceGetName.invokeExact(buf, 256, device), "cuDeviceGetName");
            return buf.getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@return the value of device attribute {@code attribute} ({@code CU_DEVICE_ATTRIBUTE_*})} */
    private int attribute(int device, int attribute) {
        return intOut("cuDeviceGetAttribute(" + attribute + ")",
                v -> (int) n.deviceGetAttribute.invokeExact(v, attribute, device));
    }

    /** {@return the device's number of streaming multiprocessors} */
    public int multiprocessorCount(int device) {
        return attribute(device, CuNative.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
    }

    /** {@return {major, minor} compute capability} */
    public int[] computeCapability(int device) {
        return new int[] {attribute(device, CuNative.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                attribute(device, CuNative.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR)};
    }

    /** Retains the device's primary context and makes it current on the calling thread; {@return it} */
    public MemorySegment retainPrimaryContext(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ADDRESS);
            check((int) n.primaryCtxRetain.invokeExact(p, device), "cuDevicePrimaryCtxRetain");
            MemorySegment ctx = p.get(ADDRESS, 0);
            check((int) n.ctxSetCurrent.invokeExact(ctx), "cuCtxSetCurrent");
            return ctx;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Releases the primary context retained by {@link #retainPrimaryContext}. */
    public void releasePrimaryContext(int device) {
        try {
            check((int) n.primaryCtxRelease.invokeExact(device), "cuDevicePrimaryCtxRelease");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@return the module loaded from a NUL-terminated PTX image}
     *
     * @throws GpuException with the JIT error log, and its info log when not empty, on failure
     */
    public MemorySegment loadModule(MemorySegment image) {
        try (Arena a = Arena.ofConfined()) {
            int logSize = 16 * 1024;
            MemorySegment errLog = a.allocate(logSize), infoLog = a.allocate(logSize);
            MemorySegment opts = a.allocateFrom(JAVA_INT, CuNative.CU_JIT_ERROR_LOG_BUFFER,
                    CuNative.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, CuNative.CU_JIT_INFO_LOG_BUFFER,
                    CuNative.CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES);
            MemorySegment vals = a.allocate(ADDRESS, 4); // void**: buffers, and sizes smuggled in pointer slots
            vals.setAtIndex(ADDRESS, 0, errLog);
            vals.setAtIndex(ADDRESS, 1, MemorySegment.ofAddress(logSize));
            vals.setAtIndex(ADDRESS, 2, infoLog);
            vals.setAtIndex(ADDRESS, 3, MemorySegment.ofAddress(logSize));
            MemorySegment mod = a.allocate(ADDRESS);
            int st = (int) n.moduleLoadDataEx.invokeExact(mod, image, 4, opts, vals);
            if (st != CuNative.CUDA_SUCCESS) {
                throw new GpuException("cuModuleLoadDataEx", st, statusName(st),
                        jitLog(errLog.getString(0), infoLog.getString(0)));
            }
            return mod.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@return the JIT's error log, then its info log under a heading when the info log is not blank} */
    static String jitLog(String error, String info) {
        return info.isBlank() ? error : error.strip() + "\n----- JIT info log -----\n" + info.strip();
    }

    /** {@return the kernel {@code name} of a module} */
    public MemorySegment function(MemorySegment module, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment f = a.allocate(ADDRESS);
            check((int) n.moduleGetFunction.invokeExact(f, module, a.allocateFrom(name)),
                    "cuModuleGetFunction(" + name + ")");
            return f.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Unloads a module. */
    public void unload(MemorySegment module) {
        try {
            check((int) n.moduleUnload.invokeExact(module), "cuModuleUnload");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@return a zero-filled device allocation of {@code bytes} (a multiple of 4)} */
    public long alloc(long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(JAVA_LONG);
            check((int) n.memAlloc.invokeExact(p, bytes), "cuMemAlloc_v2(" + bytes + " bytes)");
            long ptr = p.get(JAVA_LONG, 0);
            int status = (int) n.memsetD32.invokeExact(ptr, 0, bytes / 4);
            if (status != 0) { // not zero-filled: freed here, or nobody ever would
                int freed = (int) n.memFree.invokeExact(ptr);
                try {
                    check(status, "cuMemsetD32_v2");
                } catch (GpuException e) {
                    if (freed != 0) e.addSuppressed(new GpuException("cuMemFree_v2 (of the unfilled allocation)",
                            freed, statusName(freed), null));
                    throw e;
                }
            }
            return ptr;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Frees a device allocation. */
    public void free(long ptr) {
        try {
            check((int) n.memFree.invokeExact(ptr), "cuMemFree_v2");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Blocking host-to-device copy of all of {@code src}. */
    public void write(long dst, MemorySegment src) {
        try {
            check((int) n.memcpyHtoD.invokeExact(dst, src, src.byteSize()), "cuMemcpyHtoD_v2");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Blocking device-to-host copy filling {@code dst}. */
    public void read(long src, MemorySegment dst) {
        try {
            check((int) n.memcpyDtoH.invokeExact(dst, src, dst.byteSize()), "cuMemcpyDtoH_v2");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Device-to-device copy. */
    public void copy(long src, long dst, long bytes) {
        try {
            check((int) n.memcpyDtoD.invokeExact(dst, src, bytes), "cuMemcpyDtoD_v2");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Launches {@code f} on the null stream. {@code args} are {@link Long} ({@code CUdeviceptr}), {@link Integer} and
     * {@link Float}; {@code kernelParams} is {@code void**}, each slot pointing at a cell holding the value.
     */
    public void launch(MemorySegment f, int[] grid, int[] block, List<Object> args) {
        launch(f, "", grid, block, args);
    }

    /** As {@link #launch(MemorySegment, int[], int[], List)}, naming kernel {@code name} in a failure. */
    public void launch(MemorySegment f, String name, int[] grid, int[] block, List<Object> args) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = a.allocate(ADDRESS, Math.max(1, args.size()));
            for (int i = 0; i < args.size(); i++) {
                MemorySegment cell = switch (args.get(i)) {
                    case Long v -> a.allocateFrom(JAVA_LONG, v);
                    case Integer v -> a.allocateFrom(JAVA_INT, v);
                    case Float v -> a.allocateFrom(JAVA_FLOAT, v);
                    default -> throw new IllegalArgumentException("kernel argument " + i + ": " + args.get(i));
                };
                params.setAtIndex(ADDRESS, i, cell);
            }
            check((int) n.launchKernel.invokeExact(f, grid[0], grid[1], grid[2], block[0], block[1], block[2], 0,
                    MemorySegment.NULL, params, MemorySegment.NULL),
                    name.isEmpty() ? "cuLaunchKernel" : "cuLaunchKernel(" + name + ")");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Waits for the current context. */
    public void synchronize() {
        try {
            check((int) n.ctxSynchronize.invokeExact(), "cuCtxSynchronize");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@return NVRTC bindings, or null when no NVRTC library loads} @param tried receives the names tried */
    static NvrtcNative nvrtc(List<String> tried) {
        String home = System.getenv().getOrDefault("CUDA_HOME", "/usr/local/cuda");
        List<String> names = new ArrayList<>();
        String prop = System.getProperty("rl.nvrtc.library");
        if (prop != null) names.add(prop);
        names.addAll(List.of("libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so", home + "/lib64/libnvrtc.so"));
        for (String name : names) {
            try {
                return new NvrtcNative(name);
            } catch (IllegalArgumentException | UnsatisfiedLinkError e) {
                tried.add(name);
            }
        }
        return null;
    }

    /**
     * {@return NUL-terminated PTX compiled by NVRTC from {@code source}, allocated in {@code out}}
     *
     * @throws GpuException with the NVRTC log when compilation fails
     */
    static MemorySegment compile(NvrtcNative nv, String source, String arch, Arena out) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment progPtr = a.allocate(ADDRESS);
            int st = (int) nv.createProgram.invokeExact(progPtr, a.allocateFrom(source), a.allocateFrom("rlkernels.cu"),
                    0, MemorySegment.NULL, MemorySegment.NULL);
            nvrtcCheck(nv, st, "nvrtcCreateProgram", null);
            MemorySegment prog = progPtr.get(ADDRESS, 0);
            try {
                String[] opts = {"--gpu-architecture=" + arch, "--fmad=false"};
                MemorySegment optv = a.allocate(ADDRESS, opts.length);
                for (int i = 0; i < opts.length; i++) optv.setAtIndex(ADDRESS, i, a.allocateFrom(opts[i]));
                st = (int) nv.compileProgram.invokeExact(prog, opts.length, optv);
                if (st != 0) {
                    MemorySegment size = a.allocate(JAVA_LONG);
                    int ignored = (int) nv.getProgramLogSize.invokeExact(prog, size);
                    MemorySegment log = a.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
                    ignored = (int) nv.getProgramLog.invokeExact(prog, log);
                    nvrtcCheck(nv, st, "nvrtcCompileProgram", log.getString(0));
                }
                MemorySegment size = a.allocate(JAVA_LONG);
                nvrtcCheck(nv, (int) nv.getPTXSize.invokeExact(prog, size), "nvrtcGetPTXSize", null);
                MemorySegment ptx = out.allocate(size.get(JAVA_LONG, 0) + 1);
                nvrtcCheck(nv, (int) nv.getPTX.invokeExact(prog, ptx), "nvrtcGetPTX", null);
                ptx.set(JAVA_BYTE, ptx.byteSize() - 1, (byte) 0);
                return ptx;
            } finally {
                int ignored = (int) nv.destroyProgram.invokeExact(progPtr);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void nvrtcCheck(NvrtcNative nv, int st, String call, String log) throws Throwable {
        if (st == 0) return;
        String name = ((MemorySegment) nv.getErrorString.invokeExact(st)).reinterpret(128).getString(0);
        throw new GpuException(call, st, name, log);
    }
}
