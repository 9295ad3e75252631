package dev.rlcode.core.kernel;

import static org.junit.jupiter.api.Assertions.*;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class CpuBackendTest {

    private final CpuBackend be = CpuBackend.scalar();

    @Test
    void allocatesZeroFilledBuffersOfTheRightDtype() {
        Buffer f = be.allocF32(5), i = be.allocI32(3);
        assertEquals(DType.F32, f.dtype());
        assertEquals(DType.I32, i.dtype());
        assertArrayEquals(new float[5], be.toArray(f));
        int[] back = {7, 7, 7};
        be.download(i, 0, back, 0, 3);
        assertArrayEquals(new int[3], back);
        assertSame(be, f.backend());
        var e = assertThrows(IllegalArgumentException.class, () -> be.allocF32(-1));
        assertTrue(e.getMessage().contains("actual -1"), e.getMessage());
    }

    @Test
    void uploadDownloadRoundTripWithOffsets() {
        Buffer b = be.allocF32(6);
        be.upload(new float[] {9, 1, 2, 3}, 1, b, 2, 3);
        assertArrayEquals(new float[] {0, 0, 1, 2, 3, 0}, be.toArray(b));
        float[] out = new float[4];
        be.download(b, 3, out, 1, 2);
        assertArrayEquals(new float[] {0, 2, 3, 0}, out);

        Buffer ib = be.allocI32(3);
        be.upload(new int[] {4, 5, 6}, 0, ib, 0, 3);
        int[] iout = new int[3];
        be.download(ib, 0, iout, 0, 3);
        assertArrayEquals(new int[] {4, 5, 6}, iout);
    }

    @Test
    void slicesAreViewsSharingStorage() {
        Buffer b = be.fromArray(new float[] {0, 1, 2, 3, 4, 5});
        Buffer s = b.slice(2, 3);
        assertEquals(3, s.length());
        assertArrayEquals(new float[] {2, 3, 4}, be.toArray(s));
        be.fill(s, 1, 2, -1f);
        assertArrayEquals(new float[] {0, 1, 2, -1, -1, 5}, be.toArray(b));
        Buffer ss = s.slice(1, 1);
        assertArrayEquals(new float[] {-1}, be.toArray(ss));
        assertThrows(IndexOutOfBoundsException.class, () -> b.slice(4, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> b.slice(-1, 1));
    }

    @Test
    void copyBetweenBuffersAndRejectsOverlapAndDtypeMismatch() {
        Buffer a = be.fromArray(new float[] {1, 2, 3, 4});
        Buffer c = be.allocF32(4);
        be.copy(a, 1, c, 0, 3);
        assertArrayEquals(new float[] {2, 3, 4, 0}, be.toArray(c));
        var overlap = assertThrows(IllegalArgumentException.class, () -> be.copy(a, 0, a, 1, 2));
        assertTrue(overlap.getMessage().contains("overlaps"), overlap.getMessage());
        be.copy(a, 0, a, 2, 2); // disjoint parts of one buffer are fine
        assertArrayEquals(new float[] {1, 2, 1, 2}, be.toArray(a));
        var dtype = assertThrows(IllegalArgumentException.class, () -> be.copy(a, 0, be.allocI32(4), 0, 1));
        assertTrue(dtype.getMessage().contains("expected dtype F32, actual I32"), dtype.getMessage());
    }

    @Test
    void boundsAndDtypeErrorsSayExpectedAndActual() {
        Buffer b = be.allocF32(4);
        var oob = assertThrows(IndexOutOfBoundsException.class, () -> be.upload(new float[3], 0, b, 2, 3));
        assertTrue(oob.getMessage().contains("expected") && oob.getMessage().contains("actual off=2, n=3"),
                oob.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> be.upload(new float[3], 1, b, 0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> be.download(b, 0, new float[2], 0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> be.fill(b, -1, 1, 0f));
        var dt = assertThrows(IllegalArgumentException.class, () -> be.upload(new int[1], 0, b, 0, 1));
        assertTrue(dt.getMessage().contains("expected dtype I32, actual F32"), dt.getMessage());
        var other = assertThrows(IllegalArgumentException.class,
                () -> be.upload(new float[1], 0, CpuBackend.scalar().allocF32(1), 0, 1));
        assertTrue(other.getMessage().contains("expected a buffer of backend"), other.getMessage());
    }

    @Test
    void kernelsRejectForeignShortAndWrongDtypeBuffers() {
        Kernels k = be.kernels();
        Buffer foreign = new Buffer() {
            public Backend backend() { return be; }
            public DType dtype() { return DType.F32; }
            public int length() { return 4; }
            public Buffer slice(int offset, int length) { return this; }
        };
        Buffer ok = be.allocF32(4);
        var f = assertThrows(IllegalArgumentException.class, () -> k.reluBackward(foreign, ok, ok, 4));
        assertTrue(f.getMessage().contains("gradOut: expected a CpuBuffer"), f.getMessage());
        var shortBuf = assertThrows(IllegalArgumentException.class,
                () -> k.gemm(false, false, 2, 2, 2, 1f, ok, be.allocF32(3), 0f, be.allocF32(4)));
        assertTrue(shortBuf.getMessage().contains("b: expected at least 4 elements (k·n), actual 3"),
                shortBuf.getMessage());
        var dtype = assertThrows(IllegalArgumentException.class,
                () -> k.gather(ok, be.allocF32(2), be.allocF32(2), 2, 2));
        assertTrue(dtype.getMessage().contains("idx: expected an I32 buffer, actual F32"), dtype.getMessage());
        var alias = assertThrows(IllegalArgumentException.class,
                () -> k.gemm(false, false, 2, 2, 2, 1f, ok, ok.slice(0, 4), 0f, ok));
        assertTrue(alias.getMessage().contains("c overlaps a"), alias.getMessage());
    }

    @Test
    void documentedInPlaceAliasingIsAllowed() {
        Buffer x = be.fromArray(new float[] {-1, 2});
        be.kernels().biasActivation(x, be.fromArray(new float[] {0.5f, 0.5f}), x, 1, 2, true);
        assertArrayEquals(new float[] {0, 2.5f}, be.toArray(x));
    }

    @Test
    void factoriesNameTheirKernels() {
        assertEquals("cpu-scalar", CpuBackend.scalar().name());
        assertEquals("cpu-simd-128", CpuBackend.simd(FloatVector.SPECIES_128).name());
        assertEquals("cpu-simd-" + FloatVector.SPECIES_PREFERRED.vectorBitSize(), CpuBackend.simd().name());
        assertSame(FloatVector.SPECIES_64, ((SimdKernels) CpuBackend.simd(FloatVector.SPECIES_64).kernels()).species());
    }

    @Test
    void autoFollowsSystemProperties() {
        String kernels = System.getProperty(CpuBackend.KERNELS_PROPERTY);
        String bits = System.getProperty(CpuBackend.VECTOR_BITS_PROPERTY);
        try {
            System.clearProperty(CpuBackend.KERNELS_PROPERTY);
            System.clearProperty(CpuBackend.VECTOR_BITS_PROPERTY);
            assertEquals(CpuBackend.simd().name(), CpuBackend.auto().name());
            System.setProperty(CpuBackend.KERNELS_PROPERTY, "scalar");
            assertEquals("cpu-scalar", CpuBackend.auto().name());
            System.setProperty(CpuBackend.KERNELS_PROPERTY, "simd");
            System.setProperty(CpuBackend.VECTOR_BITS_PROPERTY, "128");
            assertEquals("cpu-simd-128", CpuBackend.auto().name());
            var probe = new CpuBackendProvider().probe(); // `rlcode backends` shows what cpu will run
            assertTrue(probe.available() && probe.detail().startsWith("host CPU, cpu-simd-128 ("), probe.toString());
            System.setProperty(CpuBackend.VECTOR_BITS_PROPERTY, "96");
            var e = assertThrows(IllegalArgumentException.class, CpuBackend::auto);
            assertTrue(e.getMessage().contains("expected 64, 128, 256 or 512, actual \"96\""), e.getMessage());
            probe = new CpuBackendProvider().probe();
            assertFalse(probe.available());
            assertTrue(probe.reason().contains("actual \"96\""), probe.reason());
            System.setProperty(CpuBackend.KERNELS_PROPERTY, "gpu");
            e = assertThrows(IllegalArgumentException.class, CpuBackend::auto);
            assertTrue(e.getMessage().contains("expected scalar or simd, actual \"gpu\""), e.getMessage());
        } finally {
            restore(CpuBackend.KERNELS_PROPERTY, kernels);
            restore(CpuBackend.VECTOR_BITS_PROPERTY, bits);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }

    @Test
    void simdTemplatesRefuseDirectUse() {
        var e = assertThrows(ExceptionInInitializerError.class,
                () -> Class.forName("dev.rlcode.core.kernel.SimdElementwise", true, getClass().getClassLoader()));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("template"), e.getCause().getMessage());
        // the specialised copies are unaffected
        Buffer x = be.fromArray(new float[] {-1, 2, -3});
        Buffer g = be.allocF32(3);
        CpuBackend.simd(FloatVector.SPECIES_64).kernels().reluBackward(x, x, g, 3);
        assertArrayEquals(new float[] {0, 2, 0}, be.toArray(g));
    }
}
