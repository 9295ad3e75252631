/*
 * A stand-in for the NVIDIA driver library (libcuda.so.1) for CudaStubDriverTest: it implements the driver-API
 * calls the CUDA backend binds, on host memory, and checks what a real driver would: the context is current on
 * the calling thread, device pointers point into live allocations, copies stay inside them, every kernel exists
 * in the loaded PTX and gets as many arguments as its .entry declares with 8-byte cells for pointers, grids and
 * blocks are within CUDA's limits. It runs rl_fill, rl_bias_act and the three GEMM kernels on the CPU (the scalar
 * order: ascending k with fmaf, then alpha/beta as the kernels do) and skips the others. Settings come from the
 * environment: STUB_DRIVER (cuDriverGetVersion, default 12040), STUB_CC ("9.0"), STUB_SMS (132), STUB_MAX_PTX
 * (the newest PTX ISA the "driver" accepts, default "8.4"). Each violation prints "stub: VIOLATION ..." on stderr
 * and fails the call; cuModuleUnload prints "stub: summary ...".
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;

#define MAX_ALLOCS 8192
#define MAX_ENTRIES 64
#define MAX_PARAMS 32

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct { uintptr_t base; size_t size; } allocs[MAX_ALLOCS];
static struct { char name[64]; int nparams; int size[MAX_PARAMS]; long launches; } entries[MAX_ENTRIES];
static int nentries, ctx_token, module_token, violations, initialised;
static long launches_total, live_allocs;
static char ptx_version[16], ptx_target[32];
static __thread int current;

static int env_int(const char *name, int def) {
    const char *v = getenv(name);
    return v ? atoi(v) : def;
}

static int violation(const char *what, const char *detail) {
    fprintf(stderr, "stub: VIOLATION %s: %s\n", what, detail);
    violations++;
    return 1; /* CUDA_ERROR_INVALID_VALUE */
}

/* the allocation containing [p, p + bytes), or -1 */
static int find(uintptr_t p, size_t bytes) {
    for (int i = 0; i < MAX_ALLOCS; i++) {
        if (allocs[i].size && p >= allocs[i].base && p + bytes <= allocs[i].base + allocs[i].size) return i;
    }
    return -1;
}

static CUresult need_context(const char *call) {
    if (!initialised) return 3; /* CUDA_ERROR_NOT_INITIALIZED */
    if (!current) {
        violation(call, "no context current on the calling thread");
        return 201; /* CUDA_ERROR_INVALID_CONTEXT */
    }
    return 0;
}

CUresult cuInit(unsigned flags) {
    if (flags != 0) return violation("cuInit", "flags must be 0");
    initialised = 1;
    return 0;
}

CUresult cuDriverGetVersion(int *v) { *v = env_int("STUB_DRIVER", 12040); return 0; }
CUresult cuDeviceGetCount(int *c) { *c = 1; return initialised ? 0 : 3; }
CUresult cuDeviceGet(CUdevice *d, int ordinal) { if (ordinal != 0) return 101; *d = 0; return 0; }

CUresult cuDeviceGetName(char *name, int len, CUdevice d) {
    if (d != 0 || len <= 0) return violation("cuDeviceGetName", "bad device or length");
    snprintf(name, (size_t) len, "rlcode stub GPU");
    return 0;
}

CUresult cuDeviceGetAttribute(int *v, int attribute, CUdevice d) {
    const char *cc = getenv("STUB_CC");
    int major = 9, minor = 0;
    if (cc) sscanf(cc, "%d.%d", &major, &minor);
    if (d != 0) return 101;
    switch (attribute) {
        case 16: *v = env_int("STUB_SMS", 132); return 0;  /* MULTIPROCESSOR_COUNT */
        case 75: *v = major; return 0;                     /* COMPUTE_CAPABILITY_MAJOR */
        case 76: *v = minor; return 0;                     /* COMPUTE_CAPABILITY_MINOR */
        default: return violation("cuDeviceGetAttribute", "attribute the backend should not need");
    }
}

CUresult cuDevicePrimaryCtxRetain(void **ctx, CUdevice d) { if (d != 0) return 101; *ctx = &ctx_token; return 0; }
CUresult cuDevicePrimaryCtxRelease_v2(CUdevice d) { current = 0; return d == 0 ? 0 : 101; }

CUresult cuCtxSetCurrent(void *ctx) {
    if (ctx != NULL && ctx != &ctx_token) return violation("cuCtxSetCurrent", "not the primary context");
    current = ctx != NULL;
    return 0;
}

CUresult cuCtxSynchronize(void) { return need_context("cuCtxSynchronize"); }

static int version_tenths(const char *v) {
    int major = 0, minor = 0;
    sscanf(v, "%d.%d", &major, &minor);
    return major * 10 + minor;
}

