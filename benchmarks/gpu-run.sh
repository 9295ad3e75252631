#!/usr/bin/env bash
# GPU machine script, in two halves.
#
#   benchmarks/gpu-run.sh bundle [OUT.tar.gz]   on the dev machine (JDK 25 + Maven): builds examples/target/rlcode.jar,
#                                               jlinks a JDK 25 runtime with only the modules rlcode needs, and packs
#                                               both with this script into one self-contained tarball.
#   ./gpu-run.sh run [FIGURES.txt]              on the GPU machine (no JDK, no Maven), inside the unpacked bundle:
#                                               lists the backends, runs the CUDA and OpenCL parity suites, then
#                                               `rlcode bench` (CPU vs OpenCL vs CUDA, GEMM to 4096^2 with each GPU
#                                               GEMM kernel, DQN updates), the JMH BackendBench
#                                               and, where PyTorch is, cuBLAS FP32 at the same sizes, writing
#                                               everything to FIGURES.txt (default gpu-figures-<host>.txt).
#                                               RL_MAX_GEMM=N caps the bench's largest GEMM (default 4096).
# Exit code of `run`: 0 when every suite that could run passed. A step that fails is recorded and the later steps
# still run, so one failure never costs the rest of a run on a lent machine.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mode="${1:-run}"

if [[ "$mode" == bundle ]]; then
  root="$(cd "$here/.." && pwd)"
  out="${2:-$root/target/rlcode-gpu-bundle.tar.gz}"
  : "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
  (cd "$root" && ./mvnw -q -B -DskipTests -pl examples -am package)
  stage="$(mktemp -d)"
  trap 'rm -rf "$stage"' EXIT
  mkdir -p "$stage/rlcode-gpu"
  "$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.management,java.sql,java.desktop,jdk.incubator.vector,jdk.unsupported \
    --strip-debug --no-header-files --no-man-pages --compress=zip-9 --output "$stage/rlcode-gpu/jre"
  cp "$root/examples/target/rlcode.jar" "$stage/rlcode-gpu/"
  cp "$here/gpu-run.sh" "$stage/rlcode-gpu/"
  mkdir -p "$(dirname "$out")"
  tar -C "$stage" -czf "$out" rlcode-gpu
  echo "bundle: $out ($(du -h "$out" | cut -f1)); unpack on the GPU machine and run: rlcode-gpu/gpu-run.sh run"
  exit 0
fi

[[ "$mode" == run ]] || { echo "usage: $0 bundle [OUT.tar.gz] | run [FIGURES.txt]" >&2; exit 2; }
java="$here/jre/bin/java"
[[ -x "$java" ]] || { echo "gpu-run.sh: no bundled runtime at $here/jre (run 'gpu-run.sh bundle' on the dev machine)" >&2; exit 2; }
figures="${2:-$here/gpu-figures-$(hostname).txt}"
export POCL_CACHE_DIR="${POCL_CACHE_DIR:-$here/pocl-cache}"
rl() { "$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$here/rlcode.jar" \
  dev.rlcode.examples.cli.RlCode "$@"; }

status=0
set +e
{
  echo "# rlcode GPU run on $(hostname), $(date -u +%FT%TZ)"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv || echo "(no nvidia-smi)"
  echo; echo "## backends"; rl backends
} 2>&1 | tee "$figures"
[[ ${PIPESTATUS[0]} -eq 0 ]] || { status=1; echo "(rlcode backends failed; going on)" | tee -a "$figures"; }
set -e
for be in cuda opencl; do
  echo; echo "## parity --backend $be" | tee -a "$figures"
  set +e
  rl parity --backend "$be" 2>&1 | tee -a "$figures"
  rc=${PIPESTATUS[0]}
  set -e
  # 2 = backend unavailable here (its reason is printed); anything else non-zero is a failure
  if [[ $rc -ne 0 && $rc -ne 2 ]]; then status=1; fi
done
# Timings: GEMM up to 4096^2 and DQN updates (small to large) on CPU SIMD vs OpenCL vs CUDA, ratios vs the CPU.
echo; echo "## bench (cpu vs opencl vs cuda)" | tee -a "$figures"
set +e
rl bench --backends cpu,opencl,cuda --max-gemm "${RL_MAX_GEMM:-4096}" --gemm-kernels 2>&1 | tee -a "$figures"
[[ ${PIPESTATUS[0]} -eq 0 ]] || status=1
set -e
# JMH: the same comparison per operation (BackendBench: GEMM, Adam, small and large DQN updates), shorter
# iterations than its defaults; an unavailable backend's parameters fail with the reason and the rest go on.
echo; echo "## JMH BackendBench (simd vs opencl vs cuda)" | tee -a "$figures"
set +e
rm -f "$here/jmh-backend.txt" # never report an earlier run's table as this one's
"$java" -cp "$here/rlcode.jar" org.openjdk.jmh.Main BackendBench -wi 3 -i 3 -w 1 -r 1 -rf text \
  -rff "$here/jmh-backend.txt" > "$here/jmh-backend.log" 2>&1
jmh=$?
echo "exit $jmh (log: jmh-backend.log)" | tee -a "$figures"
[[ -f "$here/jmh-backend.txt" ]] && tee -a "$figures" < "$here/jmh-backend.txt"
set -e
# cuBLAS FP32 (TF32 off) at 4096^2 in the same run, for the "CUDA sgemm >= 50% of cuBLAS" goal, where PyTorch is.
set +e
if command -v python3 >/dev/null && python3 -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null; then
  echo; echo "## cuBLAS reference (PyTorch, TF32 off)" | tee -a "$figures"
  python3 - <<'PY' 2>&1 | tee -a "$figures"
import time, torch
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
for n in (1024, 2048, 4096):
    a = torch.randn(n, n, device="cuda"); b = torch.randn(n, n, device="cuda")
    for _ in range(3): c = a @ b
    torch.cuda.synchronize(); reps = 20; t = time.perf_counter()
    for _ in range(reps): c = a @ b
    torch.cuda.synchronize(); dt = (time.perf_counter() - t) / reps
    print(f"cublas sgemm {n}x{n}x{n}: {dt * 1e3:.3f} ms/call, {2 * n ** 3 / dt / 1e9:.0f} GFLOP/s")
PY
else
  echo "(no PyTorch with CUDA here: no cuBLAS reference)" | tee -a "$figures"
fi
set -e
echo "figures: $figures"
exit $status
