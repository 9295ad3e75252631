package dev.rlcode.gpu.opencl.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Map;

/**
 * Raw downcall handles into the OpenCL ICD loader ({@code libOpenCL.so.1}), constants from {@code cl.h} and the
 * status-name table. No logic: the typed layer is {@code dev.rlcode.gpu.opencl.OpenCl}.
 *
 * <p>Types on LP64: {@code size_t}, {@code cl_ulong} and {@code cl_bitfield} are {@code JAVA_LONG}; {@code cl_int},
 * {@code cl_uint} and {@code cl_bool} are {@code JAVA_INT}; handles are {@code ADDRESS}.
 */
public final class ClNative {

    public static final int CL_SUCCESS = 0;
    public static final int CL_DEVICE_NOT_FOUND = -1;
    public static final int CL_BUILD_PROGRAM_FAILURE = -11;
    public static final int CL_PLATFORM_NOT_FOUND_KHR = -1001;

    public static final int CL_PLATFORM_NAME = 0x0902;
    public static final long CL_DEVICE_TYPE_CPU = 1L << 1;
    public static final long CL_DEVICE_TYPE_GPU = 1L << 2;
    public static final long CL_DEVICE_TYPE_ALL = 0xFFFFFFFFL;
    public static final int CL_DEVICE_TYPE = 0x1000;
    public static final int CL_DEVICE_MAX_COMPUTE_UNITS = 0x1002;
    public static final int CL_DEVICE_SINGLE_FP_CONFIG = 0x101B;
    public static final int CL_DEVICE_NAME = 0x102B;
    public static final int CL_DEVICE_VERSION = 0x102F;
    public static final int CL_DEVICE_EXTENSIONS = 0x1030;
    public static final long CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT = 1L << 7;
    public static final int CL_PROGRAM_BUILD_LOG = 0x1183;
    public static final long CL_MEM_READ_WRITE = 1;
    public static final int CL_TRUE = 1;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "CL_SUCCESS"), Map.entry(-1, "CL_DEVICE_NOT_FOUND"),
            Map.entry(-2, "CL_DEVICE_NOT_AVAILABLE"), Map.entry(-3, "CL_COMPILER_NOT_AVAILABLE"),
            Map.entry(-4, "CL_MEM_OBJECT_ALLOCATION_FAILURE"), Map.entry(-5, "CL_OUT_OF_RESOURCES"),
            Map.entry(-6, "CL_OUT_OF_HOST_MEMORY"), Map.entry(-7, "CL_PROFILING_INFO_NOT_AVAILABLE"),
            Map.entry(-8, "CL_MEM_COPY_OVERLAP"), Map.entry(-11, "CL_BUILD_PROGRAM_FAILURE"),
            Map.entry(-12, "CL_MAP_FAILURE"), Map.entry(-13, "CL_MISALIGNED_SUB_BUFFER_OFFSET"),
            Map.entry(-14, "CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST"),
            Map.entry(-15, "CL_COMPILE_PROGRAM_FAILURE"), Map.entry(-16, "CL_LINKER_NOT_AVAILABLE"),
            Map.entry(-17, "CL_LINK_PROGRAM_FAILURE"), Map.entry(-30, "CL_INVALID_VALUE"),
            Map.entry(-31, "CL_INVALID_DEVICE_TYPE"), Map.entry(-32, "CL_INVALID_PLATFORM"),
            Map.entry(-33, "CL_INVALID_DEVICE"), Map.entry(-34, "CL_INVALID_CONTEXT"),
            Map.entry(-35, "CL_INVALID_QUEUE_PROPERTIES"), Map.entry(-36, "CL_INVALID_COMMAND_QUEUE"),
            Map.entry(-37, "CL_INVALID_HOST_PTR"), Map.entry(-38, "CL_INVALID_MEM_OBJECT"),
            Map.entry(-40, "CL_INVALID_IMAGE_SIZE"), Map.entry(-42, "CL_INVALID_BINARY"),
            Map.entry(-43, "CL_INVALID_BUILD_OPTIONS"), Map.entry(-44, "CL_INVALID_PROGRAM"),
            Map.entry(-45, "CL_INVALID_PROGRAM_EXECUTABLE"), Map.entry(-46, "CL_INVALID_KERNEL_NAME"),
            Map.entry(-47, "CL_INVALID_KERNEL_DEFINITION"), Map.entry(-48, "CL_INVALID_KERNEL"),
            Map.entry(-49, "CL_INVALID_ARG_INDEX"), Map.entry(-50, "CL_INVALID_ARG_VALUE"),
            Map.entry(-51, "CL_INVALID_ARG_SIZE"), Map.entry(-52, "CL_INVALID_KERNEL_ARGS"),
            Map.entry(-53, "CL_INVALID_WORK_DIMENSION"), Map.entry(-54, "CL_INVALID_WORK_GROUP_SIZE"),
            Map.entry(-55, "CL_INVALID_WORK_ITEM_SIZE"), Map.entry(-56, "CL_INVALID_GLOBAL_OFFSET"),
            Map.entry(-57, "CL_INVALID_EVENT_WAIT_LIST"), Map.entry(-58, "CL_INVALID_EVENT"),
            Map.entry(-59, "CL_INVALID_OPERATION"), Map.entry(-61, "CL_INVALID_BUFFER_SIZE"),
            Map.entry(-63, "CL_INVALID_GLOBAL_WORK_SIZE"), Map.entry(-64, "CL_INVALID_PROPERTY"),
            Map.entry(-1001, "CL_PLATFORM_NOT_FOUND_KHR"));

    /** {@return the symbolic name of an OpenCL status, or {@code CL_UNKNOWN_ERROR_<n>}} */
    public static String statusName(int status) {
        return NAMES.getOrDefault(status, "CL_UNKNOWN_ERROR_" + status);
    }

    private static final Linker LINKER = Linker.nativeLinker();

    public final MethodHandle getPlatformIDs, getPlatformInfo, getDeviceIDs, getDeviceInfo, createContext,
            createCommandQueue, createProgramWithSource, buildProgram, getProgramBuildInfo, createKernel, createBuffer,
            setKernelArg, enqueueWriteBuffer, enqueueReadBuffer, enqueueCopyBuffer, enqueueFillBuffer,
            enqueueNDRangeKernel, finish, releaseMemObject, releaseKernel, releaseProgram, releaseCommandQueue,
            releaseContext;

    private final SymbolLookup lib;

    /**
     * Loads the library and binds every entry point.
     *
     * @throws IllegalArgumentException if the library cannot be loaded (dlopen failed)
     * @throws UnsatisfiedLinkError     if an entry point is missing
     */
    public ClNative(String library) {
        lib = SymbolLookup.libraryLookup(library, Arena.global());
        getPlatformIDs = h("clGetPlatformIDs", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
        getPlatformInfo = h("clGetPlatformInfo", JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
        getDeviceIDs = h("clGetDeviceIDs", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS);
        getDeviceInfo = h("clGetDeviceInfo", JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
        createContext = h("clCreateContext", ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        createCommandQueue = h("clCreateCommandQueue", ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);
        createProgramWithSource = h("clCreateProgramWithSource", ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS,
                ADDRESS);
        buildProgram = h("clBuildProgram", JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        getProgramBuildInfo = h("clGetProgramBuildInfo", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS,
                ADDRESS);
        createKernel = h("clCreateKernel", ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        createBuffer = h("clCreateBuffer", ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS);
        setKernelArg = h("clSetKernelArg", JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS);
        enqueueWriteBuffer = h("clEnqueueWriteBuffer", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG,
                ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
        enqueueReadBuffer = h("clEnqueueReadBuffer", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG,
                ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
        enqueueCopyBuffer = h("clEnqueueCopyBuffer", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS);
        enqueueFillBuffer = h("clEnqueueFillBuffer", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS);
        enqueueNDRangeKernel = h("clEnqueueNDRangeKernel", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS,
                ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
        finish = h("clFinish", JAVA_INT, ADDRESS);
        releaseMemObject = h("clReleaseMemObject", JAVA_INT, ADDRESS);
        releaseKernel = h("clReleaseKernel", JAVA_INT, ADDRESS);
        releaseProgram = h("clReleaseProgram", JAVA_INT, ADDRESS);
        releaseCommandQueue = h("clReleaseCommandQueue", JAVA_INT, ADDRESS);
        releaseContext = h("clReleaseContext", JAVA_INT, ADDRESS);
    }

    private MethodHandle h(String name, java.lang.foreign.MemoryLayout ret, java.lang.foreign.MemoryLayout... args) {
        MemorySegment sym = lib.find(name).orElseThrow(() -> new UnsatisfiedLinkError("OpenCL entry point not "
                + "exported: " + name));
        return LINKER.downcallHandle(sym, FunctionDescriptor.of(ret, args));
    }
}
