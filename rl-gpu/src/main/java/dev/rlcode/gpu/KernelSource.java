package dev.rlcode.gpu;

import java.util.List;

/**
 * The GPU kernels, written once in a neutral C dialect and emitted as OpenCL C or CUDA C by prepending a dialect
 * prelude of macros ({@code KERNEL}, {@code GLOBAL}, {@code GID0}, {@code FMAF}, ...). Every body is identical in
 * both outputs, so both backends compute the same float operations in the same order.
 *
 * <p>Numerics: every dot product and axpy is an explicit {@code FMAF}; everything else is plain float arithmetic
 * with contraction off ({@code FP_CONTRACT OFF} in OpenCL C, {@code --fmad=false} for nvcc and NVRTC) and correctly
 * rounded division and square root, mirroring {@code ScalarKernels} operation by operation. Reductions that the
 * oracle does sequentially in float (column sums, dueling means, row maxima) are sequential per work-item here too,
 * so they agree bit for bit; the two double-precision sums (TD loss, gradient norm) agree to double rounding.
 */
public final class KernelSource {

    /** Target language. */
    public enum Dialect { OPENCL, CUDA }

    /** Tile edge of the GEMM kernel (work-group TILE×TILE). */
    public static final int TILE = 16;
    /** Work-group size of the 1-D kernels. */
    public static final int GROUP = 64;
    /** Work-group size of the sum-of-squares reduction (a power of two). */
    public static final int REDUCE_GROUP = 256;
    /** The most work-groups of the sum-of-squares reduction. */
    public static final int REDUCE_MAX_GROUPS = 64;

    /** Depth of the k-slices the register-blocked GEMM kernels stage in local memory. */
    public static final int BK = 8;
    /** Edge of the register-blocked GEMM kernels' work-group (BLOCK_THREADS×BLOCK_THREADS work-items). */
    public static final int BLOCK_THREADS = 16;

    /** The kernel entry points, in source order. */
    public static final List<String> KERNELS = List.of("rl_fill", "rl_gemm", "rl_gemm_rb4", "rl_gemm_rb8",
            "rl_gemm_rb8v", "rl_bias_act", "rl_relu_bwd",
            "rl_col_sums", "rl_td_rows", "rl_td_sum", "rl_argmax", "rl_max", "rl_gather", "rl_td_target",
            "rl_duel_fwd", "rl_duel_bwd", "rl_adam", "rl_sumsq_partial", "rl_clip_finish", "rl_scale_by",
            "rl_polyak");

    private KernelSource() {}

    /**
     * {@return the full source in {@code dialect}}
     *
     * @param fp64 whether the device has double precision (the two global sums accumulate in double when it does,
     *             in float otherwise)
     */
    public static String emit(Dialect dialect, boolean fp64) {
        return prelude(dialect, fp64) + BODY;
    }

    static String prelude(Dialect dialect, boolean fp64) {
        String acc = fp64 ? """
                #define ACC double
                #define ACC_EPS 1e-6
                """ : """
                #define ACC float
                #define ACC_EPS 1e-6f
                """;
        return switch (dialect) {
            case OPENCL -> "/* rlcode kernels: OpenCL C 1.2 */\n#pragma OPENCL FP_CONTRACT OFF\n"
                    + (fp64 ? "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n" : "") + acc + """
                    #define KERNEL __kernel void
                    #define DEVICE
                    #define GLOBAL __global
                    #define LOCAL __local
                    #define LMEM __local
                    #define GID0 ((int) get_global_id(0))
                    #define GID1 ((int) get_global_id(1))
                    #define LID0 ((int) get_local_id(0))
                    #define LID1 ((int) get_local_id(1))
                    #define GRP0 ((int) get_group_id(0))
                    #define GRP1 ((int) get_group_id(1))
                    #define NGRP0 ((int) get_num_groups(0))
                    #define BARRIER() barrier(CLK_LOCAL_MEM_FENCE)
                    #define FMAF(a, b, c) fma((float) (a), (float) (b), (float) (c))
                    #define SQRTF(x) sqrt((float) (x))
                    #define SQRTA(x) sqrt((ACC) (x))
                    #define FABSF(x) fabs((float) (x))
                    #define QNAN NAN
                    #define IMIN(a, b) min((int) (a), (int) (b))
                    """;
            case CUDA -> "/* rlcode kernels: CUDA C++ (compile with --fmad=false) */\n" + acc + """
                    #define KERNEL extern "C" __global__ void
                    #define DEVICE __device__
                    #define GLOBAL
                    #define LOCAL __shared__
                    #define LMEM
                    #define GID0 ((int) (blockIdx.x * blockDim.x + threadIdx.x))
                    #define GID1 ((int) (blockIdx.y * blockDim.y + threadIdx.y))
                    #define LID0 ((int) threadIdx.x)
                    #define LID1 ((int) threadIdx.y)
                    #define GRP0 ((int) blockIdx.x)
                    #define GRP1 ((int) blockIdx.y)
                    #define NGRP0 ((int) gridDim.x)
                    #define BARRIER() __syncthreads()
                    #define FMAF(a, b, c) fmaf((a), (b), (c))
                    #define SQRTF(x) sqrtf(x)
                    #define SQRTA(x) sqrt(x)
                    #define FABSF(x) fabsf(x)
                    #define QNAN __int_as_float(0x7fc00000)
                    #define IMIN(a, b) min((int) (a), (int) (b))
                    """;
        };
    }

