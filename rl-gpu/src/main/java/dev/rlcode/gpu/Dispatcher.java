package dev.rlcode.gpu;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one thread that talks to a device. Every native call of a backend runs here, in submission order, so a CUDA
 * context is current on exactly one thread and an OpenCL queue is used by one thread.
 *
 * <p>Kernel launches are submitted without waiting ({@link #post}); a failure of a posted task is kept and thrown by
 * the next {@link #call} (a transfer or a synchronize), wrapped so the caller's stack shows where it surfaced.
 * Transfers wait ({@link #call}), which gives {@link dev.rlcode.core.kernel.Backend}'s blocking semantics.
 */
public final class Dispatcher implements AutoCloseable {

    private final ExecutorService exec;
    private final AtomicReference<Throwable> pending = new AtomicReference<>();
    private volatile Thread thread;

    /** @param name the thread's name, e.g. {@code rl-gpu-opencl-0} */
    public Dispatcher(String name) {
        this.exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    /** Runs {@code task} on the device thread after everything posted before it, without waiting. */
    public void post(Runnable task) {
        if (Thread.currentThread() == thread) {
            task.run();
            return;
        }
        exec.execute(() -> {
            if (pending.get() != null) return; // the queue is in an unknown state: skip until the error is seen
            try {
                task.run();
            } catch (Throwable t) {
                pending.compareAndSet(null, t);
            }
        });
    }

    /**
     * Runs {@code task} on the device thread after everything posted before it and waits for its result.
     *
     * @throws GpuException if this task or an earlier posted one failed natively
     */
    public <T> T call(Callable<T> task) {
        if (Thread.currentThread() == thread) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new GpuException(e.getMessage(), e);
            }
        }
        Future<T> f = exec.submit(task);
        T result;
        try {
            result = f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GpuException("interrupted while waiting for the device thread", e);
        } catch (ExecutionException e) {
            rethrowPending();
            Throwable c = e.getCause();
            if (c instanceof GpuException g) throw new GpuException(g.getMessage(), g);
            if (c instanceof RuntimeException r) throw r;
            throw new GpuException(String.valueOf(c), c);
        }
        rethrowPending();
        return result;
    }

    /** Runs {@code task} on the device thread and waits. */
    public void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    private void rethrowPending() {
        Throwable t = pending.getAndSet(null);
        if (t == null) return;
        if (t instanceof GpuException g) throw new GpuException("an earlier asynchronous launch failed: "
                + g.getMessage(), g);
        throw new GpuException("an earlier asynchronous launch failed: " + t, t);
    }

    /** Runs what is queued, then stops the thread. */
    @Override
    public void close() {
        exec.shutdown();
        try {
            exec.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
