package dev.rlcode.core.kernel;

/**
 * The array-level element-wise kernels of {@link SimdKernels}, specified by the same-named methods of
 * {@link CpuKernels} (arguments already validated there).
 */
interface ElementwiseOps {

    void biasActivation(float[] x, int xOff, float[] bias, int bOff, float[] out, int oOff, int rows, int cols,
                        boolean relu);

    void reluBackward(float[] gradOut, int goOff, float[] act, int aOff, float[] gradIn, int giOff, int n);

    void columnSums(float[] x, int xOff, float[] out, int oOff, int rows, int cols);

    void tdTarget(float[] r, int rOff, float[] d, int dOff, float[] v, int vOff, float[] o, int oOff, int n);

    void duelingForward(float[] head, int hOff, float[] q, int qOff, int rows, int numActions);

    void duelingBackward(float[] gradQ, int gOff, float[] gradHead, int hOff, int rows, int numActions);

    void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n,
                  float beta1, float beta2, float eps, float stepSize, float bc2Sqrt);

    double sumOfSquares(float[] g, int gOff, int n);

    void scale(float[] g, int gOff, int n, float s);

    void polyak(float[] online, int oOff, float[] target, int tOff, int n, float tau);
}
