#!/usr/bin/env bash
# SPIR-V smoke test: compile tiny OpenCL C kernels to SPIR-V with clang-14 +
# llvm-spirv-14, build vadd.c against libOpenCL and run it on whatever ICD
# OCL_ICD_VENDORS selects (e.g. after `eval "$(scripts/pocl/install.sh)"`).
#
# Prints device / il_version / max_global_variable_size / vadd / globals lines.
# Exit status: non-zero if vadd fails (globals is informational unless
# GLOBALS_STRICT=1). Set SMOKE_KEEP=1 to keep the temp dir with the .spv files.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=$(mktemp -d /tmp/gpuc-pocl-smoke.XXXXXX)
if [[ ${SMOKE_KEEP:-0} == 1 ]]; then
  echo "smoke files kept in $out" >&2
else
  trap 'rm -rf "$out"' EXIT
fi

cat >"$out/vadd.cl" <<'EOF'
kernel void vadd(global const float *a, global const float *b,
                 global float *c, int n) {
  int i = get_global_id(0);
  if (i < n) c[i] = a[i] + b[i];
}
EOF

cat >"$out/globals.cl" <<'EOF'
global long g = 0;
kernel void gset(long v) { g = v; }
kernel void gget(global long *out) { out[0] = g + 1; }
EOF

# PoCL 3.1 reports "IL version: SPIR-V_1.2"; without --spirv-max-version,
# llvm-spirv-14 emits SPIR-V 1.4 for modules with program-scope variables.
for k in vadd globals; do
  clang-14 -cl-std=CL2.0 -target spir64 -O1 -emit-llvm -c "$out/$k.cl" -o "$out/$k.bc"
  llvm-spirv-14 --spirv-max-version=1.2 "$out/$k.bc" -o "$out/$k.spv"
  if command -v spirv-val >/dev/null; then
    spirv-val --target-env opencl2.2 "$out/$k.spv" # OpenCL 2.2 env = SPIR-V 1.2
  fi
done

gcc -O1 -Wall -o "$out/vadd" "$here/vadd.c" -lOpenCL
"$out/vadd" "$out/vadd.spv" "$out/globals.spv"