    /* Every buffer argument is (pointer, element offset): OpenCL cannot offset a cl_mem, so both dialects take it. */
    static final String BODY = ("""
            #define TS %d
            #define RG %d
            #define BK %d
            #define BT %d

            KERNEL rl_fill(GLOBAL float* x, int xo, int n, float v) {
                int i = GID0;
                if (i < n) x[xo + i] = v;
            }

            /* C = alpha*op(A)*op(B) + beta*C; TSxTS tiles; acc over p ascending with fma, as ScalarKernels. */
            KERNEL rl_gemm(int transA, int transB, int m, int n, int k, float alpha,
                           GLOBAL const float* a, int ao, GLOBAL const float* b, int bo,
                           float beta, GLOBAL float* c, int co) {
                LOCAL float As[TS][TS];
                LOCAL float Bs[TS][TS];
                int lc = LID0, lr = LID1;
                int col = GRP0 * TS + lc, row = GRP1 * TS + lr;
                float acc = 0.0f;
                for (int t = 0; t < k; t += TS) {
                    int p = t + lc;
                    As[lr][lc] = (row < m && p < k) ? (transA ? a[ao + p * m + row] : a[ao + row * k + p]) : 0.0f;
                    int q = t + lr;
                    Bs[lr][lc] = (q < k && col < n) ? (transB ? b[bo + col * k + q] : b[bo + q * n + col]) : 0.0f;
                    BARRIER();
                    int kk = IMIN(TS, k - t);
                    for (int s = 0; s < kk; s++) acc = FMAF(As[lr][s], Bs[s][lc], acc);
                    BARRIER();
                }
                if (row < m && col < n) {
                    int ci = co + row * n + col;
                    c[ci] = beta == 0.0f ? alpha * acc : FMAF(alpha, acc, beta * c[ci]);
                }
            }
            """ + blocked("rl_gemm_rb4", 4) + blocked("rl_gemm_rb8", 8) + vectorized() + """

            KERNEL rl_bias_act(GLOBAL const float* x, int xo, GLOBAL const float* bias, int bo,
                               GLOBAL float* out, int oo, int rows, int cols, int relu) {
                int i = GID0;
                if (i >= rows * cols) return;
                float s = x[xo + i] + bias[bo + i %% cols];
                /* Java's Math.max(0f, s): NaN stays NaN, -0 becomes +0 */
                out[oo + i] = relu ? (s != s ? s : (s > 0.0f ? s : 0.0f)) : s;
            }

            KERNEL rl_relu_bwd(GLOBAL const float* go, int goo, GLOBAL const float* act, int ao,
                               GLOBAL float* gi, int gio, int n) {
                int i = GID0;
                if (i < n) gi[gio + i] = act[ao + i] > 0.0f ? go[goo + i] : 0.0f;
            }

            KERNEL rl_col_sums(GLOBAL const float* x, int xo, GLOBAL float* out, int oo, int rows, int cols) {
                int j = GID0;
                if (j >= cols) return;
                float s = 0.0f;
                for (int i = 0; i < rows; i++) s += x[xo + i * cols + j];
                out[oo + j] = s;
            }

            /* Per sample: delta, tdErrors and the gradient row; an action outside [0, na) gives NaN. */
            KERNEL rl_td_rows(GLOBAL const float* q, int qo, GLOBAL const int* act, int ao,
                              GLOBAL const float* tg, int to, GLOBAL const float* w, int wo, int hasW,
                              GLOBAL float* gq, int gqo, GLOBAL float* err, int eo,
                              int batch, int na, int huber, float kappa) {
                int i = GID0;
                if (i >= batch) return;
                int a = act[ao + i];
                int row = gqo + i * na;
                for (int j = 0; j < na; j++) gq[row + j] = 0.0f;
                if (a < 0 || a >= na) {
                    err[eo + i] = QNAN;
                    gq[row] = QNAN;
                    return;
                }
                float delta = q[qo + i * na + a] - tg[to + i];
                float wi = hasW ? w[wo + i] : 1.0f;
                float dl = huber ? (delta < -kappa ? -kappa : (delta > kappa ? kappa : delta)) : 2.0f * delta;
                err[eo + i] = delta;
                gq[row + a] = wi * dl / (float) batch;
            }

            DEVICE float td_term(float delta, float wi, int huber, float kappa) {
                float l;
                if (huber) {
                    float ab = FABSF(delta);
                    l = ab <= kappa ? 0.5f * delta * delta : kappa * (ab - 0.5f * kappa);
                } else {
                    l = delta * delta;
                }
                return wi * l;
            }

            /* loss = (1/batch) * sum_i w_i*l(delta_i), summed in order in ACC by one work-item. */
            KERNEL rl_td_sum(GLOBAL const float* err, int eo, GLOBAL const float* w, int wo, int hasW,
                             GLOBAL float* loss, int lo, int batch, int huber, float kappa) {
                if (GID0 != 0) return;
                ACC s = 0;
                for (int i = 0; i < batch; i++) s += (ACC) td_term(err[eo + i], hasW ? w[wo + i] : 1.0f, huber, kappa);
                loss[lo] = (float) (s / (ACC) batch);
            }

            /* Lowest index of the largest legal entry, NaN below every number; -1 if none is legal. */
            DEVICE int argmax_row(GLOBAL const float* x, int xo, GLOBAL const int* mask, int mo, int hasMask,
                                  int i, int cols) {
                int best = -1;
                float bv = 0.0f;
                for (int j = 0; j < cols; j++) {
                    if (hasMask && mask[mo + i * cols + j] == 0) continue;
                    float v = x[xo + i * cols + j];
                    if (best < 0 || (v == v && (bv != bv || v > bv))) {
                        best = j;
                        bv = v;
                    }
                }
                return best;
            }

            KERNEL rl_argmax(GLOBAL const float* x, int xo, GLOBAL const int* mask, int mo, int hasMask,
                             GLOBAL int* out, int oo, int rows, int cols) {
                int i = GID0;
                if (i < rows) out[oo + i] = argmax_row(x, xo, mask, mo, hasMask, i, cols);
            }

            KERNEL rl_max(GLOBAL const float* x, int xo, GLOBAL const int* mask, int mo, int hasMask,
                          GLOBAL float* out, int oo, int rows, int cols) {
                int i = GID0;
                if (i >= rows) return;
                int j = argmax_row(x, xo, mask, mo, hasMask, i, cols);
                out[oo + i] = j < 0 ? 0.0f : x[xo + i * cols + j];
            }

            /* An index >= cols gives NaN (the CPU kernels throw). */
            KERNEL rl_gather(GLOBAL const float* x, int xo, GLOBAL const int* idx, int io,
                             GLOBAL float* out, int oo, int rows, int cols) {
                int i = GID0;
                if (i >= rows) return;
                int j = idx[io + i];
                out[oo + i] = j < 0 ? 0.0f : (j >= cols ? QNAN : x[xo + i * cols + j]);
            }

            KERNEL rl_td_target(GLOBAL const float* r, int ro, GLOBAL const float* d, int dof,
                                GLOBAL const float* v, int vo, GLOBAL float* out, int oo, int n) {
                int i = GID0;
                if (i < n) out[oo + i] = FMAF(d[dof + i], v[vo + i], r[ro + i]);
            }

            KERNEL rl_duel_fwd(GLOBAL const float* head, int ho, GLOBAL float* q, int qo, int rows, int na) {
                int i = GID0;
                if (i >= rows) return;
                int h = ho + i * (na + 1);
                float value = head[h];
                float sum = 0.0f;
                for (int j = 0; j < na; j++) sum += head[h + 1 + j];
                float mean = sum / (float) na;
                for (int j = 0; j < na; j++) q[qo + i * na + j] = value + head[h + 1 + j] - mean;
            }

            KERNEL rl_duel_bwd(GLOBAL const float* gq, int go, GLOBAL float* gh, int ho, int rows, int na) {
                int i = GID0;
                if (i >= rows) return;
                int g = go + i * na, h = ho + i * (na + 1);
                float sum = 0.0f;
                for (int j = 0; j < na; j++) sum += gq[g + j];
                float mean = sum / (float) na;
                gh[h] = sum;
                for (int j = 0; j < na; j++) gh[h + 1 + j] = gq[g + j] - mean;
            }

            KERNEL rl_adam(GLOBAL float* p, int po, GLOBAL const float* g, int go, GLOBAL float* m, int mo,
                           GLOBAL float* v, int vo, int n, float b1, float b2, float eps, float stepSize,
                           float bc2Sqrt) {
                int i = GID0;
                if (i >= n) return;
                float omb1 = 1.0f - b1, omb2 = 1.0f - b2;
                float gi = g[go + i];
                float mi = FMAF(b1, m[mo + i], omb1 * gi);
                float vi = FMAF(b2, v[vo + i], omb2 * gi * gi);
                m[mo + i] = mi;
                v[vo + i] = vi;
                float denom = SQRTF(vi) / bc2Sqrt + eps;
                p[po + i] = p[po + i] - stepSize * mi / denom;
            }

            /* Sum of squares, stage 1: each of NGRP0 groups of RG work-items writes one partial sum. */
            KERNEL rl_sumsq_partial(GLOBAL const float* g, int go, int n, GLOBAL ACC* part) {
                LOCAL ACC s[RG];
                int lid = LID0;
                ACC acc = 0;
                for (int i = GID0; i < n; i += NGRP0 * RG) {
                    ACC x = (ACC) g[go + i];
                    acc += x * x;
                }
                s[lid] = acc;
                BARRIER();
                for (int w = RG / 2; w > 0; w >>= 1) {
                    if (lid < w) s[lid] += s[lid + w];
                    BARRIER();
                }
                if (lid == 0) part[GRP0] = s[0];
            }

            /* Stage 2: norm = the square root of the sum of partials, to normOut; scale[0] = the factor, scale[1] = 1 if clipping. */
            KERNEL rl_clip_finish(GLOBAL const ACC* part, int groups, float maxNorm, GLOBAL float* normOut, int no,
                                  GLOBAL float* scale) {
                if (GID0 != 0) return;
                ACC s = 0;
                for (int i = 0; i < groups; i++) s += part[i];
                ACC norm = SQRTA(s);
                normOut[no] = (float) norm;
                int clip = !(norm <= (ACC) maxNorm); // a NaN norm scales by NaN, as in PyTorch
                scale[0] = clip ? (float) ((ACC) maxNorm / (norm + ACC_EPS)) : 1.0f;
                scale[1] = clip ? 1.0f : 0.0f;
            }

            KERNEL rl_scale_by(GLOBAL float* g, int go, int n, GLOBAL const float* scale) {
                int i = GID0;
                if (i < n && scale[1] != 0.0f) g[go + i] *= scale[0];
            }

            KERNEL rl_polyak(GLOBAL const float* on, int oo, GLOBAL float* tg, int to, int n, float tau) {
                int i = GID0;
                if (i >= n) return;
                float omt = 1.0f - tau;
                tg[to + i] = FMAF(tau, on[oo + i], omt * tg[to + i]);
            }
            """).formatted(TILE, REDUCE_GROUP, BK, BLOCK_THREADS);

