package dev.rlcode.core.kernel;

import java.util.Objects;

/** Argument checks shared by the CPU kernels: buffer kind, dtype, size and aliasing, with "expected, actual" messages. */
final class CpuArgs {

    private CpuArgs() {}

    /**
     * {@return {@code b} as a CPU F32 buffer holding at least {@code minLength} elements}
     *
     * @param what the size expression, for the message (e.g. {@code "m·k"})
     * @throws NullPointerException     if {@code b} is null
     * @throws IllegalArgumentException if {@code b} is foreign, not F32, or too short
     */
    static CpuBuffer f32(Buffer b, String name, long minLength, String what) {
        CpuBuffer c = cpu(b, name);
        if (c.floats() == null) throw new IllegalArgumentException(name + ": expected an F32 buffer, actual I32");
        return checkSize(c, name, minLength, what);
    }

    /** I32 variant of {@link #f32}. */
    static CpuBuffer i32(Buffer b, String name, long minLength, String what) {
        CpuBuffer c = cpu(b, name);
        if (c.ints() == null) throw new IllegalArgumentException(name + ": expected an I32 buffer, actual F32");
        return checkSize(c, name, minLength, what);
    }

    /** {@link #f32} that accepts null (an optional argument). */
    static CpuBuffer f32OrNull(Buffer b, String name, long minLength, String what) {
        return b == null ? null : f32(b, name, minLength, what);
    }

    /** {@link #i32} that accepts null (an optional argument). */
    static CpuBuffer i32OrNull(Buffer b, String name, long minLength, String what) {
        return b == null ? null : i32(b, name, minLength, what);
    }

    static CpuBuffer cpu(Buffer b, String name) {
        Objects.requireNonNull(b, name);
        if (b instanceof CpuBuffer c) return c;
        throw new IllegalArgumentException(name + ": expected a CpuBuffer, actual " + b.getClass().getName()
                + " of backend " + b.backend().name());
    }

    private static CpuBuffer checkSize(CpuBuffer c, String name, long minLength, String what) {
        if (c.length() < minLength) {
            throw new IllegalArgumentException(name + ": expected at least " + minLength + " elements (" + what
                    + "), actual " + c.length());
        }
        return c;
    }

    static void nonNegative(String name, int value) {
        if (value < 0) throw new IllegalArgumentException(name + ": expected >= 0, actual " + value);
    }

    static void positive(String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(name + ": expected > 0, actual " + value);
    }

    /**
     * Rejects an output range that overlaps an input range; with {@code sameAllowed}, the exact same range (in-place
     * operation) is accepted.
     */
    static void noOverlap(CpuBuffer out, String outName, long outLen, CpuBuffer in, String inName, long inLen,
                          boolean sameAllowed) {
        if (in == null || out.storage() != in.storage() || outLen == 0 || inLen == 0) return;
        long o0 = out.offset(), i0 = in.offset();
        if (sameAllowed && o0 == i0) return;
        if (o0 < i0 + inLen && i0 < o0 + outLen) {
            throw new IllegalArgumentException(outName + " overlaps " + inName + ": expected disjoint ranges"
                    + (sameAllowed ? " or the same range" : "") + ", actual " + outName + " [" + o0 + ", "
                    + (o0 + outLen) + ") and " + inName + " [" + i0 + ", " + (i0 + inLen) + ") of one array");
        }
    }
}
