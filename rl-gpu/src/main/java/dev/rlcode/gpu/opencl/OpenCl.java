package dev.rlcode.gpu.opencl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.rlcode.gpu.GpuException;
import dev.rlcode.gpu.opencl.ffi.ClNative;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed layer over {@link ClNative}: Java types in, handles ({@link MemorySegment}) out, every status through
 * {@link #check}. Short-lived confined arenas hold out-parameters; {@code clSetKernelArg} copies its value, and all
 * transfers here are blocking, so no host segment outlives its call.
 */
public final class OpenCl {

    /** The loader library, {@code libOpenCL.so.1} unless {@code -Drl.opencl.library} names another. */
    public static final String LIBRARY = System.getProperty("rl.opencl.library", "libOpenCL.so.1");

    private static volatile Object loaded;

    final ClNative n;

    private OpenCl(ClNative n) {
        this.n = n;
    }

    /**
     * {@return the bindings, loading the library on first use}
     *
     * @throws IllegalStateException with the reason when the loader cannot be loaded or lacks an entry point
     */
    public static OpenCl get() {
        Object l = loaded;
        if (l == null) {
            synchronized (OpenCl.class) {
                l = loaded;
                if (l == null) {
                    try {
                        l = new OpenCl(new ClNative(LIBRARY));
                    } catch (IllegalArgumentException e) {
                        l = "the OpenCL ICD loader is not installed (could not dlopen " + LIBRARY
                                + "; install ocl-icd-libopencl1 and a driver, e.g. pocl-opencl-icd)";
                    } catch (UnsatisfiedLinkError e) {
                        l = "the OpenCL loader " + LIBRARY + " is unusable: " + e.getMessage();
                    }
                    loaded = l;
                }
            }
        }
        if (l instanceof String reason) throw new IllegalStateException(reason);
        return (OpenCl) l;
    }

    /**
     * Throws unless {@code status} is {@code CL_SUCCESS}.
     *
     * @throws GpuException with the symbolic status name
     */
    public static void check(int status, String call) {
        if (status != ClNative.CL_SUCCESS) throw new GpuException(call, status, ClNative.statusName(status), null);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new GpuException(t.toString(), t);
    }

    /** {@return the platforms; empty when the loader finds no driver (CL_PLATFORM_NOT_FOUND_KHR)} */
    public List<MemorySegment> platforms() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment count = a.allocate(JAVA_INT);
            int st = (int) n.getPlatformIDs.invokeExact(0, MemorySegment.NULL, count);
            if (st == ClNative.CL_PLATFORM_NOT_FOUND_KHR) return List.of();
            check(st, "clGetPlatformIDs");
            int c = count.get(JAVA_INT, 0);
            if (c == 0) return List.of();
            MemorySegment ids = a.allocate(ADDRESS, c);
            check((int) n.getPlatformIDs.invokeExact(c, ids, MemorySegment.NULL), "clGetPlatformIDs");
            List<MemorySegment> out = new ArrayList<>();
            for (int i = 0; i < c; i++) out.add(ids.getAtIndex(ADDRESS, i));
            return out;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@return the devices of {@code type} on {@code platform}; empty for CL_DEVICE_NOT_FOUND} */
    public List<MemorySegment> devices(MemorySegment platform, long type) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment count = a.allocate(JAVA_INT);
            int st = (int) n.getDeviceIDs.invokeExact(platform, type, 0, MemorySegment.NULL, count);
            if (st == ClNative.CL_DEVICE_NOT_FOUND) return List.of();
            check(st, "clGetDeviceIDs");
            int c = count.get(JAVA_INT, 0);
            MemorySegment ids = a.allocate(ADDRESS, c);
            check((int) n.getDeviceIDs.invokeExact(platform, type, c, ids, MemorySegment.NULL), "clGetDeviceIDs");
            List<MemorySegment> out = new ArrayList<>();
            for (int i = 0; i < c; i++) out.add(ids.getAtIndex(ADDRESS, i));
            return out;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@return a string platform parameter} */
    public String platformString(MemorySegment platform, int param) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment size = a.allocate(JAVA_LONG);
            check((int) n.getPlatformInfo.invokeExact(platform, param, 0L, MemorySegment.NULL, size),
                    "clGetPlatformInfo");
            MemorySegment buf = a.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
            check((int) n.getPlatformInfo.invokeExact(platform, param, buf.byteSize(), buf, MemorySegment.NULL),
                    "clGetPlatformInfo");
            return buf.getString(0).strip();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@return a string device parameter} */
    public String deviceString(MemorySegment device, int param) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment size = a.allocate(JAVA_LONG);
            check((int) n.getDeviceInfo.invokeExact(device, param, 0L, MemorySegment.NULL, size), "clGetDeviceInfo");
            MemorySegment buf = a.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
            check((int) n.getDeviceInfo.invokeExact(device, param, buf.byteSize(), buf, MemorySegment.NULL),
                    "clGetDeviceInfo");
            return buf.getString(0).strip();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@return a 4-byte device parameter (cl_uint)} */
    public int deviceInt(MemorySegment device, int param) {
        return (int) deviceScalar(device, param, 4);
    }

    /** {@return an 8-byte device parameter (cl_ulong, size_t, cl_bitfield)} */
    public long deviceLong(MemorySegment device, int param) {
        return deviceScalar(device, param, 8);
    }

    private long deviceScalar(MemorySegment device, int param, int bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(JAVA_LONG);
            check((int) n.getDeviceInfo.invokeExact(device, param, (long) bytes, buf, MemorySegment.NULL),
                    "clGetDeviceInfo");
            return bytes == 4 ? buf.get(JAVA_INT, 0) : buf.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@return a context on one device} */
    public MemorySegment createContext(MemorySegment device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment devs = a.allocate(ADDRESS);
            devs.set(ADDRESS, 0, device);
            MemorySegment err = a.allocate(JAVA_INT);
            MemorySegment ctx = (MemorySegment) n.createContext.invokeExact(MemorySegment.NULL, 1, devs,
                    MemorySegment.NULL, MemorySegment.NULL, err);
            check(err.get(JAVA_INT, 0), "clCreateContext");
            return ctx;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@return an in-order command queue} */
    public MemorySegment createQueue(MemorySegment ctx, MemorySegment device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment err = a.allocate(JAVA_INT);
            MemorySegment q = (MemorySegment) n.createCommandQueue.invokeExact(ctx, device, 0L, err);
            check(err.get(JAVA_INT, 0), "clCreateCommandQueue");
            return q;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@return a program built from {@code source} for {@code device}}
     *
     * @throws GpuException carrying the build log when the build fails
     */
    public MemorySegment buildProgram(MemorySegment ctx, MemorySegment device, String source, String options) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment strings = a.allocate(ADDRESS);
            strings.set(ADDRESS, 0, a.allocateFrom(source));
            MemorySegment err = a.allocate(JAVA_INT);
            MemorySegment prog = (MemorySegment) n.createProgramWithSource.invokeExact(ctx, 1, strings,
                    MemorySegment.NULL, err);
            check(err.get(JAVA_INT, 0), "clCreateProgramWithSource");
            MemorySegment devs = a.allocate(ADDRESS);
            devs.set(ADDRESS, 0, device);
            int st = (int) n.buildProgram.invokeExact(prog, 1, devs, a.allocateFrom(options), MemorySegment.NULL,
                    MemorySegment.NULL);
            if (st != ClNative.CL_SUCCESS) {
                String log = buildLog(prog, device);
                int ignored = (int) n.releaseProgram.invokeExact(prog);
                throw new GpuException("clBuildProgram", st, ClNative.statusName(st), log);
            }
            return prog;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private String buildLog(MemorySegment prog, MemorySegment device) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment size = a.allocate(JAVA_LONG);
            int st = (int) n.getProgramBuildInfo.invokeExact(prog, device, ClNative.CL_PROGRAM_BUILD_LOG, 0L,
                    MemorySegment.NULL, size);
            if (st != ClNative.CL_SUCCESS) return "(no build log: clGetProgramBuildInfo " + ClNative.statusName(st) + ")";
            long len = size.get(JAVA_LONG, 0);
            if (len <= 1) return "";
            MemorySegment buf = a.allocate(len);
            check((int) n.getProgramBuildInfo.invokeExact(prog, device, ClNative.CL_PROGRAM_BUILD_LOG, len, buf,
                    MemorySegment.NULL), "clGetProgramBuildInfo");
            return buf.getString(0);
        }
    }

    /** {@return the kernel {@code name} of a built program} */
    public MemorySegment createKernel(MemorySegment program, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment err = a.allocate(JAVA_INT);
            MemorySegment k = (MemorySegment) n.createKernel.invokeExact(program, a.allocateFrom(name), err);
            check(err.get(JAVA_INT, 0), "clCreateKernel(" + name + ")");
            return k;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@return a read-write buffer of {@code bytes} bytes (contents undefined)} */
    public MemorySegment createBuffer(MemorySegment ctx, long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment err = a.allocate(JAVA_INT);
            MemorySegment m = (MemorySegment) n.createBuffer.invokeExact(ctx, ClNative.CL_MEM_READ_WRITE, bytes,
                    MemorySegment.NULL, err);
            check(err.get(JAVA_INT, 0), "clCreateBuffer(" + bytes + " bytes)");
            return m;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Enqueues a zero fill of {@code bytes} bytes (a multiple of 4) at {@code offset}. */
    public void fillZero(MemorySegment queue, MemorySegment mem, long offset, long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment pattern = a.allocateFrom(JAVA_INT, 0);
            check((int) n.enqueueFillBuffer.invokeExact(queue, mem, pattern, 4L, offset, bytes, 0,
                    MemorySegment.NULL, MemorySegment.NULL), "clEnqueueFillBuffer");
            // the pattern is copied at enqueue time (OpenCL 1.2, 5.2.2), so the arena may close now
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Blocking write of all of {@code host} to {@code mem} at {@code offset}. */
    public void write(MemorySegment queue, MemorySegment mem, long offset, MemorySegment host) {
        try {
            check((int) n.enqueueWriteBuffer.invokeExact(queue, mem, ClNative.CL_TRUE, offset, host.byteSize(), host,
                    0, MemorySegment.NULL, MemorySegment.NULL), "clEnqueueWriteBuffer");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Blocking read from {@code mem} at {@code offset} filling {@code host}. */
    public void read(MemorySegment queue, MemorySegment mem, long offset, MemorySegment host) {
        try {
            check((int) n.enqueueReadBuffer.invokeExact(queue, mem, ClNative.CL_TRUE, offset, host.byteSize(), host,
                    0, MemorySegment.NULL, MemorySegment.NULL), "clEnqueueReadBuffer");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Enqueues a device-to-device copy. */
    public void copy(MemorySegment queue, MemorySegment src, long srcOff, MemorySegment dst, long dstOff, long bytes) {
        try {
            check((int) n.enqueueCopyBuffer.invokeExact(queue, src, dst, srcOff, dstOff, bytes, 0, MemorySegment.NULL,
                    MemorySegment.NULL), "clEnqueueCopyBuffer");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Sets kernel argument {@code index} to a buffer handle ({@code NULL} for an absent buffer); {@code kernelName}
     * names the kernel in a failure.
     */
    public void argMem(MemorySegment kernel, String kernelName, int index, MemorySegment mem, Arena a) {
        try {
            MemorySegment v = a.allocate(ADDRESS);
            v.set(ADDRESS, 0, mem);
            check((int) n.setKernelArg.invokeExact(kernel, index, ADDRESS.byteSize(), v), "clSetKernelArg(" + kernelName + ", " + index + ")");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Sets kernel argument {@code index} to an int. */
    public void argInt(MemorySegment kernel, String kernelName, int index, int value, Arena a) {
        try {
            check((int) n.setKernelArg.invokeExact(kernel, index, 4L, a.allocateFrom(JAVA_INT, value)),
                    "clSetKernelArg(" + kernelName + ", " + index + ")");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Sets kernel argument {@code index} to a float. */
    public void argFloat(MemorySegment kernel, String kernelName, int index, float value, Arena a) {
        try {
            check((int) n.setKernelArg.invokeExact(kernel, index, 4L, a.allocateFrom(JAVA_FLOAT, value)),
                    "clSetKernelArg(" + kernelName + ", " + index + ")");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Enqueues {@code kernel} over {@code global} work-items in groups of {@code local}; {@code kernelName} names
     * the kernel in a failure.
     */
    public void launch(MemorySegment queue, MemorySegment kernel, String kernelName, int[] global, int[] local,
            Arena a) {
        try {
            int dims = global.length;
            MemorySegment g = a.allocate(JAVA_LONG, dims), l = a.allocate(JAVA_LONG, dims);
            for (int i = 0; i < dims; i++) {
                g.setAtIndex(JAVA_LONG, i, global[i]);
                l.setAtIndex(JAVA_LONG, i, local[i]);
            }
            check((int) n.enqueueNDRangeKernel.invokeExact(queue, kernel, dims, MemorySegment.NULL, g, l, 0,
                    MemorySegment.NULL, MemorySegment.NULL), "clEnqueueNDRangeKernel(" + kernelName + ")");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Waits for the queue to drain. */
    public void finish(MemorySegment queue) {
        try {
            check((int) n.finish.invokeExact(queue), "clFinish");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Releases a memory object. */
    public void releaseMem(MemorySegment mem) {
        try {
            check((int) n.releaseMemObject.invokeExact(mem), "clReleaseMemObject");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Releases kernels, the program, the queue and the context, in that order (null entries are skipped). */
    public void release(List<MemorySegment> kernels, MemorySegment program, MemorySegment queue, MemorySegment ctx) {
        try {
            for (MemorySegment k : kernels) check((int) n.releaseKernel.invokeExact(k), "clReleaseKernel");
            if (program != null) check((int) n.releaseProgram.invokeExact(program), "clReleaseProgram");
            if (queue != null) check((int) n.releaseCommandQueue.invokeExact(queue), "clReleaseCommandQueue");
            if (ctx != null) check((int) n.releaseContext.invokeExact(ctx), "clReleaseContext");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
