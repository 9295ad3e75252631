package dev.rlcode.gpu.cuda;

import dev.rlcode.core.kernel.BackendProvider.Availability;
import dev.rlcode.gpu.parity.Parity;
import dev.rlcode.gpu.parity.ParityCase;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Run by {@link CudaStubDriverTest} in a JVM of its own whose {@code -Drl.cuda.library} names the stub driver: probes
 * the CUDA backend, creates it, runs the parity suite's GEMM and buffer cases (the kernels the stub executes) and
 * closes it, printing one line per step for the test to read.
 */
public final class CudaStubMain {

    private CudaStubMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("controls")) {
            controls();
            return;
        }
        if (args.length > 0 && args[0].equals("failing-allocations")) {
            failingAllocations();
            return;
        }
        if (args.length > 0 && args[0].equals("big-grid")) {
            bigGrid();
            return;
        }
        Availability av = new CudaProvider().probe();
        System.out.println("probe " + (av.available() ? "available " : "unavailable ") + av.detail());
        try (CudaBackend be = CudaBackend.create()) {
            System.out.println("created " + be.name());
            int passed = 0, failed = 0;
            for (ParityCase c : new Parity(7).cases()) {
                if (!c.name().startsWith("gemm") && !c.name().startsWith("buffers")) continue;
                try {
                    c.body().accept(be);
                    passed++;
                } catch (AssertionError | RuntimeException e) {
                    failed++;
                    System.out.println("FAILED " + c.name() + ": " + e.getMessage());
                }
            }
            System.out.println("cases " + passed + " passed, " + failed + " failed");
        } catch (RuntimeException e) {
            System.out.println("error " + e.getMessage().lines().findFirst().orElse(""));
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            if (root != e) System.out.println("cause " + root.getMessage().replace('\n', '|'));
        }
        System.out.println("done");
    }

    /** A GEMM of 16 * 65536 + 1 rows (65,537 blocks along y), then an upload and a download. */
    private static void bigGrid() {
        try (CudaBackend be = CudaBackend.create()) {
            var x = be.fromArray(new float[] {1, 2, 3});
            int m = 65536 * 16 + 1;
            var a = be.allocF32(m);
            var b = be.allocF32(1);
            var c = be.allocF32(m);
            try {
                be.kernels().gemm(false, false, m, 1, 1, 1f, a, b, 0f, c);
                System.out.println("gemm accepted");
            } catch (IllegalArgumentException e) {
                System.out.println("gemm refused: " + e.getMessage());
            }
            be.upload(new float[] {9}, 0, x, 0, 1);
            System.out.println("next upload " + java.util.Arrays.toString(be.toArray(x)));
        } catch (RuntimeException e) {
            System.out.println("error " + e);
        }
        System.out.println("done");
    }

    /**
     * With the stub's STUB_FAIL_MEMSET_FROM set: creates the backend (which fails when its own scratch cannot be
     * cleared), then asks for 10 buffers, each of which fails, and closes it; prints the failures (the stub's summary
     * line at the module's unload then tells whether anything stayed allocated).
     */
    private static void failingAllocations() {
        try (CudaBackend be = CudaBackend.create()) {
            System.out.println("created " + be.name());
            int failures = 0;
            for (int i = 0; i < 10; i++) {
                try {
                    be.allocF32(256);
                } catch (RuntimeException e) {
                    if (failures++ == 0) System.out.println("alloc failed: " + e.getMessage());
                }
            }
            System.out.println("alloc failures " + failures);
        } catch (RuntimeException e) {
            System.out.println("error " + e.getMessage().lines().findFirst().orElse(""));
        }
        // a stopped executor's worker may still be finishing its exit just after close() returns: give it 5 s (a
        // device thread that was never stopped is still alive then)
        boolean threadAlive = false;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.getName().startsWith("rl-gpu-cuda")) continue;
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            threadAlive |= t.isAlive();
        }
        System.out.println("device thread alive " + threadAlive);
        System.out.println("done");
    }

    /**
     * Negative controls for the stub's checks, through the typed driver layer: a valid launch, then launches that a
     * real driver would refuse or crash on (a pointer outside every allocation, a grid of 70,000 blocks along y, a
     * block of 2,048 threads, a launch from a thread without the context), each printed as ok or refused.
     */
    private static void controls() throws InterruptedException {
        Cuda cu = Cuda.get();
        int dev = cu.device(0);
        cu.retainPrimaryContext(dev);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment module = cu.loadModule(a.allocateFrom(PtxVersion.lower(CudaBackend.ptxText(9))));
            MemorySegment fill = cu.function(module, "rl_fill");
            long buf = cu.alloc(64);
            int[] one = {1, 1, 1}, block = {16, 1, 1};
            report("valid", () -> cu.launch(fill, one, block, List.of(buf, 0, 16, 1f)));
            report("pointer", () -> cu.launch(fill, one, block, List.of(0x1234L, 0, 16, 1f)));
            report("grid", () -> cu.launch(fill, new int[] {1, 70_000, 1}, block, List.of(buf, 0, 16, 1f)));
            report("block", () -> cu.launch(fill, one, new int[] {2048, 1, 1}, List.of(buf, 0, 16, 1f)));
            Thread other = new Thread(() -> report("context", () -> cu.launch(fill, one, block,
                    List.of(buf, 0, 16, 1f))));
            other.start();
            other.join();
            cu.free(buf);
            cu.unload(module);
        }
        cu.releasePrimaryContext(dev);
        System.out.println("done");
    }

    private static void report(String control, Runnable launch) {
        try {
            launch.run();
            System.out.println("control " + control + " ok");
        } catch (RuntimeException e) {
            System.out.println("control " + control + " refused: " + e.getMessage());
        }
    }
}
