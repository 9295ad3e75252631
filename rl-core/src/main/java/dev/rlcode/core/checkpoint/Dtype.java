package dev.rlcode.core.checkpoint;

import java.util.Locale;

/**
 * Element type of an array stored in a checkpoint; every type is stored little-endian.
 *
 * <p>The manifest spells each as its lower-case name: {@code f32} ({@code float[]}), {@code i32} ({@code int[]}),
 * {@code i64} ({@code long[]}), {@code u8} ({@code byte[]}, raw bytes) and {@code f64} ({@code double[]}).
 */
public enum Dtype {
    F32(4), I32(4), I64(8), U8(1), F64(8);

    private final int byteSize;

    Dtype(int byteSize) {
        this.byteSize = byteSize;
    }

    /** {@return bytes per element} */
    public int byteSize() {
        return byteSize;
    }

    /** {@return the name used in {@code manifest.json}, e.g. {@code "f32"}} */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the type named {@code jsonName} in a manifest, or null if there is none}
     *
     * @param jsonName a manifest dtype such as {@code "f32"}
     */
    public static Dtype fromJsonName(String jsonName) {
        for (Dtype d : values()) {
            if (d.jsonName().equals(jsonName)) return d;
        }
        return null;
    }

    /**
     * {@return the type of a primitive array}
     *
     * @param array a {@code float[]}, {@code int[]}, {@code long[]}, {@code byte[]} or {@code double[]}
     * @throws IllegalArgumentException if {@code array} is anything else
     */
    public static Dtype of(Object array) {
        return switch (array) {
            case float[] _ -> F32;
            case int[] _ -> I32;
            case long[] _ -> I64;
            case byte[] _ -> U8;
            case double[] _ -> F64;
            case null -> throw new IllegalArgumentException("checkpoint array: expected a primitive array, actual null");
            default -> throw new IllegalArgumentException("checkpoint array: expected float[], int[], long[], byte[] "
                    + "or double[], actual " + array.getClass().getSimpleName());
        };
    }

    /** {@return the number of elements of {@code array}, which must be of this type} */
    static int length(Object array) {
        return switch (array) {
            case float[] a -> a.length;
            case int[] a -> a.length;
            case long[] a -> a.length;
            case byte[] a -> a.length;
            case double[] a -> a.length;
            default -> throw new IllegalArgumentException("not a primitive array: " + array.getClass());
        };
    }

    /** {@return a new zeroed array of this type} */
    Object newArray(int length) {
        return switch (this) {
            case F32 -> new float[length];
            case I32 -> new int[length];
            case I64 -> new long[length];
            case U8 -> new byte[length];
            case F64 -> new double[length];
        };
    }
}
