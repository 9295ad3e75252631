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
    private final java.util.function.Supplier<String> closedMessage;
    private volatile Thread thread;
    /** Set on the device thread once {@link #closeWith} has released the device: no native call runs after. */
    private volatile boolean stopped;

    /** @param name the thread's name, e.g. {@code rl-gpu-opencl-0} */
    public Dispatcher(String name) {
        this(name, () -> name + ": closed");
    }

    /**
     * @param name          the thread's name, e.g. {@code rl-gpu-opencl-0}
     * @param closedMessage the message of the {@link IllegalStateException} of a call after {@link #closeWith}
     */
    public Dispatcher(String name, java.util.function.Supplier<String> closedMessage) {
        this.closedMessage = closedMessage;
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
            if (stopped) throw closed();
            task.run();
            return;
        }
        try {
            exec.execute(() -> {
                // skipped once closed (the device is released), or while the queue is in an unknown state
                if (stopped || pending.get() != null) return;
                try {
                    task.run();
                } catch (Throwable t) {
                    pending.compareAndSet(null, t);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw closed();
        }
    }

    private IllegalStateException closed() {
        return new IllegalStateException(closedMessage.get());
    }

    /**
     * Runs {@code task} on the device thread after everything posted before it, even while an earlier failure is
     * still unreported (releasing memory must not be skipped); its own failure is kept as {@link #post}'s are.
     */
    public void postAlways(Runnable task) {
        if (Thread.currentThread() == thread) {
            task.run();
            return;
        }
        try {
            exec.execute(() -> {
                if (stopped) return; // closeWith has released everything already
                try {
                    task.run();
                } catch (Throwable t) {
                    pending.compareAndSet(null, t);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the thread has stopped: closeWith has released everything already
        }
    }

    /**
     * Runs {@code task} on the device thread after everything posted before it and waits for its result. An
     * interrupt while waiting cancels the task if it has not started (then the call throws); once it has started,
     * the call waits for it, returns normally and leaves the thread's interrupt status set, so a transfer never
     * writes into the caller's array after the call has returned or thrown.
     *
     * @throws GpuException           if this task or an earlier posted one failed natively, or if interrupted
     *                                  before the task started
     * @throws IllegalStateException if the dispatcher was closed ({@link #closeWith}) before the task could run
     */
    public <T> T call(Callable<T> task) {
        return call(task, true);
    }

    private <T> T call(Callable<T> task, boolean withdrawOnInterrupt) {
        if (Thread.currentThread() == thread) {
            if (stopped) throw closed();
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new GpuException(e.getMessage(), e);
            }
        }
        // 0 queued, 1 started, 2 withdrawn by an interrupted caller (a FutureTask cannot tell queued from running)
        java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();
        Future<T> f;
        try {
            f = exec.submit(() -> {
                if (stopped) throw closed();
                return state.compareAndSet(0, 1) ? task.call() : null;
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw closed();
        }
        T result;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    result = f.get();
                    break;
                } catch (InterruptedException e) {
                    if (withdrawOnInterrupt && state.compareAndSet(0, 2)) {
                        Thread.currentThread().interrupt();
                        throw new GpuException("interrupted while waiting for the device thread (the task did not "
                                + "start)", e);
                    }
                    interrupted = true; // started: wait for it, then restore the interrupt
                }
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            GpuException earlier = takePending();
            if (earlier != null) { // the earlier failure first (likely the cause); this task's kept with it
                earlier.addSuppressed(c);
                throw earlier;
            }
            if (c instanceof GpuException g) throw new GpuException(g.getMessage(), g);
            if (c instanceof RuntimeException r) throw r;
            throw new GpuException(String.valueOf(c), c);
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
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
        GpuException earlier = takePending();
        if (earlier != null) throw earlier;
    }

    /** {@return the unreported failure of a posted task, as the exception to throw where it surfaces, or null} */
    private GpuException takePending() {
        Throwable t = pending.getAndSet(null);
        if (t == null) return null;
        if (t instanceof GpuException g) return new GpuException("an earlier asynchronous launch failed: "
                + g.getMessage(), g);
        return new GpuException("an earlier asynchronous launch failed: " + t, t);
    }

    /**
     * Runs {@code release} on the device thread after everything queued before it, then no native call runs any
     * more: tasks queued later are skipped (a {@link #call} throws {@link IllegalStateException}), new ones are
     * refused, and the thread stops. An interrupt neither withdraws nor abandons the release (nothing could run it
     * later): it is waited for, and the interrupt status is restored afterwards. Throws an unreported asynchronous
     * failure (with the release's own failure, if any, attached as suppressed), else the release's failure.
     */
    public void closeWith(Runnable release) {
        boolean interrupted = Thread.interrupted();
        try {
            call(() -> {
                try {
                    release.run();
                } finally {
                    stopped = true;
                }
                return null;
            }, false);
        } finally {
            close();
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** Runs what is queued, then stops the thread. */
    @Override
    public void close() {
        exec.shutdown();
        if (Thread.currentThread() == thread) return; // (a task cannot wait for its own thread to end)
        try {
            exec.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
