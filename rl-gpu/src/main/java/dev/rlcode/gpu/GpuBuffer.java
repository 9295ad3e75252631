package dev.rlcode.gpu;

import dev.rlcode.core.kernel.Buffer;
import dev.rlcode.core.kernel.DType;
import java.util.Objects;

/**
 * A {@link Buffer} of a {@link GpuBackend}: elements {@code [offset, offset + length)} of one device allocation.
 * A {@link #slice} shares the allocation; the offset is passed to every kernel next to the pointer, so OpenCL (which
 * cannot offset a {@code cl_mem}) and CUDA run the same kernel code.
 */
public final class GpuBuffer implements Buffer {

    private final GpuBackend backend;
    private final DType dtype;
    private final Allocation root;
    private final int offset;
    private final int length;

    /** The allocation shared by a buffer and its slices; the backend frees it when none is reachable. */
    static final class Allocation {
        final DeviceMemory memory;

        Allocation(DeviceMemory memory) {
            this.memory = memory;
        }
    }

    GpuBuffer(GpuBackend backend, DType dtype, Allocation root, int offset, int length) {
        this.backend = backend;
        this.dtype = dtype;
        this.root = root;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public GpuBackend backend() {
        return backend;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public GpuBuffer slice(int offset, int length) {
        Objects.checkFromIndexSize(offset, length, this.length);
        return new GpuBuffer(backend, dtype, root, this.offset + offset, length);
    }

    /** {@return the device allocation this buffer is a range of} */
    public DeviceMemory memory() {
        return root.memory;
    }

    /** {@return the index of this buffer's element 0 in its allocation} */
    public int offset() {
        return offset;
    }

    /** {@return whether {@code other} is a range of the same allocation} */
    boolean sameAllocation(GpuBuffer other) {
        return other != null && other.root == root;
    }

    @Override
    public String toString() {
        return "GpuBuffer[" + backend.name() + ", " + dtype + ", offset=" + offset + ", length=" + length + "]";
    }
}
