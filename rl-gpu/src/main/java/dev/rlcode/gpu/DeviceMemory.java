package dev.rlcode.gpu;

/**
 * One device allocation, as a backend's native layer sees it: an OpenCL {@code cl_mem} or a CUDA
 * {@code CUdeviceptr}. Freed by its backend (when the owning {@link GpuBuffer}s are unreachable, or at close).
 *
 * @param handle the {@code cl_mem} address or the {@code CUdeviceptr}; 0 for {@link #NULL}
 * @param bytes  its size in bytes
 */
public record DeviceMemory(long handle, long bytes) {

    /** The null pointer, passed for an absent optional buffer (a null mask or weights). */
    public static final DeviceMemory NULL = new DeviceMemory(0, 0);
}
