package dev.rlcode.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.BackendProvider.Availability;
import dev.rlcode.core.kernel.Buffer;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.gpu.GpuKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The GEMM kernels (16×16-tiled, register-blocked 4×4 and 8×8, and 8×8 with float4 reads) each give the scalar CPU kernel's bits, on
 * every transpose combination, both alpha/beta forms and sizes that end mid-tile and mid-k-slice, so the automatic
 * choice between them by size can never change a result. Runs on OpenCL (PoCL on CI).
 */
class GemmKernelsTest {

    private static final int[][] SHAPES = {{1, 1, 1}, {3, 5, 0}, {17, 33, 29}, {64, 64, 8}, {130, 67, 257},
            {129, 257, 7}, {300, 131, 17}};

    @Test
    void everyGemmKernelGivesTheScalarBits() {
        Availability av = new OpenClProvider().probe();
        if (!"true".equals(System.getenv("CI"))) assumeTrue(av.available(), "OpenCL " + av);
        String before = System.getProperty(GpuKernels.GEMM_PROPERTY);
        try (Backend cpu = CpuBackend.scalar(); OpenClBackend ocl = OpenClBackend.create()) {
            SplittableRandom r = new SplittableRandom(11);
            int compared = 0;
            for (int[] s : SHAPES) {
                int m = s[0], n = s[1], k = s[2];
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                    for (float[] ab : new float[][] {{1f, 0f}, {-0.75f, 1.5f}}) {
                        float[] a = random(r, m * k), b = random(r, k * n), c0 = random(r, m * n);
                        float[] want = gemm(cpu, ta, tb, m, n, k, ab[0], a, b, ab[1], c0);
                        for (String kernel : new String[] {"tiled", "rb4", "rb8", "rb8v", "auto"}) {
                            System.setProperty(GpuKernels.GEMM_PROPERTY, kernel);
                            float[] got = gemm(ocl, ta, tb, m, n, k, ab[0], a, b, ab[1], c0);
                            for (int i = 0; i < want.length; i++) {
                                if (Float.floatToRawIntBits(want[i]) != Float.floatToRawIntBits(got[i])) {
                                    throw new AssertionError(kernel + " tA=" + ta + " tB=" + tb + " " + m + "x" + n
                                            + "x" + k + " alpha=" + ab[0] + " beta=" + ab[1] + ": c[" + i + "] "
                                            + got[i] + ", scalar " + want[i]);
                                }
                            }
                            compared++;
                        }
                    }
                }
            }
            assertEquals(SHAPES.length * 4 * 2 * 5, compared);
        } finally {
            if (before == null) System.clearProperty(GpuKernels.GEMM_PROPERTY);
            else System.setProperty(GpuKernels.GEMM_PROPERTY, before);
        }
    }

    @Test
    void anUnknownKernelNameIsRefusedWithTheAcceptedOnes() {
        Availability av = new OpenClProvider().probe();
        if (!"true".equals(System.getenv("CI"))) assumeTrue(av.available(), "OpenCL " + av);
        String before = System.getProperty(GpuKernels.GEMM_PROPERTY);
        try (OpenClBackend ocl = OpenClBackend.create()) {
            System.setProperty(GpuKernels.GEMM_PROPERTY, "rb16");
            Buffer x = ocl.fromArray(new float[] {1f});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ocl.kernels().gemm(false, false, 1, 1, 1, 1f, x, ocl.fromArray(new float[] {2f}), 0f,
                            ocl.allocF32(1)));
            assertTrue(e.getMessage().contains(GpuKernels.GEMM_PROPERTY) && e.getMessage().contains("rb16")
                    && e.getMessage().contains("rb8"), e.getMessage());
        } finally {
            if (before == null) System.clearProperty(GpuKernels.GEMM_PROPERTY);
            else System.setProperty(GpuKernels.GEMM_PROPERTY, before);
        }
    }

    private static float[] gemm(Backend be, boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a,
                                float[] b, float beta, float[] c0) {
        Buffer c = be.fromArray(c0);
        be.kernels().gemm(ta, tb, m, n, k, alpha, be.fromArray(a), be.fromArray(b), beta, c);
        return be.toArray(c);
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        return x;
    }
}
