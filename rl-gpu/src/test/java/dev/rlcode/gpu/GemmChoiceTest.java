package dev.rlcode.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link GpuKernels#autoBlocking}: which GEMM kernel a size gets when {@value GpuKernels#GEMM_PROPERTY} is auto. */
class GemmChoiceTest {

    @Test
    void theAutomaticChoiceBlocksAsMuchAsOneFullWaveAllows() {
        int h100 = 132, pocl = 2;
        assertEquals(1, GpuKernels.autoBlocking(64, 64, h100), "the small DQN's layers");
        assertEquals(1, GpuKernels.autoBlocking(64, 64, pocl), "one 64x64 tile cannot feed two cores");
        assertEquals(4, GpuKernels.autoBlocking(128, 128, pocl));
        assertEquals(1, GpuKernels.autoBlocking(1024, 18, h100), "a thin output layer");
        assertEquals(1, GpuKernels.autoBlocking(4096, 63, pocl), "thinner than one 64-wide tile");
        assertEquals(8, GpuKernels.autoBlocking(256, 256, pocl), "PoCL: rb8 measured fastest from 256");
        assertEquals(1, GpuKernels.autoBlocking(256, 256, h100), "16 tiles of 64x64 leave most SMs idle");
        assertEquals(4, GpuKernels.autoBlocking(8192, 100, h100), "many tiles, but thinner than one 128-wide tile");
        assertEquals(4, GpuKernels.autoBlocking(1024, 1024, h100), "64 tiles of 128x128 would idle half the SMs");
        assertEquals(8, GpuKernels.autoBlocking(2048, 2048, h100));
        assertEquals(8, GpuKernels.autoBlocking(4096, 4096, h100));
        assertEquals(8, GpuKernels.autoBlocking(4096, 4096, 0), "an unknown unit count counts as one");
        assertEquals(1, GpuKernels.autoBlocking(Integer.MAX_VALUE, 1, h100), "no overflow at the largest size");
    }

    @Test
    void aLaunchBeyondTheLargestGlobalSizeIsRefusedNotWrapped() {
        assertEquals(128, GpuKernels.ceil(65, 64));
        assertEquals(Integer.MAX_VALUE - 63, GpuKernels.ceil(Integer.MAX_VALUE - 63, 64));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GpuKernels.ceil(Integer.MAX_VALUE - 10, 64));
        assertTrue(e.getMessage().contains(Integer.toString(Integer.MAX_VALUE - 10)), e.getMessage());
    }
}
