package dev.rlcode.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.core.kernel.Buffer;
import dev.rlcode.core.kernel.DType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link GpuBackend#close()} against calls from other threads, on a fake device (no native code): a call that had
 * passed its open check when another thread closed the backend is refused with "backend is closed" and never runs a
 * native call after the device was released; an interrupt while close waits does not stop the release; an
 * operation with nothing to do is refused on a closed backend like any other.
 */
class GpuBackendCloseRaceTest {

    /** A fake device that records native calls made after {@link #nativeClose()}. */
    static class Fake extends GpuBackend {
        final Set<Long> allocated = ConcurrentHashMap.newKeySet();
        final AtomicLong next = new AtomicLong(1);
        volatile boolean nativeClosed, nativeCallAfterClose;

        Fake(String thread) {
            super(thread);
            initKernels(true, 1);
        }

        @Override
        public String name() {
            return "fake";
        }

        private void touch() {
            if (nativeClosed) nativeCallAfterClose = true;
        }

        @Override
        protected DeviceMemory nativeAlloc(long bytes) {
            touch();
            long h = next.getAndIncrement();
            allocated.add(h);
            return new DeviceMemory(h, bytes);
        }

        @Override
        protected void nativeFree(DeviceMemory m) {
            touch();
            allocated.remove(m.handle());
        }

        @Override
        protected void nativeWrite(DeviceMemory d, long o, MemorySegment s) {
            touch();
        }

        @Override
        protected void nativeRead(DeviceMemory s, long o, MemorySegment d) {
            touch();
        }

        @Override
        protected void nativeCopy(DeviceMemory s, long so, DeviceMemory d, long dOff, long bytes) {
            touch();
        }

        @Override
        protected void nativeLaunch(String name, int[] global, int[] local, Object[] args) {
            touch();
        }

        @Override
        protected void nativeFinish() {
            touch();
        }

        @Override
        protected void nativeClose() {
            nativeClosed = true;
        }
    }

    /** Holds the next call in its buffer check (after its open check) until {@link #go} opens. */
    static final class Held extends Fake {
        volatile boolean hold;
        final CountDownLatch inCall = new CountDownLatch(1), go = new CountDownLatch(1);

        Held(String thread) {
            super(thread);
        }

        @Override
        GpuBuffer own(Buffer b, String name, DType dtype) {
            GpuBuffer g = super.own(b, name, dtype);
            if (hold) {
                hold = false;
                inCall.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return g;
        }
    }

    /** Runs {@code op} on a thread, closes the backend while {@code op} is past its open check, returns its error. */
    private static Throwable closeDuring(Held be, Runnable op) throws Exception {
        AtomicReference<Throwable> got = new AtomicReference<>();
        be.hold = true;
        Thread t = new Thread(() -> {
            try {
                op.run();
            } catch (Throwable e) {
                got.set(e);
            }
        });
        t.start();
        assertTrue(be.inCall.await(10, TimeUnit.SECONDS));
        be.close();
        be.go.countDown();
        t.join();
        return got.get();
    }

    @Test
    void callsPastTheirOpenCheckWhenAnotherThreadClosesAreRefused() throws Exception {
        Map<String, java.util.function.Function<Held, Runnable>> ops = new LinkedHashMap<>();
        ops.put("upload", be -> {
            Buffer a = be.allocF32(4);
            return () -> be.upload(new float[4], 0, a, 0, 4);
        });
        ops.put("download", be -> {
            Buffer a = be.allocF32(4);
            return () -> be.download(a, 0, new float[4], 0, 4);
        });
        ops.put("copy", be -> {
            Buffer a = be.allocF32(4), b = be.allocF32(4);
            return () -> be.copy(a, 0, b, 0, 4);
        });
        ops.put("kernel", be -> {
            Buffer a = be.allocF32(4), b = be.allocF32(4);
            return () -> be.kernels().polyakUpdate(a, b, 4, 0.5f);
        });
        for (var e : ops.entrySet()) {
            Held be = new Held("rl-gpu-test-race-" + e.getKey());
            Throwable t = closeDuring(be, e.getValue().apply(be));
            assertTrue(t instanceof IllegalStateException && t.getMessage().equals("fake: backend is closed"),
                    e.getKey() + ": " + t);
            assertFalse(be.nativeCallAfterClose, e.getKey() + " ran a native call after the device was released");
            assertEquals(Set.of(), be.allocated, e.getKey() + ": memory left allocated");
        }
    }

