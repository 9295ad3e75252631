package dev.rlcode.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlcode.core.kernel.Buffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link GpuBackend}'s bookkeeping on a counting fake device (no native code): memory is released and the device
 * thread stopped on every path, an asynchronous failure keeps its status where it surfaces, a closed backend says
 * so, and an interrupted transfer never writes into the caller's array after the call has ended.
 */
class GpuBackendLifecycleTest {

    /** A device whose memory is a set of handles; a launch of {@link #failKernel} fails like a native error. */
    static final class FakeBackend extends GpuBackend {
        final Set<Long> allocated = ConcurrentHashMap.newKeySet();
        final AtomicLong next = new AtomicLong(1);
        volatile String failKernel, refuseKernel;
        volatile CountDownLatch readStarted, releaseRead;

        FakeBackend(String thread) {
            super(thread);
            initKernels(true, 1);
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        protected DeviceMemory nativeAlloc(long bytes) {
            long h = next.getAndIncrement();
            allocated.add(h);
            return new DeviceMemory(h, bytes);
        }

        @Override
        protected void nativeFree(DeviceMemory m) {
            if (!allocated.remove(m.handle())) throw new IllegalStateException("double free " + m);
        }

        @Override
        protected void nativeWrite(DeviceMemory dst, long off, MemorySegment src) {
            if ("write".equals(failKernel)) throw new GpuException("clEnqueueWriteBuffer", -5, "CL_OUT_OF_RESOURCES", null);
        }

        @Override
        protected void nativeRead(DeviceMemory src, long off, MemorySegment dst) {
            if (readStarted != null) {
                readStarted.countDown();
                try {
                    releaseRead.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            for (long i = 0; i < dst.byteSize() / 4; i++) dst.setAtIndex(ValueLayout.JAVA_FLOAT, i, 7f);
        }

        @Override
        protected void nativeCopy(DeviceMemory s, long so, DeviceMemory d, long dOff, long bytes) {}

        @Override
        protected void nativeLaunch(String name, int[] global, int[] local, Object[] args) {
            if (name.equals(failKernel)) {
                throw new GpuException("clEnqueueNDRangeKernel", -54, "CL_INVALID_WORK_GROUP_SIZE", null);
            }
        }

        @Override
        protected void checkLaunch(String name, int[] global, int[] local) {
            if (name.equals(refuseKernel)) throw new IllegalArgumentException(name + ": grid too large");
        }

        @Override
        protected void nativeFinish() {}

        @Override
        protected void nativeClose() {}
    }

    @Test
    void anAllocationThatReportsAnEarlierFailureIsFreedAndTheFailureKeepsItsStatus() {
        FakeBackend be = new FakeBackend("rl-gpu-fake-alloc");
        Buffer a = be.allocF32(16);
        be.failKernel = "rl_fill";
        be.fill(a, 0, 16, 1f); // fails on the device thread, reported by the next waiting call
        GpuException e = assertThrows(GpuException.class, () -> be.allocF32(16));
        assertEquals("CL_INVALID_WORK_GROUP_SIZE", e.statusName(), e.getMessage());
        assertEquals(-54, e.status());
        assertEquals("clEnqueueNDRangeKernel", e.call());
        be.synchronize(); // the failure was reported: the queue runs again, after the free
        int scratch = 2; // GpuKernels' reduction partials and clip scale
        assertEquals(scratch + 1, be.allocated.size(), "only the scratch and a are allocated: " + be.allocated);
        be.close();
        assertEquals(Set.of(), be.allocated);
    }

    @Test
    void aTransferFailureKeepsItsStatus() {
        FakeBackend be = new FakeBackend("rl-gpu-fake-write");
        Buffer a = be.allocF32(4);
        be.failKernel = "write";
        GpuException e = assertThrows(GpuException.class, () -> be.upload(new float[4], 0, a, 0, 4));
        assertEquals("CL_OUT_OF_RESOURCES", e.statusName(), e.getMessage());
        assertEquals("clEnqueueWriteBuffer", e.call());
        be.close();
    }

    @Test
    void aFreeQueuedBehindAnUnreportedFailureStillRuns() {
        try (Dispatcher d = new Dispatcher("rl-gpu-fake-dispatch")) {
            boolean[] freed = {false, false};
            d.post(() -> {
                throw new GpuException("clEnqueueNDRangeKernel", -5, "CL_OUT_OF_RESOURCES", null);
            });
            d.post(() -> freed[0] = true); // skipped: the queue's state is unknown until the failure is seen
            d.postAlways(() -> freed[1] = true);
            GpuException e = assertThrows(GpuException.class, () -> d.run(() -> {}));
            assertEquals("CL_OUT_OF_RESOURCES", e.statusName());
            d.run(() -> {});
            assertFalse(freed[0]);
            assertTrue(freed[1], "postAlways runs while a failure is pending");
        }
    }

    @Test
    void closeWithAnUnreportedFailureFreesEverythingStopsTheThreadAndReportsIt() throws InterruptedException {
        String thread = "rl-gpu-fake-close";
        FakeBackend be = new FakeBackend(thread);
        Buffer a = be.allocF32(16), b = be.allocF32(3);
        be.failKernel = "rl_fill";
        be.fill(a, 0, 16, 1f);
        GpuException e = assertThrows(GpuException.class, be::close);
        assertEquals("CL_INVALID_WORK_GROUP_SIZE", e.statusName());
        assertEquals(Set.of(), be.allocated, "a, b and the scratch are freed");
        assertTrue(be.isClosed());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(thread)) t.join(10_000);
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(thread) && t.isAlive()),
                "the device thread has stopped");
        be.close(); // a second close does nothing
        assertEquals(16 + 3, a.length() + b.length());
    }

