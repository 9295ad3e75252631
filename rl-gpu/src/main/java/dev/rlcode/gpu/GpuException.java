package dev.rlcode.gpu;

/**
 * A failed OpenCL or CUDA call: carries the call, the numeric status, its symbolic name ({@code CL_OUT_OF_RESOURCES},
 * {@code CUDA_ERROR_NO_DEVICE}) and, for kernel builds, the compiler's log.
 */
public final class GpuException extends RuntimeException {

    private final String call;
    private final int status;
    private final String statusName;
    private final String buildLog;

    /**
     * @param call       the native function, e.g. {@code clBuildProgram}
     * @param status     the status it returned
     * @param statusName the symbolic name of {@code status}
     * @param buildLog   the compiler log for builds, else null
     */
    public GpuException(String call, int status, String statusName, String buildLog) {
        super(call + " failed: " + statusName + " (" + status + ")"
                + (buildLog == null || buildLog.isBlank() ? "" : "\n----- build log -----\n" + buildLog.strip()));
        this.call = call;
        this.status = status;
        this.statusName = statusName;
        this.buildLog = buildLog;
    }

    /** A failure that is not a native status (e.g. a missing symbol or kernel image). */
    public GpuException(String message, Throwable cause) {
        super(message, cause);
        this.call = "";
        this.status = 0;
        this.statusName = "";
        this.buildLog = null;
    }

    /**
     * Rethrows {@code cause} where it surfaced (another thread, a later call) under {@code message}, keeping its call,
     * status, symbolic name and build log.
     */
    public GpuException(String message, GpuException cause) {
        super(message, cause);
        this.call = cause.call;
        this.status = cause.status;
        this.statusName = cause.statusName;
        this.buildLog = cause.buildLog;
    }

    /** {@return the native call that failed} */
    public String call() {
        return call;
    }

    /** {@return the numeric status} */
    public int status() {
        return status;
    }

    /** {@return the symbolic status name} */
    public String statusName() {
        return statusName;
    }

    /** {@return whether the device (or the driver's host side) ran out of memory} */
    public boolean outOfMemory() {
        return switch (statusName) {
            case "CUDA_ERROR_OUT_OF_MEMORY", "CL_MEM_OBJECT_ALLOCATION_FAILURE", "CL_OUT_OF_RESOURCES",
                 "CL_OUT_OF_HOST_MEMORY" -> true;
            default -> false;
        };
    }

    /** {@return the build log, or null when the call was not a build} */
    public String buildLog() {
        return buildLog;
    }
}
