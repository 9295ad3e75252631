package dev.rlcode.core.kernel;

/** The array-level GEMM of a CPU kernel set; arguments are validated by {@link CpuKernels#gemm}. */
interface Gemm {

    /** {@code C = alpha·op(A)·op(B) + beta·C} on raw arrays and offsets; C is not read when beta == 0. */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, float[] b,
              int bOff, float beta, float[] c, int cOff);
}