    @Test
    void anInterruptedCloseStillReleasesEverythingAndKeepsTheInterrupt() {
        FakeBackend be = new FakeBackend("rl-gpu-fake-intclose");
        Buffer a = be.allocF32(16);
        CountDownLatch hold = new CountDownLatch(1);
        be.dispatcher.post(() -> {
            try {
                hold.await(); // the release task queues behind this one
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.currentThread().interrupt();
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(50); // not needed for correctness: close() waits either way
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            hold.countDown();
        });
        releaser.start();
        be.close();
        assertTrue(Thread.interrupted(), "the interrupt status is kept");
        assertEquals(Set.of(), be.allocated, "a and the scratch are freed");
        assertEquals(16, a.length());
    }

    /** A geometry the device cannot launch fails at the call that asked for it, and nothing queued is lost. */
    @Test
    void aLaunchTheDeviceCannotRunIsRefusedAtTheCallNotAtALaterOne() {
        try (FakeBackend be = new FakeBackend("rl-gpu-fake-geometry")) {
            Buffer a = be.fromArray(new float[] {1, 2, 3, 4}), b = be.allocF32(4);
            be.refuseKernel = "rl_polyak";
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> be.kernels().polyakUpdate(a, b, 4, 0.5f)); // (tau = 1 is a copy, no kernel)
            assertTrue(e.getMessage().contains("rl_polyak"), e.getMessage());
            be.upload(new float[] {9}, 0, a, 0, 1); // no failure left pending for a later, innocent call
            be.synchronize();
        }
    }

    /** Two backends on one device share a name: a buffer of the other one is named as such. */
    @Test
    void aBufferOfAnotherInstanceIsNamedSo() {
        try (FakeBackend one = new FakeBackend("rl-gpu-fake-one"); FakeBackend two = new FakeBackend("rl-gpu-fake-two")) {
            Buffer theirs = two.allocF32(4), ours = one.allocF32(4);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> one.copy(theirs, 0, ours,
                    0, 4));
            assertTrue(e.getMessage().contains("another instance of that backend"), e.getMessage());
        }
    }

    @Test
    void everyOperationOfAClosedBackendSaysItIsClosed() {
        FakeBackend be = new FakeBackend("rl-gpu-fake-closed");
        Buffer a = be.allocF32(4), b = be.allocF32(4);
        be.close();
        for (Runnable op : new Runnable[] {() -> be.upload(new float[4], 0, a, 0, 4),
                () -> be.upload(new int[4], 0, be.allocI32(4), 0, 4), () -> be.download(a, 0, new float[4], 0, 4),
                () -> be.copy(a, 0, b, 0, 4), () -> be.fill(a, 0, 4, 1f), be::synchronize,
                () -> be.kernels().polyakUpdate(a, b, 4, 1f)}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, op::run);
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }

    @Test
    void anInterruptBeforeTheTransferStartsCancelsIt() throws InterruptedException {
        FakeBackend be = new FakeBackend("rl-gpu-fake-int1");
        Buffer a = be.allocF32(8);
        CountDownLatch hold = new CountDownLatch(1);
        be.dispatcher.post(() -> {
            try {
                hold.await(); // keeps the download queued
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        float[] dst = new float[8];
        Thread.currentThread().interrupt();
        GpuException e = assertThrows(GpuException.class, () -> be.download(a, 0, dst, 0, 8));
        assertTrue(Thread.interrupted(), "the interrupt status is kept");
        assertTrue(e.getMessage().contains("did not start"), e.getMessage());
        hold.countDown();
        be.synchronize();
        assertArrayEquals(new float[8], dst, "the cancelled download never wrote");
        be.close();
    }

    @Test
    void anInterruptDuringTheTransferWaitsForItThenKeepsTheInterrupt() throws InterruptedException {
        FakeBackend be = new FakeBackend("rl-gpu-fake-int2");
        Buffer a = be.allocF32(8);
        be.readStarted = new CountDownLatch(1);
        be.releaseRead = new CountDownLatch(1);
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                be.readStarted.await();
                caller.interrupt();
                while (caller.getState() != Thread.State.WAITING && caller.getState() != Thread.State.TIMED_WAITING) {
                    Thread.onSpinWait();
                }
                be.releaseRead.countDown();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        interrupter.start();
        float[] dst = new float[8];
        be.download(a, 0, dst, 0, 8);
        assertTrue(Thread.interrupted(), "the interrupt status is kept");
        float[] sevens = new float[8];
        java.util.Arrays.fill(sevens, 7f);
        assertArrayEquals(sevens, dst, "the call returned with the transfer done");
        interrupter.join();
        be.readStarted = null;
        be.close();
    }
}
