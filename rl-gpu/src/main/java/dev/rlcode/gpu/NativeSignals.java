package dev.rlcode.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Keeps the JVM's own signal handlers in place around native GPU libraries that replace them.
 *
 * <p>PoCL (CPU OpenCL) compiles kernels with LLVM, and LLVM installs its crash handlers process-wide, one-shot
 * ({@code SA_RESETHAND}), for 14 signals including SIGSEGV, SIGBUS, SIGILL, SIGUSR2, SIGINT, SIGTERM and SIGQUIT;
 * PoCL adds its own SIGFPE handler. The JVM raises SIGSEGV on purpose (implicit null checks, safepoint polls that
 * several threads hit at once) and SIGFPE (integer division by zero). With LLVM's handler in place, the first such
 * signal reset SIGSEGV to its default action, and (the likely sequence) a second thread faulting before LLVM's
 * handler had put the JVM's back killed the process: "Segmentation fault", exit 139, no hs_err file; a core dump
 * showed a compiled implicit null check as the faulting instruction.
 *
 * <p>The GPU backends therefore take a {@link #capture() snapshot} of every signal's disposition before each
 * native call that can load or run a compiler, and {@link #restore(Snapshot) restore} whatever that call changed.
 * The libraries' handlers are lost; they only report crashes or skip faulting kernel instructions, which our
 * kernels do not rely on. JVM signal chaining ({@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so}) is not enough on its
 * own: it kept SIGSEGV, SIGBUS, SIGFPE and SIGILL, but LLVM still took SIGHUP, SIGINT, SIGUSR2 and SIGTERM.
 *
 * <p>Linux on x86-64 and aarch64 (glibc's {@code struct sigaction}); elsewhere every method does nothing.
 */
public final class NativeSignals {

    /*
     * Implementation notes. glibc's struct sigaction on x86-64 and aarch64: sa_handler at 0, sa_mask (a 1024-bit
     * sigset_t) at 8, sa_flags at 136, sa_restorer at 144; 152 bytes. A read fills only the first 64 bits of
     * sa_mask from the kernel and copies the rest from its own uninitialised stack, so two reads of one
     * disposition are compared on the handler, the 64 kernel mask bits and the flags only, less SA_RESTORER,
     * which glibc adds whenever it sets a handler (a disposition the kernel started with reads back without it).
     * A restore writes the saved bytes back whole (the kernel reads the same 64 bits). Signals 1..31 are the
     * classic set the JVM and the libraries use; SIGKILL and SIGSTOP cannot be caught and are skipped.
     */

    private static final Logger LOG = Logger.getLogger(NativeSignals.class.getName());
    private static final int BYTES = 152;
    private static final int FLAGS = 136;
    private static final int SA_RESTORER = 0x04000000;
    private static final int LAST = 31;
    private static final int SIGKILL = 9;
    private static final int SIGSTOP = 19;
    private static final MethodHandle SIGACTION = lookup();
    private static final Object LOCK = new Object();

    private NativeSignals() {}

    private static MethodHandle lookup() {
        String arch = System.getProperty("os.arch");
        if (!System.getProperty("os.name").equals("Linux") || !(arch.equals("amd64") || arch.equals("aarch64"))) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            Optional<MemorySegment> sym = linker.defaultLookup().find("sigaction");
            return sym.map(s -> linker.downcallHandle(s, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS)))
                    .orElse(null);
        } catch (RuntimeException | Error e) {
            LOG.fine(() -> "sigaction is not callable (" + e + "); signal handlers are not guarded");
            return null;
        }
    }

    /** {@return whether this platform lets the handlers be read and restored} */
    public static boolean supported() {
        return SIGACTION != null;
    }

    /** The dispositions of signals 1..31 at one moment; opaque. */
    public static final class Snapshot {
        private final byte[][] actions;

        private Snapshot(byte[][] actions) {
            this.actions = actions;
        }
    }

    /** {@return every signal's current disposition (empty where unsupported)} */
    public static Snapshot capture() {
        byte[][] actions = new byte[LAST + 1][];
        if (SIGACTION == null) return new Snapshot(actions);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(BYTES);
            for (int sig = 1; sig <= LAST; sig++) {
                if (sig == SIGKILL || sig == SIGSTOP) continue;
                buf.fill((byte) 0);
                if ((int) SIGACTION.invokeExact(sig, MemorySegment.NULL, buf) == 0) {
                    actions[sig] = buf.toArray(JAVA_BYTE);
                }
            }
        } catch (Throwable t) {
            throw new IllegalStateException("reading signal dispositions failed: " + t, t);
        }
        return new Snapshot(actions);
    }

    /** {@return the signals whose disposition now differs from {@code before}, in increasing order} */
    public static List<Integer> changedSince(Snapshot before) {
        List<Integer> changed = new ArrayList<>();
        if (SIGACTION == null) return changed;
        Snapshot now = capture();
        for (int sig = 1; sig <= LAST; sig++) {
            byte[] was = before.actions[sig];
            if (was != null && !same(was, now.actions[sig])) changed.add(sig);
        }
        return changed;
    }

    /**
     * Puts back every signal whose disposition differs from {@code before}.
     *
     * @return the signals that were restored, in increasing order (empty when nothing had changed)
     */
    public static List<Integer> restore(Snapshot before) {
        List<Integer> changed = changedSince(before);
        if (changed.isEmpty()) return changed;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(BYTES);
            for (int sig : changed) {
                MemorySegment.copy(MemorySegment.ofArray(before.actions[sig]), 0, buf, 0, BYTES);
                if ((int) SIGACTION.invokeExact(sig, buf, MemorySegment.NULL) != 0) {
                    throw new IllegalStateException("sigaction(" + sig + ") refused to restore the handler");
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("restoring signal dispositions failed: " + t, t);
        }
        return changed;
    }

    private static boolean same(byte[] a, byte[] b) {
        return b != null && Arrays.equals(a, 0, 16, b, 0, 16) && (flags(a) & ~SA_RESTORER) == (flags(b) & ~SA_RESTORER);
    }

    private static int flags(byte[] action) {
        return MemorySegment.ofArray(action).get(JAVA_INT_UNALIGNED, FLAGS);
    }

    /**
     * Runs {@code call} and then restores every signal disposition it changed, logging (at FINE) which signals a
     * native library had taken over. Guarded calls run one at a time, in any thread.
     *
     * @param what names the call for the log, e.g. {@code "OpenCL init (pthread-haswell)"}
     */
    public static <T> T guarded(String what, Supplier<T> call) {
        // One guarded call at a time: a snapshot taken while another call's library had its handlers installed
        // would put them back.
        synchronized (LOCK) {
            Snapshot before = capture();
            T result;
            try {
                result = call.get();
            } catch (RuntimeException | Error e) {
                try {
                    restoreAndLog(what, before);
                } catch (RuntimeException r) {
                    e.addSuppressed(r); // the call's own failure is the one to report
                }
                throw e;
            }
            restoreAndLog(what, before);
            return result;
        }
    }

    private static void restoreAndLog(String what, Snapshot before) {
        List<Integer> restored = restore(before);
        if (!restored.isEmpty()) {
            LOG.fine(() -> what + " replaced the JVM's handlers of signals " + restored + "; restored them");
        }
    }
}
