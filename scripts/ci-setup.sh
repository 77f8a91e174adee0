#!/usr/bin/env bash
# Installs the external tools gpuc's tests validate against or run: spirv-val (SPIR-V
# validation) and redis-server (the remote cache tier's tests). Idempotent; quiet when all
# is present. ptxas comes with the CUDA toolkit, which apt cannot provide; without it the
# PTX checks skip with a reason.
set -euo pipefail
need=()
command -v spirv-val >/dev/null 2>&1 || need+=(spirv-tools)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v openssl >/dev/null 2>&1 || need+=(openssl)   # TLS tests of the Redis tier
if ((${#need[@]})); then
  echo "ci-setup: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
# A redis-server package starts a system instance; the tests start their own on a free port.
if command -v systemctl >/dev/null 2>&1; then systemctl stop redis-server >/dev/null 2>&1 || true; fi
if command -v ptxas >/dev/null 2>&1; then
  echo "ci-setup: $(ptxas --version | tail -1)" >&2
else
  echo "ci-setup: no ptxas on PATH; backend-ptx looks in \$CUDA_HOME/bin and /usr/local/cuda*/bin, else its ptxas checks skip" >&2
fi
