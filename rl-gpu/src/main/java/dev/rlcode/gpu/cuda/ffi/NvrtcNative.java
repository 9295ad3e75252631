package dev.rlcode.gpu.cuda.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/** Raw downcall handles into NVRTC ({@code libnvrtc.so.*}), used only when no build-time PTX fits the device. */
public final class NvrtcNative {

    private static final Linker LINKER = Linker.nativeLinker();

    public final MethodHandle createProgram, compileProgram, getPTXSize, getPTX, getProgramLogSize, getProgramLog,
            destroyProgram, getErrorString;
    private final SymbolLookup lib;

    /** @throws IllegalArgumentException if the library cannot be loaded */
    public NvrtcNative(String library) {
        lib = library.contains("/") ? SymbolLookup.libraryLookup(java.nio.file.Path.of(library), Arena.global())
                : SymbolLookup.libraryLookup(library, Arena.global());
        createProgram = h("nvrtcCreateProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT,
                ADDRESS, ADDRESS));
        compileProgram = h("nvrtcCompileProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        getPTXSize = h("nvrtcGetPTXSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getPTX = h("nvrtcGetPTX", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getProgramLogSize = h("nvrtcGetProgramLogSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getProgramLog = h("nvrtcGetProgramLog", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        // takes nvrtcProgram*, not the handle
        destroyProgram = h("nvrtcDestroyProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getErrorString = h("nvrtcGetErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    private MethodHandle h(String name, FunctionDescriptor fd) {
        MemorySegment s = lib.find(name).orElseThrow(() -> new UnsatisfiedLinkError("NVRTC entry point not "
                + "exported: " + name));
        return LINKER.downcallHandle(s, fd);
    }
}
