package dev.rlcode.core.kernel;

/**
 * A compute device: allocates resident {@link Buffer}s, moves data explicitly between the host and the device,
 * and runs the fixed {@link Kernels} set on them.
 *
 * <p>Networks, optimisers and the DQN update are written against this interface only, so one update runs on any
 * backend with weights, optimiser state and batches kept on the device. {@code CpuBackend} is the reference; GPU
 * backends (module {@code rl-gpu}) plug in behind the same interface and are parity-tested against it.
 *
 * <p>Transfers are blocking: when {@code upload} returns the host array may be reused, when {@code download}
 * returns the data is in the host array.
 */
public interface Backend extends AutoCloseable {

    /** {@return a short name, e.g. {@code cpu-simd-512} or {@code opencl:NVIDIA H100}} */
    String name();

    /** {@return the kernels that run on this backend's buffers} */
    Kernels kernels();

    /** {@return a new zero-filled float buffer of {@code length} elements} @throws IllegalArgumentException if length < 0 */
    Buffer allocF32(int length);

    /** {@return a new zero-filled int buffer of {@code length} elements} @throws IllegalArgumentException if length < 0 */
    Buffer allocI32(int length);

    /**
     * Copies {@code n} floats from {@code src[srcOff..]} (host, not modified) to {@code dst[dstOff..]} (modified).
     *
     * @throws IllegalArgumentException  if {@code dst} is not an F32 buffer of this backend
     * @throws IndexOutOfBoundsException if a range falls outside its array or buffer
     */
    void upload(float[] src, int srcOff, Buffer dst, int dstOff, int n);

    /** Int variant of {@link #upload(float[], int, Buffer, int, int)}; {@code dst} must be I32. */
    void upload(int[] src, int srcOff, Buffer dst, int dstOff, int n);

    /** Copies {@code n} floats from {@code src[srcOff..]} (not modified) to host {@code dst[dstOff..]} (modified). */
    void download(Buffer src, int srcOff, float[] dst, int dstOff, int n);

    /** Int variant of {@link #download(Buffer, int, float[], int, int)}; {@code src} must be I32. */
    void download(Buffer src, int srcOff, int[] dst, int dstOff, int n);

    /** Device-to-device copy of {@code n} elements of the same dtype. Overlapping ranges are not allowed. */
    void copy(Buffer src, int srcOff, Buffer dst, int dstOff, int n);

    /** Sets {@code n} elements of an F32 buffer from {@code off} to {@code value}. Modified: {@code dst}. */
    void fill(Buffer dst, int off, int n, float value);

    /** Waits for all queued work to finish (a no-op on synchronous backends). */
    default void synchronize() {}

    /** Releases device memory and queues; buffers of a closed backend must not be used. Idempotent. */
    @Override
    default void close() {}

    /** Convenience: {@return the whole F32 buffer downloaded into a new array} */
    default float[] toArray(Buffer src) {
        float[] out = new float[src.length()];
        download(src, 0, out, 0, out.length);
        return out;
    }

    /** Convenience: {@return a new F32 buffer holding a copy of {@code data}} */
    default Buffer fromArray(float[] data) {
        Buffer b = allocF32(data.length);
        upload(data, 0, b, 0, data.length);
        return b;
    }
}