    /** No hooks: a thread uploads and copies in a loop while the test thread closes. */
    @Test
    void aLoopOfCallsRacingCloseEndsWithTheClosedErrorAndNothingAfterTheRelease() throws Exception {
        Map<String, Integer> endings = new TreeMap<>();
        for (int r = 0; r < 100; r++) {
            Fake be = new Fake("rl-gpu-test-loop");
            Buffer a = be.allocF32(4);
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<Throwable> got = new AtomicReference<>();
            Thread t = new Thread(() -> {
                started.countDown();
                try {
                    while (true) {
                        be.upload(new float[4], 0, a, 0, 4);
                        be.copy(a, 0, a, 2, 2);
                    }
                } catch (Throwable e) {
                    got.set(e);
                }
            });
            t.start();
            started.await();
            be.close();
            t.join();
            String ending = got.get().getClass().getSimpleName() + ": " + got.get().getMessage()
                    + (be.nativeCallAfterClose ? " (+ a native call after the release)" : "");
            endings.merge(ending, 1, Integer::sum);
        }
        assertEquals(Set.of("IllegalStateException: fake: backend is closed"), endings.keySet(), endings.toString());
    }

    @Test
    void anInterruptWhileCloseWaitsForTheDeviceDoesNotStopTheRelease() throws Exception {
        Fake be = new Fake("rl-gpu-test-interrupted-close");
        Buffer a = be.allocF32(16);
        CountDownLatch kernelRunning = new CountDownLatch(1), kernelDone = new CountDownLatch(1);
        be.dispatcher.post(() -> { // a long kernel still running on the device thread
            kernelRunning.countDown();
            try {
                kernelDone.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(kernelRunning.await(10, TimeUnit.SECONDS));
        AtomicReference<Throwable> got = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread closer = new Thread(() -> {
            try {
                be.close();
            } catch (Throwable t) {
                got.set(t);
            }
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        closer.start();
        while (closer.getState() != Thread.State.WAITING && closer.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait(); // close() waits for its release, queued behind the kernel
        }
        closer.interrupt(); // e.g. an executor shutting down its workers
        Thread.sleep(50);
        kernelDone.countDown();
        closer.join();
        assertEquals(null, got.get());
        assertTrue(be.nativeClosed, "the device was released");
        assertEquals(Set.of(), be.allocated, "memory freed");
        assertTrue(interruptKept.get(), "the closer's interrupt status is kept");
        assertEquals(16, a.length());
    }

    @Test
    void anOperationWithNothingToDoIsRefusedOnAClosedBackendToo() {
        Fake be = new Fake("rl-gpu-test-empty");
        Buffer a = be.allocF32(4), b = be.allocF32(4);
        be.close();
        Map<String, Runnable> ops = new LinkedHashMap<>();
        ops.put("fill n=0", () -> be.fill(a, 0, 0, 1f));
        ops.put("gemm m=0", () -> be.kernels().gemm(false, false, 0, 4, 1, 1f, a, b, 0f, a.slice(0, 0)));
        ops.put("polyak n=0", () -> be.kernels().polyakUpdate(a, b, 0, 1f));
        ops.put("upload n=0", () -> be.upload(new float[0], 0, a, 0, 0));
        ops.put("copy n=0", () -> be.copy(a, 0, b, 0, 0));
        List<String> accepted = new ArrayList<>();
        for (var e : ops.entrySet()) {
            try {
                e.getValue().run();
                accepted.add(e.getKey());
            } catch (IllegalStateException ex) {
                assertEquals("fake: backend is closed", ex.getMessage(), e.getKey());
            }
        }
        assertEquals(List.of(), accepted);
    }

    /**
     * Device memory of buffers nobody references is freed when the collector finds them; a device that runs out
     * first (tiny Java objects give the collector no reason to run) gets a collection and a retry, so a loop that
     * keeps no buffer never runs out.
     */
    @Test
    void aDeviceFullOfUnreachableBuffersIsCollectedBeforeAnAllocationFails() {
        Fake be = new Fake("rl-gpu-test-oom") {
            @Override
            protected DeviceMemory nativeAlloc(long bytes) {
                if (allocated.size() >= 64) {
                    throw new GpuException("cuMemAlloc_v2", 2, "CUDA_ERROR_OUT_OF_MEMORY", null);
                }
                return super.nativeAlloc(bytes);
            }
        };
        try {
            for (int i = 0; i < 1000; i++) be.allocF32(16); // nothing kept
            List<Buffer> kept = new ArrayList<>();
            GpuException full = org.junit.jupiter.api.Assertions.assertThrows(GpuException.class, () -> {
                while (true) kept.add(be.allocF32(16));
            });
            assertTrue(full.outOfMemory(), full.getMessage());
            assertEquals(64 - 2, kept.size(), "the device's 64 allocations, 2 of them the kernels' scratch");
        } finally {
            be.close();
        }
    }

    /**
     * An earlier launch's failure reported by the next allocation is thrown whatever its status, also one that
     * reads like running out of memory (a failed kernel on NVIDIA's OpenCL is CL_OUT_OF_RESOURCES): only the
     * allocation's own shortage is retried.
     */
    @Test
    void anEarlierLaunchFailureWithAnOutOfMemoryStatusIsReportedNotRetriedAway() {
        for (String status : List.of("CL_INVALID_VALUE", "CL_OUT_OF_RESOURCES")) {
            java.util.concurrent.atomic.AtomicInteger launches = new java.util.concurrent.atomic.AtomicInteger();
            Fake be = new Fake("rl-gpu-test-async-" + status) {
                @Override
                protected void nativeCopy(DeviceMemory s, long so, DeviceMemory d, long dOff, long bytes) {
                    throw new GpuException("clEnqueueCopyBuffer", -5, status, null);
                }

                @Override
                protected void nativeLaunch(String name, int[] global, int[] local, Object[] args) {
                    launches.incrementAndGet();
                }
            };
            try {
                Buffer a = be.allocF32(4), b = be.allocF32(4);
                be.copy(a, 0, b, 0, 4); // fails on the device thread; reported by the next waiting call
                be.kernels().polyakUpdate(a, b, 4, 0.5f); // queued behind the failure: skipped
                GpuException e = org.junit.jupiter.api.Assertions.assertThrows(GpuException.class,
                        () -> be.allocF32(4), status);
                assertTrue(e.getMessage().startsWith("an earlier asynchronous launch failed: clEnqueueCopyBuffer"),
                        status + ": " + e.getMessage());
                assertEquals(status, e.statusName());
                assertEquals(0, launches.get(), status);
            } finally {
                be.close();
            }
        }
    }

    /** A release that fails behind an unreported launch failure: the launch's is thrown, the release's kept. */
    @Test
    void closeReportsAnUnreportedLaunchFailureAndKeepsTheReleasesOwn() {
        Dispatcher d = new Dispatcher("rl-gpu-test-closewith");
        d.post(() -> {
            throw new GpuException("clEnqueueNDRangeKernel", -48, "CL_INVALID_KERNEL", null);
        });
        GpuException release = new GpuException("clReleaseContext", -34, "CL_INVALID_CONTEXT", null);
        GpuException got = org.junit.jupiter.api.Assertions.assertThrows(GpuException.class,
                () -> d.closeWith(() -> {
                    throw release;
                }));
        assertEquals("CL_INVALID_KERNEL", got.statusName());
        assertEquals(List.of(release), List.of(got.getSuppressed()));
    }
}