    /**
     * {@code rl_gemm_rb8v}: the 8×8 register-blocked GEMM laid out for 128-bit local-memory reads, with the next
     * k-slice loaded into registers while the current one is multiplied. A work-item's rows are {@code 4ty + i} and
     * {@code 64 + 4ty + i}, its columns {@code 4tx + j} and {@code 64 + 4tx + j} (i, j &lt; 4), so each k step
     * reads its 8 A and 8 B values as four {@code float4} (against sixteen scalar reads in {@code rl_gemm_rb8}).
     * Every output still sums its k products in ascending order with fma from 0, so it gives the other kernels'
     * bits. The global-to-local loads are {@code rl_gemm_rb8}'s (coalesced for either layout, zero-filled edges).
     */
    private static String vectorized() {
        return """

            /* rl_gemm_rb8v: rl_gemm_rb8's tile with float4 reads of local memory and the next k-slice in registers. */
            KERNEL rl_gemm_rb8v(int transA, int transB, int m, int n, int k, float alpha,
                                GLOBAL const float* a, int ao, GLOBAL const float* b, int bo,
                                float beta, GLOBAL float* c, int co) {
                LOCAL float4 As4[BK][BT * 2];
                LOCAL float4 Bs4[BK][BT * 2];
                LMEM float* As = (LMEM float*) As4;
                LMEM float* Bs = (LMEM float*) Bs4;
                int tx = LID0, ty = LID1, lid = ty * BT + tx;
                int row0 = GRP1 * (BT * 8), col0 = GRP0 * (BT * 8);
                float acc[8][8];
                float pa[BK * 8 / BT], pb[BK * 8 / BT];
                for (int i = 0; i < 8; i++) for (int j = 0; j < 8; j++) acc[i][j] = 0.0f;
            """ + loadSlice("0") + """
                for (int t = 0; t < k; t += BK) {
                    for (int l = 0; l < BK * 8 / BT; l++) {
                        int e = lid + l * BT * BT;
                        As[(transA ? e / (BT * 8) : e %% BK) * (BT * 8) + (transA ? e %% (BT * 8) : e / BK)] = pa[l];
                        Bs[(transB ? e %% BK : e / (BT * 8)) * (BT * 8) + (transB ? e / BK : e %% (BT * 8))] = pb[l];
                    }
                    BARRIER();
                    if (t + BK < k) {
            """ + loadSlice("t + BK") + """
                    }
                    int kk = IMIN(BK, k - t);
                    for (int s = 0; s < kk; s++) {
                        float4 a0 = As4[s][ty], a1 = As4[s][BT + ty], b0 = Bs4[s][tx], b1 = Bs4[s][BT + tx];
                        float av[8] = {a0.x, a0.y, a0.z, a0.w, a1.x, a1.y, a1.z, a1.w};
                        float bv[8] = {b0.x, b0.y, b0.z, b0.w, b1.x, b1.y, b1.z, b1.w};
                        for (int i = 0; i < 8; i++)
                            for (int j = 0; j < 8; j++) acc[i][j] = FMAF(av[i], bv[j], acc[i][j]);
                    }
                    BARRIER();
                }
                for (int i = 0; i < 8; i++) {
                    int row = row0 + 4 * ty + (i & 3) + (i >> 2) * (BT * 4);
                    if (row >= m) continue;
                    for (int j = 0; j < 8; j++) {
                        int col = col0 + 4 * tx + (j & 3) + (j >> 2) * (BT * 4);
                        if (col < n) {
                            int ci = co + row * n + col;
                            c[ci] = beta == 0.0f ? alpha * acc[i][j] : FMAF(alpha, acc[i][j], beta * c[ci]);
                        }
                    }
                }
            }
            """;
    }

