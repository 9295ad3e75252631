package dev.rlcode.gpu;

import static dev.rlcode.gpu.KernelSource.BLOCK_THREADS;
import static dev.rlcode.gpu.KernelSource.GROUP;
import static dev.rlcode.gpu.KernelSource.REDUCE_GROUP;
import static dev.rlcode.gpu.KernelSource.REDUCE_MAX_GROUPS;
import static dev.rlcode.gpu.KernelSource.TILE;

import dev.rlcode.core.kernel.Buffer;
import dev.rlcode.core.kernel.CheckedKernels;
import dev.rlcode.core.kernel.DType;
import dev.rlcode.core.kernel.Kernels;
import dev.rlcode.core.kernel.LossKind;

/**
 * The {@link Kernels} of a {@link GpuBackend}: {@link CheckedKernels} validates every call on the calling thread
 * (buffer owner, dtype, sizes, aliasing, exactly as for the CPU kernels), then this class enqueues the
 * {@link KernelSource} kernels. Nothing is downloaded: data-dependent decisions (gradient clipping) are taken on
 * the device.
 *
 * <p>Differences from the CPU kernels, which read indices on the host: an action outside {@code [0, numActions)}
 * in {@link #tdLoss} and a gather index {@code >= cols} give NaN instead of an {@link IndexOutOfBoundsException}.
 */
public final class GpuKernels extends CheckedKernels<GpuBuffer> {

    /**
     * System property choosing the GEMM kernel: {@code auto} (by size), {@code tiled}, {@code rb4}, {@code rb8} or
     * {@code rb8v} (rb8 with float4 local-memory reads and the next k-slice prefetched into registers, which is
     * what {@code auto} runs where it picks 8×8 blocking).
     */
    public static final String GEMM_PROPERTY = "rlcode.gpu.gemm";
    /** The accepted values of {@value #GEMM_PROPERTY}. */
    public static final java.util.List<String> GEMM_KERNELS = java.util.List.of("auto", "tiled", "rb4", "rb8", "rb8v");

    private final GpuBackend be;
    private final boolean fp64;
    private final int computeUnits;
    private final DeviceMemory partials, clipScale;
    private final Object clipLock = new Object();

    GpuKernels(GpuBackend backend, boolean fp64, int computeUnits) {
        this.be = backend;
        this.fp64 = fp64;
        this.computeUnits = computeUnits;
        this.partials = backend.scratch(8L * REDUCE_MAX_GROUPS);
        this.clipScale = backend.scratch(8);
    }

    @Override
    public String name() {
        return "gpu-" + (fp64 ? "fp64acc" : "fp32acc");
    }

    private static int[] grid1(int n) {
        return new int[] {Math.max(1, ceil(n, GROUP))};
    }

    /** {@return how many groups of {@code m} cover {@code n} items} */
    private static long groups(int n, int m) {
        return ((long) n + m - 1) / m;
    }