CUresult cuModuleLoadDataEx(void **module, const void *image, unsigned n, int *options, void **values) {
    CUresult st = need_context("cuModuleLoadDataEx");
    if (st) return st;
    const char *ptx = (const char *) image, *p;
    char *errlog = NULL, *infolog = NULL;
    size_t errsize = 0, infosize = 0;
    for (unsigned i = 0; i < n; i++) {
        if (options[i] == 3) infolog = (char *) values[i];
        if (options[i] == 4) infosize = (size_t) (uintptr_t) values[i];
        if (options[i] == 5) errlog = (char *) values[i];
        if (options[i] == 6) errsize = (size_t) (uintptr_t) values[i];
    }
    p = strstr(ptx, "\n.version ");
    if (!p || sscanf(p, "\n.version %15s", ptx_version) != 1) return 218; /* CUDA_ERROR_INVALID_PTX */
    p = strstr(ptx, "\n.target ");
    if (!p || sscanf(p, "\n.target %31[a-z_0-9]", ptx_target) != 1) return 218;
    const char *max = getenv("STUB_MAX_PTX");
    if (version_tenths(ptx_version) > version_tenths(max ? max : "8.4")) {
        if (errlog && errsize) snprintf(errlog, errsize, "ptxas fatal: Unsupported .version %s", ptx_version);
        if (infolog && infosize) snprintf(infolog, infosize, "ptxas info: target %s", ptx_target);
        return 222; /* CUDA_ERROR_UNSUPPORTED_PTX_VERSION */
    }
    nentries = 0;
    for (p = strstr(ptx, ".entry "); p && nentries < MAX_ENTRIES; p = strstr(p + 1, ".entry ")) {
        int e = nentries++;
        sscanf(p, ".entry %63[A-Za-z_0-9]", entries[e].name);
        entries[e].nparams = 0;
        entries[e].launches = 0;
        const char *end = strchr(p, ')');
        for (const char *q = strstr(p, ".param ."); q && q < end; q = strstr(q + 1, ".param .")) {
            int bits = 0;
            sscanf(q + 8, "%*c%d", &bits); /* ".param .u64": skip the type letter, read its bits */
            if (entries[e].nparams < MAX_PARAMS) entries[e].size[entries[e].nparams++] = bits / 8;
        }
    }
    *module = &module_token;
    return 0;
}

CUresult cuModuleGetFunction(void **f, void *module, const char *name) {
    CUresult st = need_context("cuModuleGetFunction");
    if (st) return st;
    if (module != &module_token) return 400; /* CUDA_ERROR_INVALID_HANDLE */
    for (int e = 0; e < nentries; e++) {
        if (!strcmp(entries[e].name, name)) { *f = &entries[e]; return 0; }
    }
    return 500; /* CUDA_ERROR_NOT_FOUND */
}

CUresult cuModuleUnload(void *module) {
    CUresult st = need_context("cuModuleUnload");
    if (st) return st;
    if (module != &module_token) return 400;
    fprintf(stderr, "stub: summary version=%s target=%s entries=%d launches=%ld live_allocations=%ld violations=%d\n",
            ptx_version, ptx_target, nentries, launches_total, live_allocs, violations);
    return 0;
}

CUresult cuMemAlloc_v2(CUdeviceptr *ptr, size_t bytes) {
    CUresult st = need_context("cuMemAlloc_v2");
    if (st) return st;
    if (bytes == 0) return 1;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < MAX_ALLOCS; i++) {
        if (!allocs[i].size) {
            allocs[i].base = (uintptr_t) malloc(bytes);
            allocs[i].size = bytes;
            live_allocs++;
            *ptr = allocs[i].base;
            memset((void *) allocs[i].base, 0xA5, bytes); /* garbage: the backend must clear it */
            pthread_mutex_unlock(&lock);
            return 0;
        }
    }
    pthread_mutex_unlock(&lock);
    return 2; /* CUDA_ERROR_OUT_OF_MEMORY */
}

CUresult cuMemFree_v2(CUdeviceptr ptr) {
    CUresult st = need_context("cuMemFree_v2");
    if (st) return st;
    pthread_mutex_lock(&lock);
    int i = find(ptr, 1);
    if (i < 0 || allocs[i].base != ptr) {
        pthread_mutex_unlock(&lock);
        return violation("cuMemFree_v2", "not the start of a live allocation");
    }
    free((void *) allocs[i].base);
    allocs[i].size = 0;
    live_allocs--;
    pthread_mutex_unlock(&lock);
    return 0;
}

CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void *src, size_t bytes) {
    CUresult st = need_context("cuMemcpyHtoD_v2");
    if (st) return st;
    if (find(dst, bytes) < 0) return violation("cuMemcpyHtoD_v2", "destination outside every allocation");
    memcpy((void *) (uintptr_t) dst, src, bytes);
    return 0;
}

CUresult cuMemcpyDtoH_v2(void *dst, CUdeviceptr src, size_t bytes) {
    CUresult st = need_context("cuMemcpyDtoH_v2");
    if (st) return st;
    if (find(src, bytes) < 0) return violation("cuMemcpyDtoH_v2", "source outside every allocation");
    memcpy(dst, (void *) (uintptr_t) src, bytes);
    return 0;
}

