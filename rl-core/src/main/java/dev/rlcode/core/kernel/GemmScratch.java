package dev.rlcode.core.kernel;

/** Per-thread packing and transpose buffers of {@link SimdGemm}, grown on demand and reused. */
final class GemmScratch {

    float[] a = new float[0];
    float[] b = new float[0];
    float[] tile = new float[0];
    float[] c = new float[0];

    /** {@return {@code arr} if it holds {@code size} floats, else a larger array (contents not kept)} */
    static float[] ensure(float[] arr, int size) {
        return arr.length >= size ? arr : new float[Math.max(size, arr.length + arr.length / 2)];
    }
}
