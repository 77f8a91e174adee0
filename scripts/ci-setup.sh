#!/usr/bin/env bash
# Installs the external tools gpuc's tests validate against. Idempotent; quiet when all is present.
set -euo pipefail
need=()
command -v spirv-val >/dev/null 2>&1 || need+=(spirv-tools)
if ((${#need[@]})); then
  echo "ci-setup: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
# ptxas ships with the CUDA toolkit; put it on PATH where the toolkit is installed but not linked.
if ! command -v ptxas >/dev/null 2>&1; then
  for d in /usr/local/cuda/bin /usr/local/cuda-*/bin; do
    [ -x "$d/ptxas" ] && { echo "ci-setup: ptxas found in $d" >&2; break; }
  done
fi
