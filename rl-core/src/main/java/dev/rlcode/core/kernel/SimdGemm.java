package dev.rlcode.core.kernel;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-threaded SGEMM on the Vector API: {@code C = alpha·op(A)·op(B) + beta·C}, row-major, for one species.
 *
 * <p>Large products run a packed, register-blocked micro-kernel; small and skinny ones (the DQN shapes: batch×4,
 * ·×64, ·×2, and single observations) run direct loops that pack nothing or only transpose a small operand.
 * Scratch buffers are thread-local, so one instance may serve several threads.
 *
 * <p>This class is a template for {@link SimdSpecializer}: each copy has its species as the constant
 * {@link #SPECIES}.
 */
final class SimdGemm implements Gemm {

    /*
     * Implementation notes.
     *
     * Packed path (BLIS loop order): jc (NC columns) > pc (KC of k) > pack op(B) > ic (MC rows) > pack op(A) > jr
     * (NR columns) > ir (MR rows) > micro-kernel. Packing reads op(A) / op(B) through their transpose flags, so one
     * micro-kernel serves all four combinations. A panel is kc×MR with the MR row values of one p adjacent; a B
     * panel is kc×NR with the NR column values of one p adjacent; both are zero-padded at the edges, so the
     * micro-kernel always computes a full MR×NR tile in MR·2 vector accumulators (broadcast a, two B vectors, fma)
     * and only the store distinguishes edge tiles. MR = 6 keeps 12 accumulators + 2 B + 1 broadcast within the 16
     * registers of AVX2 as well as the 32 of AVX-512.
     *
     * beta is applied when the first k block is stored (C = fma(alpha, acc, beta·C), or alpha·acc when beta == 0,
     * without reading C); later k blocks accumulate C = fma(alpha, acc, C).
     *
     * Every path decision compares with GemmPath.ORDER_LANES (16 floats), not with this copy's VL, and the dots path
     * keeps 16 partial sums on shorter vectors (splitDots), so all widths compute the same bits. Where the notes
     * below say VL for a decision, read 16.
     *
     * Direct paths (no packing):
     *  - n >= VL ("rows"): for 4 rows of C at a time, vectors along j: acc += broadcast(op(A)[i,p]) · op(B)[p, j..];
     *    op(B) must be k×n row-major, so a transposed B is first transposed into scratch (k·n floats, small here).
     *  - a transposed B with fewer than 4 rows of C (a single observation through a layer stored out×in), or a
     *    large one with fewer than MR rows, would not repay transposing B: with k < VL, B's columns are gathered ("gather"); otherwise, as for n < VL and
     *    k >= VL, each C[i,j] is a dot product along k of op(A) row i and op(B) column j ("dots"), both made
     *    contiguous in scratch when the flags say otherwise. Four rows share each load of a B column, and the lanes
     *    are added from a stored copy in lane order (SimdKernelsParityTest pins that order bit for bit).
     *  - n < VL, m >= VL with A transposed: Cᵀ = op(B)ᵀ·Aᵀ by the rows path, then stored transposed.
     *  - otherwise both n and k are below one vector: plain fma loops.
     */

    private static final int MR = GemmPath.MR;
    private static final int KC = 256;
    private static final int MC = 16 * MR;
    private static final int NC = 2048;

    static final VectorSpecies<Float> SPECIES = SimdSpecializer.species(MethodHandles.lookup());
    private static final int VL = SPECIES.length();
    private static final int NR = 2 * VL;

    private final ThreadLocal<GemmScratch> scratch = new ThreadLocal<>();

    /** Use {@link SimdSpecializer#instantiate} (this class is a template). */
    public SimdGemm() {}

    private GemmScratch scratch() {
        GemmScratch s = scratch.get();
        if (s == null) {
            s = new GemmScratch();
            scratch.set(s);
        }
        return s;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                     float[] b, int bOff, float beta, float[] c, int cOff) {
        switch (GemmPath.choose(transA, transB, m, n, k, GemmPath.ORDER_LANES)) {
            case ZERO_K -> {
                for (int i = 0; i < m * n; i++) c[cOff + i] = finish(0f, alpha, beta, c[cOff + i]);
            }
            case PACKED -> packed(transA, transB, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
            case GATHER_B -> directGatherB(transA, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
            case ROWS -> directRows(transA, transB, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
            case TRANSPOSED -> directTransposed(transB, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
            case DOTS -> directDots(transA, transB, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
            case SCALAR -> directScalar(transA, transB, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
        }
    }

    // ---------------------------------------------------------------------------------------------- packed path

    private void packed(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                        float[] b, int bOff, float beta, float[] c, int cOff) {
        GemmScratch s = scratch();
        s.a = GemmScratch.ensure(s.a, MC * KC);
        s.b = GemmScratch.ensure(s.b, KC * roundUp(Math.min(NC, n), NR));
        s.tile = GemmScratch.ensure(s.tile, MR * NR);
        float[] ap = s.a, bp = s.b, tile = s.tile;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean first = pc == 0;
                packB(transB, b, bOff, n, k, pc, kc, jc, nc, bp);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(transA, a, aOff, m, k, ic, mc, pc, kc, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int ncols = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int nrows = Math.min(MR, mc - ir);
                            micro(kc, ap, ir * kc, bp, jr * kc, c, cOff + (ic + ir) * n + jc + jr, n, nrows, ncols,
                                    alpha, beta, first, tile);
                        }
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /** Packs op(A)[ic..ic+mc, pc..pc+kc] into panels of MR rows: ap[ir·kc + p·MR + r]. */
    private static void packA(boolean transA, float[] a, int aOff, int m, int k, int ic, int mc, int pc, int kc,
                              float[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int o = ir * kc, rows = Math.min(MR, mc - ir);
            if (transA) { // A stored k×m: op(A)[i,p] = a[p·m + i], contiguous in i
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * m + ic + ir, dst = o + p * MR;
                    for (int r = 0; r < rows; r++) ap[dst + r] = a[src + r];
                    for (int r = rows; r < MR; r++) ap[dst + r] = 0f;
                }
            } else { // A stored m×k: contiguous in p
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (ic + ir + r) * k + pc;
                    for (int p = 0; p < kc; p++) ap[o + p * MR + r] = a[src + p];
                }
                for (int r = rows; r < MR; r++) {
                    for (int p = 0; p < kc; p++) ap[o + p * MR + r] = 0f;
                }
            }
        }
    }

    /** Packs op(B)[pc..pc+kc, jc..jc+nc] into panels of NR columns: bp[jr·kc + p·NR + col]. */
    private void packB(boolean transB, float[] b, int bOff, int n, int k, int pc, int kc, int jc, int nc,
                       float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int o = jr * kc, cols = Math.min(NR, nc - jr);
            if (transB) { // B stored n×k: op(B)[p,j] = b[j·k + p], contiguous in p
                for (int col = 0; col < cols; col++) {
                    int src = bOff + (jc + jr + col) * k + pc;
                    for (int p = 0; p < kc; p++) bp[o + p * NR + col] = b[src + p];
                }
                for (int p = 0; p < kc; p++) {
                    for (int col = cols; col < NR; col++) bp[o + p * NR + col] = 0f;
                }
            } else { // B stored k×n: contiguous in j
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * n + jc + jr, dst = o + p * NR;
                    System.arraycopy(b, src, bp, dst, cols);
                    for (int col = cols; col < NR; col++) bp[dst + col] = 0f;
                }
            }
        }
    }

    /**
     * The MR×NR micro-kernel over kc packed steps; stores rows × cols of the tile into C at {@code co} (row
     * stride ldc).
     */
    private void micro(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, int rows,
                       int cols, float alpha, float beta, boolean first, float[] tile) {
        VectorSpecies<Float> sp = SPECIES;
        int v = VL, step = NR;
        FloatVector c00 = FloatVector.zero(sp), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) { // indices linear in p, so C2 can hoist the bounds checks
            int ai = ao + p * MR, bi = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(sp, bp, bi);
            FloatVector b1 = FloatVector.fromArray(sp, bp, bi + VL);
            FloatVector x = FloatVector.broadcast(sp, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(sp, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(sp, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(sp, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(sp, ap[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(sp, ap[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        if (rows == MR && cols == step) {
            int mode = first ? (beta == 0f ? STORE : SCALE) : ACCUMULATE;
            store(c00, c, co, alpha, beta, mode);
            store(c01, c, co + v, alpha, beta, mode);
            co += ldc;
            store(c10, c, co, alpha, beta, mode);
            store(c11, c, co + v, alpha, beta, mode);
            co += ldc;
            store(c20, c, co, alpha, beta, mode);
            store(c21, c, co + v, alpha, beta, mode);
            co += ldc;
            store(c30, c, co, alpha, beta, mode);
            store(c31, c, co + v, alpha, beta, mode);
            co += ldc;
            store(c40, c, co, alpha, beta, mode);
            store(c41, c, co + v, alpha, beta, mode);
            co += ldc;
            store(c50, c, co, alpha, beta, mode);
            store(c51, c, co + v, alpha, beta, mode);
        } else {
            c00.intoArray(tile, 0);
            c01.intoArray(tile, v);
            c10.intoArray(tile, step);
            c11.intoArray(tile, step + v);
            c20.intoArray(tile, 2 * step);
            c21.intoArray(tile, 2 * step + v);
            c30.intoArray(tile, 3 * step);
            c31.intoArray(tile, 3 * step + v);
            c40.intoArray(tile, 4 * step);
            c41.intoArray(tile, 4 * step + v);
            c50.intoArray(tile, 5 * step);
            c51.intoArray(tile, 5 * step + v);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    int ci = co + r * ldc + j;
                    float acc = tile[r * step + j];
                    c[ci] = !first ? Math.fma(alpha, acc, c[ci])
                            : beta == 0f ? alpha * acc : Math.fma(alpha, acc, beta * c[ci]);
                }
            }
        }
    }

    private static final int STORE = 0, SCALE = 1, ACCUMULATE = 2;

    /** c[off..off+VL] = alpha·acc (STORE, C not read), fma(alpha, acc, beta·C) (SCALE), fma(alpha, acc, C). */
    private void store(FloatVector acc, float[] c, int off, float alpha, float beta, int mode) {
        if (mode == STORE) {
            acc.mul(alpha).intoArray(c, off);
        } else {
            FloatVector old = FloatVector.fromArray(SPECIES, c, off);
            if (mode == SCALE) old = old.mul(beta);
            acc.fma(FloatVector.broadcast(SPECIES, alpha), old).intoArray(c, off);
        }
    }

    // ---------------------------------------------------------------------------------------------- direct paths

    /** Writes one C element from its full-k accumulator, as the oracle does. */
    private static float finish(float acc, float alpha, float beta, float old) {
        return beta == 0f ? alpha * acc : Math.fma(alpha, acc, beta * old);
    }

    private FloatVector finish(FloatVector acc, float alpha, float beta, float[] c, int off) {
        if (beta == 0f) return acc.mul(alpha);
        return acc.fma(FloatVector.broadcast(SPECIES, alpha), FloatVector.fromArray(SPECIES, c, off).mul(beta));
    }

    /** Direct path for n >= VL: vectors along j, four rows of C per pass so each B vector is loaded once per 4 fma. */
    private void directRows(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                            float[] b, int bOff, float beta, float[] c, int cOff) {
        VectorSpecies<Float> sp = SPECIES;
        float[] bk = b; // op(B) as k×n row-major
        int bo = bOff;
        if (transB) {
            GemmScratch s = scratch();
            s.b = GemmScratch.ensure(s.b, k * n);
            bk = s.b;
            bo = 0;
            for (int p = 0; p < k; p++) { // contiguous writes; the strided reads stay within k·n floats
                for (int j = 0, src = bOff + p; j < n; j++, src += k) bk[p * n + j] = b[src];
            }
        }
        // op(A)[i,p] = a[aOff + i·ars + p·aps]
        int ars = transA ? 1 : k, aps = transA ? m : 1;
        int jb = sp.loopBound(n);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = aOff + i * ars, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
            for (int j = 0; j < jb; j += VL) {
                FloatVector s0 = FloatVector.zero(sp), s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0, bi = bo + j, ap = 0; p < k; p++, bi += n, ap += aps) {
                    FloatVector bv = FloatVector.fromArray(sp, bk, bi);
                    s0 = FloatVector.broadcast(sp, a[a0 + ap]).fma(bv, s0);
                    s1 = FloatVector.broadcast(sp, a[a1 + ap]).fma(bv, s1);
                    s2 = FloatVector.broadcast(sp, a[a2 + ap]).fma(bv, s2);
                    s3 = FloatVector.broadcast(sp, a[a3 + ap]).fma(bv, s3);
                }
                int ci = cOff + i * n + j;
                finish(s0, alpha, beta, c, ci).intoArray(c, ci);
                finish(s1, alpha, beta, c, ci + n).intoArray(c, ci + n);
                finish(s2, alpha, beta, c, ci + 2 * n).intoArray(c, ci + 2 * n);
                finish(s3, alpha, beta, c, ci + 3 * n).intoArray(c, ci + 3 * n);
            }
            for (int r = 0; r < 4; r++) rowTail(i + r, jb, n, k, a, aOff + (i + r) * ars, aps, bk, bo, alpha, beta, c, cOff);
        }
        for (; i < m; i++) {
            int a0 = aOff + i * ars;
            for (int j = 0; j < jb; j += VL) {
                FloatVector s0 = FloatVector.zero(sp);
                for (int p = 0, bi = bo + j, ap = 0; p < k; p++, bi += n, ap += aps) {
                    s0 = FloatVector.broadcast(sp, a[a0 + ap]).fma(FloatVector.fromArray(sp, bk, bi), s0);
                }
                int ci = cOff + i * n + j;
                finish(s0, alpha, beta, c, ci).intoArray(c, ci);
            }
            rowTail(i, jb, n, k, a, a0, aps, bk, bo, alpha, beta, c, cOff);
        }
    }

    /**
     * Direct path for a few rows of C against a transposed B too thin for dot products (k < VL), e.g. one
     * observation through a first layer stored out×in: vectors along j gathered straight from B
     * (op(B)[p, j..j+VL) = b[j·k + p] at stride k), so B is not transposed for so little work.
     */
    private void directGatherB(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff, float[] b,
                               int bOff, float beta, float[] c, int cOff) {
        VectorSpecies<Float> sp = SPECIES;
        int[] lanes = new int[VL];
        for (int l = 0; l < VL; l++) lanes[l] = l * k;
        int ars = transA ? 1 : k, aps = transA ? m : 1;
        int jb = sp.loopBound(n);
        for (int i = 0; i < m; i++) {
            int a0 = aOff + i * ars;
            for (int j = 0; j < jb; j += VL) {
                FloatVector s0 = FloatVector.zero(sp);
                for (int p = 0, ap = 0, bi = bOff + j * k; p < k; p++, ap += aps, bi++) {
                    s0 = FloatVector.broadcast(sp, a[a0 + ap]).fma(FloatVector.fromArray(sp, b, bi, lanes, 0), s0);
                }
                int ci = cOff + i * n + j;
                finish(s0, alpha, beta, c, ci).intoArray(c, ci);
            }
            for (int j = jb; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) acc = Math.fma(a[a0 + p * aps], b[bOff + j * k + p], acc);
                int ci = cOff + i * n + j;
                c[ci] = finish(acc, alpha, beta, c[ci]);
            }
        }
    }

    /** Scalar columns j0..n of row i for {@link #directRows}. */
    private static void rowTail(int i, int j0, int n, int k, float[] a, int a0, int aps, float[] bk, int bo,
                                float alpha, float beta, float[] c, int cOff) {
        for (int j = j0; j < n; j++) {
            float s = 0f;
            for (int p = 0; p < k; p++) s = Math.fma(a[a0 + p * aps], bk[bo + p * n + j], s);
            int ci = cOff + i * n + j;
            c[ci] = finish(s, alpha, beta, c[ci]);
        }
    }

    /**
     * Direct path for a tall, thin C (n < VL, m >= VL) with A transposed, e.g. a first-layer weight gradient
     * dYᵀ·X: computes Cᵀ = op(B)ᵀ·Aᵀ with {@link #directRows} (Aᵀ is A as stored, so nothing is transposed and
     * the vectors run along m), then writes C from it.
     */
    private void directTransposed(boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, float[] b,
                                  int bOff, float beta, float[] c, int cOff) {
        GemmScratch s = scratch();
        s.c = GemmScratch.ensure(s.c, m * n);
        float[] ct = s.c;
        directRows(!transB, false, n, m, k, 1f, b, bOff, a, aOff, 0f, ct, 0);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = cOff + i * n + j;
                c[ci] = finish(ct[j * m + i], alpha, beta, c[ci]);
            }
        }
    }

    /** Direct path for n < VL and k >= VL: vector dot products along k. */
    private void directDots(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                            float[] b, int bOff, float beta, float[] c, int cOff) {
        VectorSpecies<Float> sp = SPECIES;
        GemmScratch s = scratch();
        float[] ar = a; // op(A) as m×k row-major
        int ao = aOff;
        if (transA) {
            s.a = GemmScratch.ensure(s.a, m * k);
            ar = s.a;
            ao = 0;
            for (int p = 0; p < k; p++) {
                for (int i = 0; i < m; i++) ar[i * k + p] = a[aOff + p * m + i];
            }
        }
        float[] bt = b; // op(B)ᵀ as n×k row-major
        int bo = bOff;
        if (!transB) {
            s.b = GemmScratch.ensure(s.b, n * k);
            bt = s.b;
            bo = 0;
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) bt[j * k + p] = b[bOff + p * n + j];
            }
        }
        if (VL < GemmPath.ORDER_LANES) {
            splitDots(m, n, k, alpha, ar, ao, bt, bo, beta, c, cOff, s);
            return;
        }
        // Four rows of op(A) at a time share each load of op(B)'s column. Every C[i,j] still sums in one fixed
        // order: lane-wise fma along k, then the lanes from 0 up (reduceLanes(ADD) order is unspecified and
        // JIT-dependent: not reproducible), then the scalar tail; the same order as one dot at a time.
        int pb = sp.loopBound(k);
        s.tile = GemmScratch.ensure(s.tile, 4 * VL);
        float[] lanes = s.tile;
        for (int j = 0; j < n; j++) {
            int bj = bo + j * k;
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                int a0 = ao + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
                FloatVector acc0 = FloatVector.zero(sp), acc1 = acc0, acc2 = acc0, acc3 = acc0;
                for (int p = 0; p < pb; p += VL) {
                    FloatVector bv = FloatVector.fromArray(sp, bt, bj + p);
                    acc0 = FloatVector.fromArray(sp, ar, a0 + p).fma(bv, acc0);
                    acc1 = FloatVector.fromArray(sp, ar, a1 + p).fma(bv, acc1);
                    acc2 = FloatVector.fromArray(sp, ar, a2 + p).fma(bv, acc2);
                    acc3 = FloatVector.fromArray(sp, ar, a3 + p).fma(bv, acc3);
                }
                acc0.intoArray(lanes, 0);
                acc1.intoArray(lanes, VL);
                acc2.intoArray(lanes, 2 * VL);
                acc3.intoArray(lanes, 3 * VL);
                for (int r = 0; r < 4; r++) {
                    int ai = a0 + r * k;
                    float dot = 0f;
                    for (int l = 0; l < VL; l++) dot += lanes[r * VL + l];
                    for (int p = pb; p < k; p++) dot = Math.fma(ar[ai + p], bt[bj + p], dot);
                    int ci = cOff + (i + r) * n + j;
                    c[ci] = finish(dot, alpha, beta, c[ci]);
                }
            }
            for (; i < m; i++) {
                int ai = ao + i * k;
                FloatVector acc = FloatVector.zero(sp);
                int p = 0;
                for (; p < pb; p += VL) {
                    acc = FloatVector.fromArray(sp, ar, ai + p).fma(FloatVector.fromArray(sp, bt, bj + p), acc);
                }
                acc.intoArray(lanes, 0);
                float dot = 0f;
                for (int l = 0; l < VL; l++) dot += lanes[l];
                for (; p < k; p++) dot = Math.fma(ar[ai + p], bt[bj + p], dot);
                int ci = cOff + i * n + j;
                c[ci] = finish(dot, alpha, beta, c[ci]);
            }
        }
    }

    /**
     * The dots path on vectors shorter than {@link GemmPath#ORDER_LANES}: each dot product keeps ORDER_LANES
     * lane-wise partial sums in ORDER_LANES / VL vectors (lane l of vector q is partial sum q·VL + l), so it adds
     * exactly what a vector of ORDER_LANES floats would, in the same order.
     */
    private void splitDots(int m, int n, int k, float alpha, float[] ar, int ao, float[] bt, int bo, float beta,
                           float[] c, int cOff, GemmScratch s) {
        VectorSpecies<Float> sp = SPECIES;
        int lanesPerSum = GemmPath.ORDER_LANES, parts = lanesPerSum / VL;
        int pb = k - k % lanesPerSum;
        s.tile = GemmScratch.ensure(s.tile, 4 * lanesPerSum);
        float[] lanes = s.tile;
        for (int j = 0; j < n; j++) {
            int bj = bo + j * k;
            int i = 0;
            if (parts == 2) { // 256-bit vectors: four rows share each load of B's column, all sums in registers
                for (; i + 4 <= m; i += 4) {
                    int a0 = ao + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
                    FloatVector z = FloatVector.zero(sp);
                    FloatVector s0 = z, t0 = z, s1 = z, t1 = z, s2 = z, t2 = z, s3 = z, t3 = z;
                    for (int p = 0; p < pb; p += lanesPerSum) {
                        FloatVector b0 = FloatVector.fromArray(sp, bt, bj + p);
                        FloatVector b1 = FloatVector.fromArray(sp, bt, bj + p + VL);
                        s0 = FloatVector.fromArray(sp, ar, a0 + p).fma(b0, s0);
                        t0 = FloatVector.fromArray(sp, ar, a0 + p + VL).fma(b1, t0);
                        s1 = FloatVector.fromArray(sp, ar, a1 + p).fma(b0, s1);
                        t1 = FloatVector.fromArray(sp, ar, a1 + p + VL).fma(b1, t1);
                        s2 = FloatVector.fromArray(sp, ar, a2 + p).fma(b0, s2);
                        t2 = FloatVector.fromArray(sp, ar, a2 + p + VL).fma(b1, t2);
                        s3 = FloatVector.fromArray(sp, ar, a3 + p).fma(b0, s3);
                        t3 = FloatVector.fromArray(sp, ar, a3 + p + VL).fma(b1, t3);
                    }
                    s0.intoArray(lanes, 0);
                    t0.intoArray(lanes, VL);
                    s1.intoArray(lanes, lanesPerSum);
                    t1.intoArray(lanes, lanesPerSum + VL);
                    s2.intoArray(lanes, 2 * lanesPerSum);
                    t2.intoArray(lanes, 2 * lanesPerSum + VL);
                    s3.intoArray(lanes, 3 * lanesPerSum);
                    t3.intoArray(lanes, 3 * lanesPerSum + VL);
                    for (int r = 0; r < 4; r++) {
                        int ai = a0 + r * k;
                        float dot = 0f;
                        for (int l = 0; l < lanesPerSum; l++) dot += lanes[r * lanesPerSum + l];
                        for (int p = pb; p < k; p++) dot = Math.fma(ar[ai + p], bt[bj + p], dot);
                        int ci = cOff + (i + r) * n + j;
                        c[ci] = finish(dot, alpha, beta, c[ci]);
                    }
                }
            }
            for (; i < m; i++) { // the other rows, and every row on shorter vectors: partial sums in scratch
                int ai = ao + i * k;
                java.util.Arrays.fill(lanes, 0, lanesPerSum, 0f);
                for (int p = 0; p < pb; p += lanesPerSum) {
                    for (int q = 0; q < lanesPerSum; q += VL) {
                        FloatVector.fromArray(sp, ar, ai + p + q).fma(FloatVector.fromArray(sp, bt, bj + p + q),
                                FloatVector.fromArray(sp, lanes, q)).intoArray(lanes, q);
                    }
                }
                float dot = 0f;
                for (int l = 0; l < lanesPerSum; l++) dot += lanes[l];
                for (int p = pb; p < k; p++) dot = Math.fma(ar[ai + p], bt[bj + p], dot);
                int ci = cOff + i * n + j;
                c[ci] = finish(dot, alpha, beta, c[ci]);
            }
        }
    }

    /** Both n and k below one vector: scalar fma loops, as the oracle. */
    private static void directScalar(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
                                     int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
        int ars = transA ? 1 : k, aps = transA ? m : 1, bps = transB ? 1 : n, bjs = transB ? k : 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) s = Math.fma(a[aOff + i * ars + p * aps], b[bOff + p * bps + j * bjs], s);
                int ci = cOff + i * n + j;
                c[ci] = finish(s, alpha, beta, c[ci]);
            }
        }
    }
}
