package dev.rlcode.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rlcode.core.kernel.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * One OpenCL backend used from two threads at once, as a CPU backend may be: the gradient-norm clip, whose three
 * launches share the backend's reduction scratch, gives each thread its own gradient's norm.
 */
class OpenClConcurrencyTest {

    @Test
    void twoThreadsClippingDifferentGradientsEachGetTheirOwnNorm() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) assumeTrue(new OpenClProvider().probe().available(), "no OpenCL here");
        try (OpenClBackend be = OpenClBackend.create()) {
            int n = 1000, iters = 500;
            AtomicInteger wrong = new AtomicInteger();
            AtomicReference<String> example = new AtomicReference<>();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            CyclicBarrier start = new CyclicBarrier(2);
            List<Thread> threads = new ArrayList<>();
            for (float v : new float[] {1f, 100f}) {
                Thread t = new Thread(() -> {
                    try {
                        float[] g = new float[n];
                        Arrays.fill(g, v);
                        float expected = (float) Math.sqrt((double) n * v * v);
                        Buffer gb = be.fromArray(g), norms = be.allocF32(iters);
                        start.await();
                        // maxNorm = +Inf never clips: every call reports the norm of the unchanged gradient
                        for (int i = 0; i < iters; i++) {
                            be.kernels().clipGradNorm(gb, n, Float.POSITIVE_INFINITY, norms.slice(i, 1));
                        }
                        float[] got = be.toArray(norms);
                        for (int i = 0; i < iters; i++) {
                            if (got[i] != expected) {
                                wrong.incrementAndGet();
                                example.compareAndSet(null, "gradient of " + v + "s, call " + i + ": norm " + got[i]
                                        + ", expected " + expected);
                            }
                        }
                    } catch (Throwable e) {
                        failed.compareAndSet(null, e);
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) t.join();
            assertEquals(null, failed.get());
            assertEquals(0, wrong.get(), example.get());
        }
    }
}
