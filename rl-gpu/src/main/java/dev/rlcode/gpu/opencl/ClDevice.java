package dev.rlcode.gpu.opencl;

import dev.rlcode.gpu.opencl.ffi.ClNative;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An OpenCL device and what the backend needs to know about it.
 *
 * @param device     the {@code cl_device_id}
 * @param name       the device name
 * @param platform   the platform name
 * @param gpu        whether it is a GPU
 * @param fp64       whether it supports {@code cl_khr_fp64}
 * @param exactDivSqrt whether it supports {@code -cl-fp32-correctly-rounded-divide-sqrt}
 * @param computeUnits {@code CL_DEVICE_MAX_COMPUTE_UNITS} (streaming multiprocessors, compute units, CPU cores)
 */
public record ClDevice(MemorySegment device, String name, String platform, boolean gpu, boolean fp64,
                       boolean exactDivSqrt, int computeUnits) {

    /** System property choosing the device kind: {@code gpu}, {@code cpu} or {@code any} (default: a GPU if any). */
    public static final String DEVICE_PROPERTY = "rl.opencl.device";

    /** {@return every device of every platform} */
    static List<ClDevice> all(OpenCl cl) {
        List<ClDevice> out = new ArrayList<>();
        for (MemorySegment p : cl.platforms()) {
            String pname = cl.platformString(p, ClNative.CL_PLATFORM_NAME);
            for (MemorySegment d : cl.devices(p, ClNative.CL_DEVICE_TYPE_ALL)) {
                long type = cl.deviceLong(d, ClNative.CL_DEVICE_TYPE);
                String ext = cl.deviceString(d, ClNative.CL_DEVICE_EXTENSIONS);
                long fp = cl.deviceLong(d, ClNative.CL_DEVICE_SINGLE_FP_CONFIG);
                out.add(new ClDevice(d, cl.deviceString(d, ClNative.CL_DEVICE_NAME), pname,
                        (type & ClNative.CL_DEVICE_TYPE_GPU) != 0, ext.contains("cl_khr_fp64"),
                        (fp & ClNative.CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) != 0,
                        cl.deviceInt(d, ClNative.CL_DEVICE_MAX_COMPUTE_UNITS)));
            }
        }
        return out;
    }

    /**
     * {@return the device {@value #DEVICE_PROPERTY} asks for: the first GPU, else (for {@code any}) the first device}
     *
     * @throws IllegalStateException with the reason when there is none
     * @throws IllegalArgumentException if the property has another value
     */
    static ClDevice choose(OpenCl cl) {
        String want = System.getProperty(DEVICE_PROPERTY, "any").trim().toLowerCase(Locale.ROOT);
        if (!List.of("any", "gpu", "cpu").contains(want)) {
            throw new IllegalArgumentException(DEVICE_PROPERTY + ": expected any, gpu or cpu, actual \"" + want + "\"");
        }
        List<ClDevice> all = all(cl);
        if (all.isEmpty()) {
            throw new IllegalStateException("the OpenCL loader found no platform (no driver in /etc/OpenCL/vendors; "
                    + "install pocl-opencl-icd for the CPU or a GPU vendor's driver)");
        }
        for (ClDevice d : all) if (d.gpu && !want.equals("cpu")) return d;
        for (ClDevice d : all) if (!d.gpu && !want.equals("gpu")) return d;
        throw new IllegalStateException("no OpenCL " + want.toUpperCase(Locale.ROOT) + " device (found: "
                + all.stream().map(ClDevice::describe).toList() + ")");
    }

    /** {@return e.g. {@code pthread-skylake-avx512 (Portable Computing Language, CPU)}} */
    public String describe() {
        return name + " (" + platform + ", " + (gpu ? "GPU" : "CPU") + ")";
    }
}
