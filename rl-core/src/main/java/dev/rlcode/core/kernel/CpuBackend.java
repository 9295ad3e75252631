package dev.rlcode.core.kernel;

import java.util.Objects;

/**
 * The host backend: buffers are Java arrays, transfers are array copies, and kernels run on the calling thread.
 * It is the reference every other backend is parity-tested against.
 *
 * {@snippet :
 * Backend be = CpuBackend.scalar();
 * Buffer x = be.fromArray(new float[] {1, -2, 3});
 * be.kernels().biasActivation(x, be.fromArray(new float[] {0, 0, 0}), x, 1, 3, true);
 * float[] y = be.toArray(x); // [1, 0, 3]
 * }
 */
public final class CpuBackend implements Backend {

    private final Kernels kernels;

    private CpuBackend(Kernels kernels) {
        this.kernels = kernels;
    }

    /** {@return a backend running {@link ScalarKernels}, the plain-loop oracle} */
    public static CpuBackend scalar() {
        return new CpuBackend(new ScalarKernels());
    }

    @Override
    public String name() {
        return "cpu-" + kernels.name();
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    @Override
    public CpuBuffer allocF32(int length) {
        return CpuBuffer.ofFloats(this, length);
    }

    @Override
    public CpuBuffer allocI32(int length) {
        return CpuBuffer.ofInts(this, length);
    }

    @Override
    public void upload(float[] src, int srcOff, Buffer dst, int dstOff, int n) {
        Objects.requireNonNull(src, "src");
        CpuBuffer d = own(dst, "dst", DType.F32);
        range("src", srcOff, n, src.length);
        range("dst", dstOff, n, d.length());
        System.arraycopy(src, srcOff, d.floats(), d.offset() + dstOff, n);
    }

    @Override
    public void upload(int[] src, int srcOff, Buffer dst, int dstOff, int n) {
        Objects.requireNonNull(src, "src");
        CpuBuffer d = own(dst, "dst", DType.I32);
        range("src", srcOff, n, src.length);
        range("dst", dstOff, n, d.length());
        System.arraycopy(src, srcOff, d.ints(), d.offset() + dstOff, n);
    }

    @Override
    public void download(Buffer src, int srcOff, float[] dst, int dstOff, int n) {
        Objects.requireNonNull(dst, "dst");
        CpuBuffer s = own(src, "src", DType.F32);
        range("src", srcOff, n, s.length());
        range("dst", dstOff, n, dst.length);
        System.arraycopy(s.floats(), s.offset() + srcOff, dst, dstOff, n);
    }

    @Override
    public void download(Buffer src, int srcOff, int[] dst, int dstOff, int n) {
        Objects.requireNonNull(dst, "dst");
        CpuBuffer s = own(src, "src", DType.I32);
        range("src", srcOff, n, s.length());
        range("dst", dstOff, n, dst.length);
        System.arraycopy(s.ints(), s.offset() + srcOff, dst, dstOff, n);
    }

    @Override
    public void copy(Buffer src, int srcOff, Buffer dst, int dstOff, int n) {
        CpuBuffer s = own(src, "src", null);
        CpuBuffer d = own(dst, "dst", s.dtype());
        range("src", srcOff, n, s.length());
        range("dst", dstOff, n, d.length());
        CpuArgs.noOverlap(d.slice(dstOff, n), "dst", n, s.slice(srcOff, n), "src", n, false);
        System.arraycopy(s.storage(), s.offset() + srcOff, d.storage(), d.offset() + dstOff, n);
    }

    @Override
    public void fill(Buffer dst, int off, int n, float value) {
        CpuBuffer d = own(dst, "dst", DType.F32);
        range("dst", off, n, d.length());
        java.util.Arrays.fill(d.floats(), d.offset() + off, d.offset() + off + n, value);
    }

    @Override
    public String toString() {
        return "CpuBackend[" + name() + "]";
    }

    /** Checks that {@code b} is a buffer of this backend with dtype {@code dtype} (any dtype when null). */
    private CpuBuffer own(Buffer b, String name, DType dtype) {
        CpuBuffer c = CpuArgs.cpu(b, name);
        if (c.backend() != this) {
            throw new IllegalArgumentException(name + ": expected a buffer of backend " + this + ", actual one of "
                    + c.backend());
        }
        if (dtype != null && c.dtype() != dtype) {
            throw new IllegalArgumentException(name + ": expected dtype " + dtype + ", actual " + c.dtype());
        }
        return c;
    }

    private static void range(String name, int off, int n, int length) {
        if (off < 0 || n < 0 || off > length - n) {
            throw new IndexOutOfBoundsException(name + " range: expected [off, off + n) inside [0, " + length
                    + "), actual off=" + off + ", n=" + n);
        }
    }
}
