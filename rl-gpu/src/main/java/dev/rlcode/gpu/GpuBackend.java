package dev.rlcode.gpu;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.Buffer;
import dev.rlcode.core.kernel.CheckedKernels;
import dev.rlcode.core.kernel.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the OpenCL and CUDA backends share: buffers, argument checks, blocking transfers through host staging
 * segments, and the {@link Dispatcher} thread that makes every native call. Subclasses supply the native primitives
 * ({@code native*} methods), which are only ever called on the dispatcher thread.
 *
 * <p>Device memory is freed when no {@link GpuBuffer} of an allocation is reachable any more (a {@link Cleaner}
 * queues the free behind the work already submitted), and all of it at {@link #close()}.
 */
public abstract class GpuBackend implements Backend {

    private static final Cleaner CLEANER = Cleaner.create();

    /** The device thread; every native call runs on it. */
    protected final Dispatcher dispatcher;
    private final Set<DeviceMemory> live = ConcurrentHashMap.newKeySet();
    /** Frees of unreachable buffers the {@link Cleaner} has queued so far, for {@link #allocCollecting}. */
    private final java.util.concurrent.atomic.AtomicLong freesQueued = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;
    private final Object lifecycle = new Object();
    /** Read-held while work is queued (or a transfer waits), write-held by {@link #close()} to mark it closed. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock gate =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    private GpuKernels kernels;

    /** @param threadName the dispatcher thread's name */
    protected GpuBackend(String threadName) {
        this.dispatcher = new Dispatcher(threadName, () -> name() + ": backend is closed");
    }

    /**
     * Creates the kernel set; call once the program or module is built.
     *
     * @param fp64         whether reductions may accumulate in double
     * @param computeUnits the device's streaming multiprocessors or compute units, for the GEMM kernel choice
     */
    protected final void initKernels(boolean fp64, int computeUnits) {
        this.kernels = new GpuKernels(this, fp64, computeUnits);
    }

    /** {@return a zero-filled allocation of {@code bytes} bytes (at least 1)} Dispatcher thread only. */
    protected abstract DeviceMemory nativeAlloc(long bytes);

    /** Frees an allocation. Dispatcher thread only. */
    protected abstract void nativeFree(DeviceMemory m);

    /** Blocking host-to-device copy of all of {@code src}. Dispatcher thread only. */
    protected abstract void nativeWrite(DeviceMemory dst, long dstByteOffset, MemorySegment src);

    /** Blocking device-to-host copy filling {@code dst}. Dispatcher thread only. */
    protected abstract void nativeRead(DeviceMemory src, long srcByteOffset, MemorySegment dst);

    /** Device-to-device copy, ordered after earlier work. Dispatcher thread only. */
    protected abstract void nativeCopy(DeviceMemory src, long srcByteOffset, DeviceMemory dst, long dstByteOffset,
                                       long bytes);

    /**
     * Enqueues kernel {@code name} over {@code global} work-items in groups of {@code local} (1 or 2 dimensions,
     * {@code global} a multiple of {@code local}); {@code args} are {@link DeviceMemory}, {@link Integer} and
     * {@link Float}. Dispatcher thread only.
     */
    protected abstract void nativeLaunch(String name, int[] global, int[] local, Object[] args);

    /**
     * Refuses, on the calling thread, a launch geometry this API cannot run (the launch itself runs later on the
     * device thread, where a failure would surface at some later call); the default accepts every geometry.
     *
     * @throws IllegalArgumentException naming the kernel
     */
    protected void checkLaunch(String name, int[] global, int[] local) {
    }

    /** Waits until the device is idle. Dispatcher thread only. */
    protected abstract void nativeFinish();

    /** Releases kernels, programs, queues and contexts (allocations are already freed). Dispatcher thread only. */
    protected abstract void nativeClose();

    @Override
    public final GpuKernels kernels() {
        return kernels;
    }

    @Override
    public GpuBuffer allocF32(int length) {
        return alloc(DType.F32, length);
    }

    @Override
    public GpuBuffer allocI32(int length) {
        return alloc(DType.I32, length);
    }

    private GpuBuffer alloc(DType dtype, int length) {
        if (length < 0) throw new IllegalArgumentException("buffer length: expected >= 0, actual " + length);
        ensureOpen();
        DeviceMemory mem = allocCollecting(Math.max(4L, 4L * length));
        GpuBuffer.Allocation root = new GpuBuffer.Allocation(mem);
        CLEANER.register(root, () -> {
            if (free(mem)) freesQueued.incrementAndGet(); // what an out-of-memory retry waits for
        });
        return new GpuBuffer(this, dtype, root, 0, length);
    }

    /**
     * {@link #allocLive}, and when the device is out of memory, a garbage collection and a few retries: the memory
     * of buffers nobody references any more is freed only once the collector has found them (as for direct byte
     * buffers), and tiny Java objects holding large device allocations give it no reason to run. The frees the
     * {@link Cleaner} queues run on the device thread before the retry that follows them.
     */
    private DeviceMemory allocCollecting(long bytes) {
        long seen = freesQueued.get();
        while (true) {
            GpuException[] own = new GpuException[1];
            try {
                return allocLive(bytes, own);
            } catch (GpuException e) {
                // only this allocation's own shortage (as thrown, or as the dispatcher rethrew it): an earlier
                // launch's failure reported here is thrown as is
                boolean mine = own[0] != null && (e == own[0] || e.getCause() == own[0]);
                if (!mine || !e.outOfMemory()) throw e;
                if (freesQueued.get() == seen) {
                    // nothing freed since the last try: collect, and wait for the Cleaner (its own thread) to queue
                    // a free; none within 2 s: nothing was unreachable, the device is really full
                    System.gc();
                    long deadline = System.nanoTime() + 2_000_000_000L;
                    try {
                        while (freesQueued.get() == seen && System.nanoTime() < deadline) Thread.sleep(1);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                    if (freesQueued.get() == seen) throw e;
                }
                seen = freesQueued.get(); // frees keep arriving: try again (each retry needs a new one)
            }
        }
    }

    /**
     * Allocates on the device thread and records the allocation as live there, so {@link #close()} frees it even
     * when the call reports an earlier asynchronous failure instead of returning it; in that case it is freed at once.
     */
    private DeviceMemory allocLive(long bytes) {
        return allocLive(bytes, new GpuException[1]);
    }

    /** As {@link #allocLive(long)}, leaving in {@code own[0]} the failure of the native allocation itself, if any. */
    private DeviceMemory allocLive(long bytes, GpuException[] own) {
        DeviceMemory[] got = new DeviceMemory[1];
        try {
            gated(() -> dispatcher.run(() -> {
                try {
                    got[0] = nativeAlloc(bytes);
                } catch (GpuException e) {
                    own[0] = e;
                    throw e;
                }
                live.add(got[0]);
            }));
        } catch (RuntimeException e) {
            if (got[0] != null) free(got[0]);
            throw e;
        }
        return got[0];
    }

    /**
     * Queues the free behind the work already submitted; it runs even while a failure is unreported. Under the
     * lifecycle lock, so a free that has left {@code live} is queued before {@link #close()}'s last task.
     *
     * @return whether a free was queued (false when closed or already freed)
     */
    private boolean free(DeviceMemory mem) {
        synchronized (lifecycle) {
            if (closed || !live.remove(mem)) return false;
            dispatcher.postAlways(() -> nativeFree(mem));
            return true;
        }
    }

    @Override
    public void upload(float[] src, int srcOff, Buffer dst, int dstOff, int n) {
        Objects.requireNonNull(src, "src");
        ensureOpen();
        GpuBuffer d = own(dst, "dst", DType.F32);
        range("src", srcOff, n, src.length);
        range("dst", dstOff, n, d.length());
        if (n == 0) return;
        gated(() -> dispatcher.run(() -> {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment host = a.allocate(4L * n, 64);
                MemorySegment.copy(src, srcOff, host, ValueLayout.JAVA_FLOAT, 0, n);
                nativeWrite(d.memory(), 4L * (d.offset() + dstOff), host);
            }
        }));
    }

    @Override
    public void upload(int[] src, int srcOff, Buffer dst, int dstOff, int n) {
        Objects.requireNonNull(src, "src");
        ensureOpen();
        GpuBuffer d = own(dst, "dst", DType.I32);
        range("src", srcOff, n, src.length);
        range("dst", dstOff, n, d.length());
        if (n == 0) return;
        gated(() -> dispatcher.run(() -> {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment host = a.allocate(4L * n, 64);
                MemorySegment.copy(src, srcOff, host, ValueLayout.JAVA_INT, 0, n);
                nativeWrite(d.memory(), 4L * (d.offset() + dstOff), host);
            }
        }));
    }

    @Override
    public void download(Buffer src, int srcOff, float[] dst, int dstOff, int n) {
        Objects.requireNonNull(dst, "dst");
        ensureOpen();
        GpuBuffer s = own(src, "src", DType.F32);
        range("src", srcOff, n, s.length());
        range("dst", dstOff, n, dst.length);
        if (n == 0) return;
        gated(() -> dispatcher.run(() -> {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment host = a.allocate(4L * n, 64);
                nativeRead(s.memory(), 4L * (s.offset() + srcOff), host);
                MemorySegment.copy(host, ValueLayout.JAVA_FLOAT, 0, dst, dstOff, n);
            }
        }));
    }

    @Override
    public void download(Buffer src, int srcOff, int[] dst, int dstOff, int n) {
        Objects.requireNonNull(dst, "dst");
        ensureOpen();
        GpuBuffer s = own(src, "src", DType.I32);
        range("src", srcOff, n, s.length());
        range("dst", dstOff, n, dst.length);
        if (n == 0) return;
        gated(() -> dispatcher.run(() -> {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment host = a.allocate(4L * n, 64);
                nativeRead(s.memory(), 4L * (s.offset() + srcOff), host);
                MemorySegment.copy(host, ValueLayout.JAVA_INT, 0, dst, dstOff, n);
            }
        }));
    }

    @Override
    public void copy(Buffer src, int srcOff, Buffer dst, int dstOff, int n) {
        ensureOpen();
        GpuBuffer s = own(src, "src", null);
        GpuBuffer d = own(dst, "dst", s.dtype());
        range("src", srcOff, n, s.length());
        range("dst", dstOff, n, d.length());
        if (s.sameAllocation(d)) {
            CheckedKernels.checkDisjoint("dst", d.offset() + dstOff, n, "src", s.offset() + srcOff, n, false);
        }
        if (n == 0) return;
        DeviceMemory sm = s.memory(), dm = d.memory();
        long so = 4L * (s.offset() + srcOff), dOff = 4L * (d.offset() + dstOff);
        gated(() -> dispatcher.post(() -> nativeCopy(sm, so, dm, dOff, 4L * n)));
        // the buffers' Cleaner may queue their free only after the copy that reads their memory
        Reference.reachabilityFence(s);
        Reference.reachabilityFence(d);
    }

    @Override
    public void fill(Buffer dst, int off, int n, float value) {
        GpuBuffer d = own(dst, "dst", DType.F32);
        range("dst", off, n, d.length());
        kernels.fill(d.slice(off, n), n, value);
    }

    @Override
    public void synchronize() {
        ensureOpen();
        gated(() -> dispatcher.run(this::nativeFinish));
    }

    /**
     * Enqueues a kernel; a {@link GpuBuffer} argument is passed as pointer and element offset, and {@code null} as
     * an absent optional buffer (null pointer, offset 0).
     */
    final void launch(String name, int[] global, int[] local, Object... args) {
        ensureOpen();
        checkLaunch(name, global, local); // here, on the caller's thread: the launch itself runs later, on the device's
        List<Object> flat = new ArrayList<>(args.length + 8);
        for (Object a : args) {
            switch (a) {
                case null -> {
                    flat.add(DeviceMemory.NULL);
                    flat.add(0);
                }
                case GpuBuffer b -> {
                    flat.add(b.memory());
                    flat.add(b.offset());
                }
                case DeviceMemory m -> flat.add(m);
                case Integer i -> flat.add(i);
                case Float f -> flat.add(f);
                default -> throw new IllegalArgumentException("kernel argument: " + a);
            }
        }
        Object[] argv = flat.toArray();
        gated(() -> dispatcher.post(() -> nativeLaunch(name, global, local, argv)));
        // the buffers' Cleaner may queue their free only after the launch that uses their memory
        Reference.reachabilityFence(args);
    }

    /** Allocates device scratch that lives as long as the backend (used by reductions). */
    final DeviceMemory scratch(long bytes) {
        ensureOpen();
        return allocLive(bytes);
    }

    /**
     * Waits for the device, frees every allocation, releases the native objects and stops the device thread, each
     * step even when an earlier one failed or the calling thread is interrupted (its interrupt status is kept); then
     * throws the first failure (an unreported asynchronous one included), if any. A second call does nothing.
     */
    @Override
    public void close() {
        gate.writeLock().lock(); // waits for work being queued and transfers in flight
        try {
            synchronized (lifecycle) {
                if (closed) return;
                closed = true;
            }
        } finally {
            gate.writeLock().unlock();
        }
        // an interrupt must not withdraw the release (nothing could release it later), and no call that passed
        // ensureOpen before closed was set may run a native call after it: closeWith sees to both
        dispatcher.closeWith(() -> {
            RuntimeException first = null;
            try {
                nativeFinish();
            } catch (RuntimeException e) {
                first = e;
            }
            for (DeviceMemory m : live) {
                try {
                    nativeFree(m);
                } catch (RuntimeException e) {
                    if (first == null) first = e;
                }
            }
            live.clear();
            try {
                nativeClose();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
            if (first != null) throw first;
        });
    }

    /**
     * Closes a backend whose creation failed after its construction, keeping {@code failure} as the error to
     * report (a failure of the release is attached to it as suppressed).
     */
    protected final void closeAfterFailedCreation(RuntimeException failure) {
        try {
            close();
        } catch (RuntimeException e) {
            if (e != failure) failure.addSuppressed(e);
        }
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Queues work for the device thread, refusing it once {@link #close()} has begun: the check and the queueing
     * are one step against close (which takes the gate's write lock to mark the backend closed), so nothing is
     * queued behind the release of the device.
     */
    private void gated(Runnable enqueue) {
        gate.readLock().lock();
        try {
            ensureOpen();
            enqueue.run();
        } finally {
            gate.readLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException(name() + ": backend is closed");
    }

    /** Checks that {@code b} is a buffer of this backend with dtype {@code dtype} (any when null). */
    GpuBuffer own(Buffer b, String name, DType dtype) {
        ensureOpen(); // every operation checks its buffers here, those with nothing to do (n = 0) included
        Objects.requireNonNull(b, name);
        if (!(b instanceof GpuBuffer g) || g.backend() != this) {
            // two backends on one device share a name: say which instance
            boolean sibling = b.backend() != this && b.backend().name().equals(name());
            throw new IllegalArgumentException(name + ": expected a buffer of backend " + name() + ", actual "
                    + b + " of " + (sibling ? "another instance of that backend (this one is @"
                    + Integer.toHexString(System.identityHashCode(this)) + ", the buffer's @"
                    + Integer.toHexString(System.identityHashCode(b.backend())) + ")"
                    : "backend " + b.backend().name()));
        }
        if (dtype != null && g.dtype() != dtype) {
            throw new IllegalArgumentException(name + ": expected dtype " + dtype + ", actual " + g.dtype());
        }
        return g;
    }

    private static void range(String name, int off, int n, int length) {
        if (off < 0 || n < 0 || off > length - n) {
            throw new IndexOutOfBoundsException(name + " range: expected [off, off + n) inside [0, " + length
                    + "), actual off=" + off + ", n=" + n);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name() + "]";
    }
}
