package dev.rlcode.core.kernel;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

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

    /** System property choosing the kernels of {@link #auto()}: {@code scalar} or {@code simd} (default). */
    public static final String KERNELS_PROPERTY = "rl.kernels";
    /** System property choosing the SIMD width of {@link #auto()} in bits: 64, 128, 256 or 512 (default preferred). */
    public static final String VECTOR_BITS_PROPERTY = "rl.vectorBits";

    private static final System.Logger LOG = System.getLogger(CpuBackend.class.getName());
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    private final Kernels kernels;

    private CpuBackend(Kernels kernels) {
        this.kernels = kernels;
    }

    /** {@return a backend running {@link ScalarKernels}, the plain-loop oracle} */
    public static CpuBackend scalar() {
        return new CpuBackend(new ScalarKernels());
    }

    /** {@return a backend running {@link SimdKernels} on the CPU's preferred vector species} */
    public static CpuBackend simd() {
        return simd(FloatVector.SPECIES_PREFERRED);
    }

    /** {@return a backend running {@link SimdKernels} on {@code species}; a width above the CPU's is emulated (slow)} */
    public static CpuBackend simd(VectorSpecies<Float> species) {
        return new CpuBackend(new SimdKernels(species));
    }

    /**
     * {@return the backend chosen by the system properties {@value #KERNELS_PROPERTY} ({@code scalar|simd}, default
     * simd) and {@value #VECTOR_BITS_PROPERTY} ({@code 64|128|256|512}, default the preferred width)}
     * The first call logs the choice.
     *
     * @throws IllegalArgumentException if a property has a value outside those lists
     * @throws IllegalStateException    if the SIMD kernels are chosen and the JVM was started without
     *                                  {@code --add-modules jdk.incubator.vector}
     */
    public static CpuBackend auto() {
        String kind = System.getProperty(KERNELS_PROPERTY, "simd").trim();
        String bits = System.getProperty(VECTOR_BITS_PROPERTY, "").trim();
        boolean vectorApi = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        CpuBackend backend = switch (kind) {
            case "scalar" -> scalar();
            case "simd" -> {
                if (!vectorApi) {
                    throw new IllegalStateException("the SIMD CPU kernels need the Vector API: start java with "
                            + "--add-modules jdk.incubator.vector (or choose the slower scalar kernels with -D"
                            + KERNELS_PROPERTY + "=scalar)");
                }
                yield simd(bits.isEmpty() ? FloatVector.SPECIES_PREFERRED : speciesOfBits(bits));
            }
            default -> throw new IllegalArgumentException(KERNELS_PROPERTY + ": expected scalar or simd, actual \""
                    + kind + "\"");
        };
        if (LOGGED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.INFO, "CPU kernels: {0} ({1}={2}, {3}={4}, preferred {5} bits)",
                    backend.name(), KERNELS_PROPERTY, kind, VECTOR_BITS_PROPERTY, bits.isEmpty() ? "preferred" : bits,
                    vectorApi ? String.valueOf(FloatVector.SPECIES_PREFERRED.vectorBitSize()) : "?");
        }
        return backend;
    }

    private static VectorSpecies<Float> speciesOfBits(String bits) {
        int b;
        try {
            b = Integer.parseInt(bits);
        } catch (NumberFormatException e) {
            b = -1;
        }
        if (b != 64 && b != 128 && b != 256 && b != 512) {
            throw new IllegalArgumentException(VECTOR_BITS_PROPERTY + ": expected 64, 128, 256 or 512, actual \""
                    + bits + "\"");
        }
        if (b > FloatVector.SPECIES_PREFERRED.vectorBitSize()) {
            LOG.log(System.Logger.Level.WARNING, "{0}={1} is wider than this CPU''s {2} bits: the Vector API will "
                    + "emulate it, slowly", VECTOR_BITS_PROPERTY, b, FloatVector.SPECIES_PREFERRED.vectorBitSize());
        }
        return VectorSpecies.of(float.class, VectorShape.forBitSize(b));
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
        if (s.storage() == d.storage()) {
            CheckedKernels.checkDisjoint("dst", d.offset() + dstOff, n, "src", s.offset() + srcOff, n, false);
        }
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