CUresult cuMemcpyDtoD_v2(CUdeviceptr dst, CUdeviceptr src, size_t bytes) {
    CUresult st = need_context("cuMemcpyDtoD_v2");
    if (st) return st;
    if (find(dst, bytes) < 0 || find(src, bytes) < 0) return violation("cuMemcpyDtoD_v2", "outside an allocation");
    memmove((void *) (uintptr_t) dst, (void *) (uintptr_t) src, bytes);
    return 0;
}

static long memsets;

CUresult cuMemsetD32_v2(CUdeviceptr dst, unsigned value, size_t n) {
    CUresult st = need_context("cuMemsetD32_v2");
    if (st) return st;
    /* STUB_FAIL_MEMSET_FROM=N: the N-th memset (from 0) and every later one run out of memory, as a lazy
       allocator reports it at first touch */
    int fail_from = env_int("STUB_FAIL_MEMSET_FROM", -1);
    if (fail_from >= 0 && memsets++ >= fail_from) return 2; /* CUDA_ERROR_OUT_OF_MEMORY */
    if (find(dst, 4 * n) < 0) return violation("cuMemsetD32_v2", "outside an allocation");
    for (size_t i = 0; i < n; i++) ((unsigned *) (uintptr_t) dst)[i] = value;
    return 0;
}

static int I(void **kp, int i) { return *(int *) kp[i]; }
static float F(void **kp, int i) { return *(float *) kp[i]; }
static float *P(void **kp, int i) { return (float *) (uintptr_t) *(CUdeviceptr *) kp[i]; }

/* rl_gemm, rl_gemm_rb4, rl_gemm_rb8: (transA, transB, m, n, k, alpha, a, ao, b, bo, beta, c, co) */
static void gemm(void **kp) {
    int ta = I(kp, 0), tb = I(kp, 1), m = I(kp, 2), n = I(kp, 3), k = I(kp, 4);
    float alpha = F(kp, 5), beta = F(kp, 10);
    const float *a = P(kp, 6) + I(kp, 7), *b = P(kp, 8) + I(kp, 9);
    float *c = P(kp, 11) + I(kp, 12);
    for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
            float acc = 0.0f;
            for (int p = 0; p < k; p++) acc = fmaf(ta ? a[p * m + i] : a[i * k + p], tb ? b[j * k + p] : b[p * n + j], acc);
            float *out = &c[i * n + j];
            *out = beta == 0.0f ? alpha * acc : fmaf(alpha, acc, beta * *out);
        }
    }
}

CUresult cuLaunchKernel(void *f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned shared, void *stream, void **kp, void **extra) {
    CUresult st = need_context("cuLaunchKernel");
    if (st) return st;
    int e = (int) (((char *) f - (char *) entries) / (long) sizeof entries[0]);
    if (e < 0 || e >= nentries || f != &entries[e]) return 400;
    const char *name = entries[e].name;
    char detail[160];
    if (!gx || !gy || !gz || !bx || !by || !bz || (unsigned long) bx * by * bz > 1024 || gy > 65535 || gz > 65535) {
        snprintf(detail, sizeof detail, "%s grid (%u,%u,%u) block (%u,%u,%u)", name, gx, gy, gz, bx, by, bz);
        return violation("cuLaunchKernel", detail);
    }
    if (shared != 0 || stream != NULL || extra != NULL || kp == NULL) return violation("cuLaunchKernel", name);
    for (int i = 0; i < entries[e].nparams; i++) {
        if (kp[i] == NULL) {
            snprintf(detail, sizeof detail, "%s argument %d is NULL", name, i);
            return violation("cuLaunchKernel", detail);
        }
        if (entries[e].size[i] == 8 && find(*(CUdeviceptr *) kp[i], 1) < 0) {
            snprintf(detail, sizeof detail, "%s argument %d is not a device pointer", name, i);
            return violation("cuLaunchKernel", detail);
        }
    }
    entries[e].launches++;
    launches_total++;
    if (!strcmp(name, "rl_fill")) { /* (x, xo, n, v) */
        float *x = P(kp, 0) + I(kp, 1);
        for (int i = 0, n = I(kp, 2); i < n; i++) x[i] = F(kp, 3);
    } else if (!strncmp(name, "rl_gemm", 7)) {
        gemm(kp);
    } else if (!strcmp(name, "rl_bias_act")) { /* (x, xo, bias, bo, out, oo, rows, cols, relu) */
        const float *x = P(kp, 0) + I(kp, 1), *bias = P(kp, 2) + I(kp, 3);
        float *out = P(kp, 4) + I(kp, 5);
        for (int i = 0, cols = I(kp, 7), n = I(kp, 6) * cols; i < n; i++) {
            float s = x[i] + bias[i % cols];
            out[i] = I(kp, 8) && !(s != s) && !(s > 0.0f) ? 0.0f : s;
        }
    }
    return 0;
}

CUresult cuGetErrorName(CUresult status, const char **name) {
    switch (status) {
        case 222: *name = "CUDA_ERROR_UNSUPPORTED_PTX_VERSION"; return 0;
        case 201: *name = "CUDA_ERROR_INVALID_CONTEXT"; return 0;
        case 1: *name = "CUDA_ERROR_INVALID_VALUE"; return 0;
        default: return 1;
    }
}
