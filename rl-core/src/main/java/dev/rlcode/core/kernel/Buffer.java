package dev.rlcode.core.kernel;

/**
 * A one-dimensional array resident on a {@link Backend}'s device (host memory for the CPU backends).
 *
 * <p>Contents are reached only through the backend: {@link Backend#upload}, {@link Backend#download} and kernels.
 * A {@link #slice(int, int)} is a view sharing storage, used to address one tensor inside a flat parameter buffer.
 * Matrices are stored row-major; their shapes are passed to each kernel.
 */
public interface Buffer {

    /** {@return the backend that owns this buffer} */
    Backend backend();

    /** {@return the element type} */
    DType dtype();

    /** {@return the number of elements} */
    int length();

    /**
     * {@return a view of elements {@code [offset, offset + length)} sharing this buffer's storage}
     *
     * @throws IndexOutOfBoundsException if the range is not inside this buffer
     */
    Buffer slice(int offset, int length);
}
