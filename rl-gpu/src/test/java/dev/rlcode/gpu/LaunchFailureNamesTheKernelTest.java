package dev.rlcode.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rlcode.gpu.opencl.OpenClBackend;
import dev.rlcode.gpu.opencl.OpenClProvider;
import org.junit.jupiter.api.Test;

/**
 * A launch the OpenCL runtime refuses names the kernel, not only the call: with 21 kernels behind one
 * {@code clEnqueueNDRangeKernel}, the bare call name does not say which one to look at. Runs on PoCL in CI.
 */
class LaunchFailureNamesTheKernelTest {

    @Test
    void aRefusedLaunchSaysWhichKernelAndTheBackendGoesOn() {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) assumeTrue(new OpenClProvider().probe().available(), "no OpenCL here");
        try (OpenClBackend be = OpenClBackend.create()) {
            GpuBuffer buf = (GpuBuffer) be.allocF32(4);
            int huge = 1 << 24; // more work-items per group than any OpenCL device allows
            ((GpuBackend) be).launch("rl_fill", new int[] {huge}, new int[] {huge}, buf, 4, 1f);
            GpuException e = assertThrows(GpuException.class, be::synchronize);
            assertEquals("clEnqueueNDRangeKernel(rl_fill)", e.call(), e.getMessage());
            assertEquals("CL_INVALID_WORK_GROUP_SIZE", e.statusName(), e.getMessage());
            // the failure was reported once; the backend still works
            be.fill(buf, 0, 4, 2f);
            assertArrayEquals(new float[] {2f, 2f, 2f, 2f}, be.toArray(buf));
        }
    }
}