    /** The loads of one k-slice (starting at {@code t}) into {@code rl_gemm_rb8v}'s registers pa and pb. */
    private static String loadSlice(String t) {
        return """
                    for (int l = 0; l < BK * 8 / BT; l++) {
                        int e = lid + l * BT * BT;
                        int p = transA ? e / (BT * 8) : e %% BK, r = transA ? e %% (BT * 8) : e / BK;
                        int gr = row0 + r, gp = $T + p;
                        pa[l] = (gr < m && gp < k) ? (transA ? a[ao + gp * m + gr] : a[ao + gr * k + gp]) : 0.0f;
                        int pq = transB ? e %% BK : e / (BT * 8), q = transB ? e / BK : e %% (BT * 8);
                        int gc = col0 + q, gq = $T + pq;
                        pb[l] = (gc < n && gq < k) ? (transB ? b[bo + gc * k + gq] : b[bo + gq * n + gc]) : 0.0f;
                    }
                """.replace("$T", "(" + t + ")");
    }

    /**
     * The register-blocked GEMM: a 16·R × 16·R tile of C per 16×16 work-group, R×R outputs per work-item (rows
     * {@code ty + 16i}, columns {@code tx + 16j}, so neighbouring work-items read neighbouring words of the B slice
     * and share the A word), k staged in slices of {@link #BK} through local memory. Every output still accumulates
     * its k products in ascending p with fma from 0 and ends with the same alpha/beta step as {@code rl_gemm}, so
     * the three GEMM kernels give the same bits and {@link GpuKernels} may pick any by size.
     */
    private static String blocked(String name, int r) {
        return """

            /* $NAME: register-blocked C = alpha*op(A)*op(B) + beta*C, $R x $R outputs per work-item. */
            KERNEL $NAME(int transA, int transB, int m, int n, int k, float alpha,
                           GLOBAL const float* a, int ao, GLOBAL const float* b, int bo,
                           float beta, GLOBAL float* c, int co) {
                LOCAL float As[BK][BT * $R];
                LOCAL float Bs[BK][BT * $R];
                int tx = LID0, ty = LID1, lid = ty * BT + tx;
                int row0 = GRP1 * (BT * $R), col0 = GRP0 * (BT * $R);
                float acc[$R][$R];
                for (int i = 0; i < $R; i++) for (int j = 0; j < $R; j++) acc[i][j] = 0.0f;
                for (int t = 0; t < k; t += BK) {
                    for (int e = lid; e < BK * BT * $R; e += BT * BT) {
                        /* consecutive work-items read consecutive addresses of whichever layout A has */
                        int p = transA ? e / (BT * $R) : e %% BK, r = transA ? e %% (BT * $R) : e / BK;
                        int gr = row0 + r, gp = t + p;
                        As[p][r] = (gr < m && gp < k) ? (transA ? a[ao + gp * m + gr] : a[ao + gr * k + gp]) : 0.0f;
                    }
                    for (int e = lid; e < BK * BT * $R; e += BT * BT) {
                        int p = transB ? e %% BK : e / (BT * $R), q = transB ? e / BK : e %% (BT * $R);
                        int gc = col0 + q, gp = t + p;
                        Bs[p][q] = (gc < n && gp < k) ? (transB ? b[bo + gc * k + gp] : b[bo + gp * n + gc]) : 0.0f;
                    }
                    BARRIER();
                    int kk = IMIN(BK, k - t);
                    for (int s = 0; s < kk; s++) {
                        float av[$R], bv[$R];
                        for (int i = 0; i < $R; i++) av[i] = As[s][ty + BT * i];
                        for (int j = 0; j < $R; j++) bv[j] = Bs[s][tx + BT * j];
                        for (int i = 0; i < $R; i++)
                            for (int j = 0; j < $R; j++) acc[i][j] = FMAF(av[i], bv[j], acc[i][j]);
                    }
                    BARRIER();
                }
                for (int i = 0; i < $R; i++) {
                    int row = row0 + ty + BT * i;
                    if (row >= m) break;
                    for (int j = 0; j < $R; j++) {
                        int col = col0 + tx + BT * j;
                        if (col < n) {
                            int ci = co + row * n + col;
                            c[ci] = beta == 0.0f ? alpha * acc[i][j] : FMAF(alpha, acc[i][j], beta * c[ci]);
                        }
                    }
                }
            }
            """.replace("$NAME", name).replace("$R", Integer.toString(r));
    }
}