    /**
     * {@return {@code n} rounded up to a multiple of {@code m}}, the global size of a launch over {@code n} items.
     *
     * @throws IllegalArgumentException when that exceeds the largest launch ({@code Integer.MAX_VALUE} work-items
     *                                  per dimension, as the kernels index with {@code int})
     */
    static int ceil(int n, int m) {
        long r = ((long) n + m - 1) / m * m;
        if (r > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a GPU launch over " + n + " items in groups of " + m + " needs " + r
                    + " work-items, more than the " + Integer.MAX_VALUE + " a dimension allows");
        }
        return (int) r;
    }

    private void launch1(String name, int n, Object... args) {
        be.launch(name, grid1(n), new int[] {GROUP}, args);
    }

    void fill(GpuBuffer dst, int n, float value) {
        if (n == 0) return;
        launch1("rl_fill", n, dst, n, value);
    }

    // ---- the checks' hooks (indices are not read on the host: an action or index out of range gives NaN)

    @Override
    protected GpuBuffer own(Buffer b, String name, DType dtype) {
        return be.own(b, name, dtype);
    }

    @Override
    protected long offset(GpuBuffer b) {
        return b.offset();
    }

    @Override
    protected boolean sameAllocation(GpuBuffer a, GpuBuffer b) {
        return a.sameAllocation(b);
    }

    // ---- the computations: enqueue the KernelSource kernels

    @Override
    protected void doGemm(boolean transA, boolean transB, int m, int n, int k, float alpha, GpuBuffer a, GpuBuffer b,
                          float beta, GpuBuffer c) {
        String kernel = gemmKernel();
        int r = switch (kernel) {
            case "tiled" -> 1;
            case "rb4" -> 4;
            case "rb8", "rb8v" -> 8;
            default -> autoBlocking(m, n, computeUnits);
        };
        if (r == 1) {
            be.launch("rl_gemm", new int[] {ceil(n, TILE), ceil(m, TILE)}, new int[] {TILE, TILE},
                    transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, a, b, beta, c);
            return;
        }
        int edge = BLOCK_THREADS * r; // C tile per work-group
        // auto's 8x8 choice is rb8v: the same bits as rb8; on PoCL faster at 256^3, tied from 512^3 (RESULTS.md)
        boolean vectorized = kernel.equals("rb8v") || (kernel.equals("auto") && r == 8);
        be.launch(vectorized ? "rl_gemm_rb8v" : "rl_gemm_rb" + r,
                new int[] {(int) groups(n, edge) * BLOCK_THREADS, (int) groups(m, edge) * BLOCK_THREADS},
                new int[] {BLOCK_THREADS, BLOCK_THREADS}, transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, a, b, beta, c);
    }

    /**
     * {@return the GEMM kernel asked for by system property {@value #GEMM_PROPERTY}} ({@code auto} when unset). Read on
     * every call, so a benchmark can time each kernel in one JVM.
     *
     * @throws IllegalArgumentException naming the property and the accepted values, for any other value
     */
    static String gemmKernel() {
        String v = System.getProperty(GEMM_PROPERTY, "auto").trim().toLowerCase(java.util.Locale.ROOT);
        if (!GEMM_KERNELS.contains(v)) {
            throw new IllegalArgumentException(GEMM_PROPERTY + ": expected one of " + GEMM_KERNELS + ", actual \""
                    + System.getProperty(GEMM_PROPERTY) + "\"");
        }
        return v;
    }

    /**
     * The automatic choice of register blocking (1 = {@code rl_gemm}'s one output per work-item) on a device of
     * {@code computeUnits} compute units (an NVIDIA GPU's streaming multiprocessors, a CPU's cores under PoCL): the
     * most outputs per work-item whose C tiles still make one full wave, a work-group for every compute unit, and
     * whose tile edge both edges of C reach: 8×8 (128×128 tiles, run as {@code rl_gemm_rb8v}), else 4×4 (64×64
     * tiles), else the 16×16-tiled kernel, which keeps more work-groups busy on small or thin products (a DQN's
     * output layer). On PoCL (2 cores) this picks 8×8 from 256², which {@code rlcode bench --gemm-kernels} measured
     * fastest there; on a 132-SM H100 it picks 4×4 for 1024² (64 tiles of 128² would leave half the SMs idle) and
     * 8×8 from 2048², reasoned, not yet measured on a GPU. All the kernels give the same bits.
     */
    static int autoBlocking(int m, int n, int computeUnits) {
        int small = Math.min(m, n);
        long wave = Math.max(1, computeUnits);
        if (small >= 128 && groups(m, 128) * groups(n, 128) >= wave) return 8;
        return small >= 64 && groups(m, 64) * groups(n, 64) >= wave ? 4 : 1;
    }

    @Override
    protected void doBiasActivation(GpuBuffer x, GpuBuffer bias, GpuBuffer out, int rows, int cols, boolean relu) {
        launch1("rl_bias_act", rows * cols, x, bias, out, rows, cols, relu ? 1 : 0);
    }

    @Override
    protected void doReluBackward(GpuBuffer gradOut, GpuBuffer activated, GpuBuffer gradIn, int n) {
        launch1("rl_relu_bwd", n, gradOut, activated, gradIn, n);
    }

    @Override
    protected void doColumnSums(GpuBuffer x, GpuBuffer out, int rows, int cols) {
        launch1("rl_col_sums", cols, x, out, rows, cols);
    }

    @Override
    protected void doTdLoss(GpuBuffer q, GpuBuffer actions, GpuBuffer targets, GpuBuffer weights, GpuBuffer gradQ,
                            GpuBuffer tdErrors, GpuBuffer loss, int batch, int numActions, LossKind kind,
                            float huberDelta) {
        int huber = kind == LossKind.HUBER ? 1 : 0;
        int hasW = weights == null ? 0 : 1;
        launch1("rl_td_rows", batch, q, actions, targets, weights, hasW, gradQ, tdErrors, batch, numActions, huber,
                huberDelta);
        be.launch("rl_td_sum", new int[] {1}, new int[] {1}, tdErrors, weights, hasW, loss, batch, huber, huberDelta);
    }

    @Override
    protected void doMaskedArgmax(GpuBuffer x, GpuBuffer mask, GpuBuffer out, int rows, int cols) {
        launch1("rl_argmax", rows, x, mask, mask == null ? 0 : 1, out, rows, cols);
    }

    @Override
    protected void doMaskedMax(GpuBuffer x, GpuBuffer mask, GpuBuffer out, int rows, int cols) {
        launch1("rl_max", rows, x, mask, mask == null ? 0 : 1, out, rows, cols);
    }

    @Override
    protected void doGather(GpuBuffer x, GpuBuffer idx, GpuBuffer out, int rows, int cols) {
        launch1("rl_gather", rows, x, idx, out, rows, cols);
    }

    @Override
    protected void doTdTarget(GpuBuffer r, GpuBuffer d, GpuBuffer v, GpuBuffer o, int n) {
        launch1("rl_td_target", n, r, d, v, o, n);
    }

    @Override
    protected void doDuelingForward(GpuBuffer head, GpuBuffer q, int rows, int numActions) {
        launch1("rl_duel_fwd", rows, head, q, rows, numActions);
    }

    @Override
    protected void doDuelingBackward(GpuBuffer gradQ, GpuBuffer gradHead, int rows, int numActions) {
        launch1("rl_duel_bwd", rows, gradQ, gradHead, rows, numActions);
    }

    @Override
    protected void doAdamStep(GpuBuffer p, GpuBuffer g, GpuBuffer m, GpuBuffer v, int n, float beta1, float beta2,
                              float eps, float stepSize, float bc2Sqrt) {
        launch1("rl_adam", n, p, g, m, v, n, beta1, beta2, eps, stepSize, bc2Sqrt);
    }

    @Override
    protected void doClipGradNorm(GpuBuffer g, int n, float maxNorm, GpuBuffer normOut) {
        int groups = Math.max(1, Math.min(REDUCE_MAX_GROUPS, (n + REDUCE_GROUP - 1) / REDUCE_GROUP));
        // the three launches share the backend's scratch: queued back to back, so that another thread's clip
        // cannot run between them (the device thread runs the queue in order)
        synchronized (clipLock) {
            be.launch("rl_sumsq_partial", new int[] {groups * REDUCE_GROUP}, new int[] {REDUCE_GROUP}, g, n,
                    partials);
            be.launch("rl_clip_finish", new int[] {1}, new int[] {1}, partials, groups, maxNorm, normOut, clipScale);
            if (n > 0) launch1("rl_scale_by", n, g, n, clipScale);
        }
    }

    @Override
    protected void doCopy(GpuBuffer online, GpuBuffer target, int n) {
        be.copy(online, 0, target, 0, n);
    }

    @Override
    protected void doPolyak(GpuBuffer online, GpuBuffer target, int n, float tau) {
        launch1("rl_polyak", n, online, target, n, tau);
    }

    @Override
    public String toString() {
        return "GpuKernels[" + be.name() + "]";
    }
}
