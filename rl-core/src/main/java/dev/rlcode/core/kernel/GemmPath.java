package dev.rlcode.core.kernel;

/**
 * Which loop nest {@link SimdGemm} runs for a shape; a separate class so tests can check that their shapes reach
 * every path for every vector length (the template itself cannot be initialised outside its specialised copies).
 */
enum GemmPath {
    /** k = 0: C = beta·C (or 0), as the oracle computes it. */
    ZERO_K,
    /** Packed, register-blocked micro-kernel (large products). */
    PACKED,
    /** A few rows of C against a transposed B with k below one vector: B's columns gathered. */
    GATHER_B,
    /** Vectors along the columns of C, four rows at a time (B transposed into scratch when needed). */
    ROWS,
    /** Tall, thin C with A transposed: Cᵀ by the rows path, then stored transposed. */
    TRANSPOSED,
    /** Vector dot products along k. */
    DOTS,
    /** n and k both below one vector: scalar fma loops. */
    SCALAR;

    /**
     * The vector length, in floats, that sets every summation order of {@link SimdGemm} on every machine: paths are
     * chosen as for this length, and a dot product sums this many lane-wise partial sums whatever the hardware's
     * vector length, so the same inputs give the same bits with 128-, 256- or 512-bit vectors. 16 is AVX-512's
     * length, the widest there is, which kept the figures published from AVX-512 machines.
     */
    static final int ORDER_LANES = 16;
    /** Rows of the packed micro-kernel's tile; its columns are two vectors. */
    static final int MR = 6;
    /** Products with fewer multiply-adds than this skip packing. */
    static final long PACKED_MIN_FMAS = 1L << 18;

    /** {@return the path for C (m×n) = op(A)·op(B) with inner size k, at vl floats per vector} */
    static GemmPath choose(boolean transA, boolean transB, int m, int n, int k, int vl) {
        if (k == 0) return ZERO_K;
        if ((long) m * n * k >= PACKED_MIN_FMAS && m >= MR && n >= 2 * vl) return PACKED;
        // Few rows do not repay transposing B; nor do 4 or 5 rows a B over 4 MiB (the scratch would be kept).
        boolean fewRows = m < 4 || (m < MR && (long) k * n > 1 << 20);
        if (n >= vl && transB && fewRows) return k < vl ? GATHER_B : DOTS;
        if (n >= vl) return ROWS;
        if (transA && m >= vl) return TRANSPOSED;
        return k >= vl ? DOTS : SCALAR;
    }
}
