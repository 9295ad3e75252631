#!/usr/bin/env bash
# GPU machine script, in two halves.
#
#   benchmarks/gpu-run.sh bundle [OUT.tar.gz]   on the dev machine (JDK 25 + Maven): builds examples/target/rlcode.jar,
#                                               jlinks a JDK 25 runtime with only the modules rlcode needs, and packs
#                                               both with this script into one self-contained tarball.
#   ./gpu-run.sh run [FIGURES.txt]              on the GPU machine (no JDK, no Maven), inside the unpacked bundle:
#                                               lists the backends, then runs the CUDA and OpenCL parity suites,
#                                               writing everything to FIGURES.txt (default gpu-figures-<host>.txt).
# Exit code of `run`: 0 when every suite that could run passed.
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
{
  echo "# rlcode GPU run on $(hostname), $(date -u +%FT%TZ)"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv || echo "(no nvidia-smi)"
  echo; echo "## backends"; rl backends
} 2>&1 | tee "$figures"
for be in cuda opencl; do
  echo; echo "## parity --backend $be" | tee -a "$figures"
  set +e
  rl parity --backend "$be" 2>&1 | tee -a "$figures"
  rc=${PIPESTATUS[0]}
  set -e
  # 2 = backend unavailable here (its reason is printed); anything else non-zero is a failure
  if [[ $rc -ne 0 && $rc -ne 2 ]]; then status=1; fi
done
echo "figures: $figures"
exit $status
