package dev.rlcode.gpu.opencl;

import dev.rlcode.gpu.DeviceMemory;
import dev.rlcode.gpu.GpuBackend;
import dev.rlcode.gpu.GpuException;
import dev.rlcode.gpu.KernelSource;
import dev.rlcode.gpu.NativeSignals;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

/**
 * The OpenCL backend: one context and one in-order queue on one device, owned by the dispatcher thread. Kernels are
 * {@link KernelSource} emitted as OpenCL C and built once at creation.
 *
 * {@snippet :
 * try (Backend be = OpenClBackend.create()) {
 *     Buffer x = be.fromArray(new float[] {1, -2, 3});
 *     be.kernels().biasActivation(x, be.fromArray(new float[3]), x, 1, 3, true);
 *     float[] y = be.toArray(x); // [1, 0, 3]
 * }
 * }
 */
public final class OpenClBackend extends GpuBackend {

    private final OpenCl cl;
    private final ClDevice device;
    private MemorySegment context, queue, program;
    private final Map<String, MemorySegment> kernelHandles = new HashMap<>();

    private OpenClBackend(OpenCl cl, ClDevice device) {
        super("rl-gpu-opencl-0");
        this.cl = cl;
        this.device = device;
    }

    /**
     * {@return a backend on the device {@code -Drl.opencl.device} selects (a GPU if there is one)}
     *
     * @throws IllegalStateException if OpenCL or a device is unavailable (the message says why)
     * @throws GpuException          if the kernels do not build (with the build log)
     */
    public static OpenClBackend create() {
        // PoCL's LLVM replaces the JVM's signal handlers while it builds the program; see NativeSignals
        return NativeSignals.guarded("OpenCL backend creation", OpenClBackend::createUnguarded);
    }

    private static OpenClBackend createUnguarded() {
        OpenCl cl = OpenCl.get();
        OpenClBackend be = new OpenClBackend(cl, ClDevice.choose(cl));
        try {
            be.dispatcher.run(be::init);
            be.initKernels(be.device.fp64(), be.device.computeUnits());
        } catch (RuntimeException e) {
            be.closeAfterFailedCreation(e);
            throw e;
        }
        return be;
    }

    private void init() {
        context = cl.createContext(device.device());
        queue = cl.createQueue(context, device.device());
        String options = "-cl-std=CL1.2" + (device.exactDivSqrt() ? " -cl-fp32-correctly-rounded-divide-sqrt" : "");
        program = cl.buildProgram(context, device.device(),
                KernelSource.emit(KernelSource.Dialect.OPENCL, device.fp64()), options);
        for (String k : KernelSource.KERNELS) kernelHandles.put(k, cl.createKernel(program, k));
    }

    /** {@return the device} */
    public ClDevice device() {
        return device;
    }

    @Override
    public String name() {
        return "opencl:" + device.name();
    }

    @Override
    protected DeviceMemory nativeAlloc(long bytes) {
        MemorySegment m = cl.createBuffer(context, bytes);
        try {
            cl.fillZero(queue, m, 0, bytes); // where a lazy allocator (NVIDIA's) reports running out of memory
        } catch (RuntimeException e) {
            try {
                cl.releaseMem(m);
            } catch (RuntimeException r) {
                e.addSuppressed(r);
            }
            throw e;
        }
        return new DeviceMemory(m.address(), bytes);
    }

    @Override
    protected void nativeFree(DeviceMemory m) {
        cl.releaseMem(MemorySegment.ofAddress(m.handle()));
    }

    @Override
    protected void nativeWrite(DeviceMemory dst, long dstByteOffset, MemorySegment src) {
        cl.write(queue, MemorySegment.ofAddress(dst.handle()), dstByteOffset, src);
    }

    @Override
    protected void nativeRead(DeviceMemory src, long srcByteOffset, MemorySegment dst) {
        cl.read(queue, MemorySegment.ofAddress(src.handle()), srcByteOffset, dst);
    }

    @Override
    protected void nativeCopy(DeviceMemory src, long srcByteOffset, DeviceMemory dst, long dstByteOffset, long bytes) {
        cl.copy(queue, MemorySegment.ofAddress(src.handle()), srcByteOffset, MemorySegment.ofAddress(dst.handle()),
                dstByteOffset, bytes);
    }

    @Override
    protected void nativeLaunch(String name, int[] global, int[] local, Object[] args) {
        MemorySegment k = kernelHandles.get(name);
        if (k == null) throw new IllegalArgumentException("no kernel " + name);
        try (Arena a = Arena.ofConfined()) {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case DeviceMemory m -> cl.argMem(k, name, i, MemorySegment.ofAddress(m.handle()), a);
                    case Integer v -> cl.argInt(k, name, i, v, a);
                    case Float v -> cl.argFloat(k, name, i, v, a);
                    default -> throw new IllegalArgumentException("kernel argument " + i + ": " + args[i]);
                }
            }
            cl.launch(queue, k, name, global, local, a);
        }
    }

    @Override
    protected void nativeFinish() {
        if (queue != null) cl.finish(queue);
    }

    @Override
    protected void nativeClose() {
        cl.release(kernelHandles.values().stream().toList(), program, queue, context);
        kernelHandles.clear();
        program = queue = context = null;
    }
}
