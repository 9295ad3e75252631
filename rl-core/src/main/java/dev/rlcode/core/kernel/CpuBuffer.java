package dev.rlcode.core.kernel;

import java.util.Objects;

/**
 * A {@link Buffer} of a {@link CpuBackend}: a range {@code [offset, offset + length)} of a host {@code float[]}
 * (F32) or {@code int[]} (I32). A {@link #slice(int, int)} shares the array.
 *
 * <p>The array is reached only through the backend and the CPU kernels (package-private accessors), so code
 * written against {@link Backend} runs unchanged on a GPU backend.
 */
public final class CpuBuffer implements Buffer {

    private final CpuBackend backend;
    private final float[] floats;
    private final int[] ints;
    private final int offset;
    private final int length;

    private CpuBuffer(CpuBackend backend, float[] floats, int[] ints, int offset, int length) {
        this.backend = backend;
        this.floats = floats;
        this.ints = ints;
        this.offset = offset;
        this.length = length;
    }

    static CpuBuffer ofFloats(CpuBackend backend, int length) {
        checkLength(length);
        return new CpuBuffer(backend, new float[length], null, 0, length);
    }

    static CpuBuffer ofInts(CpuBackend backend, int length) {
        checkLength(length);
        return new CpuBuffer(backend, null, new int[length], 0, length);
    }

    private static void checkLength(int length) {
        if (length < 0) throw new IllegalArgumentException("buffer length: expected >= 0, actual " + length);
    }

    @Override
    public CpuBackend backend() {
        return backend;
    }

    @Override
    public DType dtype() {
        return floats != null ? DType.F32 : DType.I32;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public CpuBuffer slice(int offset, int length) {
        Objects.checkFromIndexSize(offset, length, this.length);
        return new CpuBuffer(backend, floats, ints, this.offset + offset, length);
    }

    /** {@return the backing float array (null for I32); element 0 of this buffer is at {@link #offset()}} */
    float[] floats() {
        return floats;
    }

    /** {@return the backing int array (null for F32); element 0 of this buffer is at {@link #offset()}} */
    int[] ints() {
        return ints;
    }

    /** {@return the index of this buffer's element 0 in its backing array} */
    int offset() {
        return offset;
    }

    /** {@return the backing array, whichever dtype} */
    Object storage() {
        return floats != null ? floats : ints;
    }

    @Override
    public String toString() {
        return "CpuBuffer[" + dtype() + ", offset=" + offset + ", length=" + length + "]";
    }
}
