#!/usr/bin/env bash
# Provide an OpenCL CPU runtime (PoCL 3.1) that accepts SPIR-V IL
# (clCreateProgramWithIL) on Debian 12.
#
# Debian 12's pocl-opencl-icd is built without SPIR-V support, so we build
# PoCL from Debian's own pocl-source package with llvm-spirv-14 enabled.
# The build is cached outside the clone (default /opt/gpuc-pocl) and runs
# once per machine; later runs only check packages and print the env lines.
#
# Usage:   eval "$(scripts/pocl/install.sh)"
# Stdout:  exactly the `export VAR=...` lines; everything else goes to stderr.
#
# Env:
#   GPUC_POCL_PREFIX     install prefix           (default /opt/gpuc-pocl)
#   GPUC_POCL_CACHE_DIR  PoCL kernel cache dir    (default /var/tmp/gpuc-pocl-kcache)
#   GPUC_POCL_CPU        LLVM CPU name the kernel library / kernels target
#                        (default x86-64: portable across all x86-64 machines)
#   GPUC_POCL_JOBS       ninja parallelism        (default: nproc)
#   GPUC_POCL_SKIP_APT=1 never call apt-get (fail if a package is missing)
set -euo pipefail

log() { printf '[pocl-install] %s\n' "$*" >&2; }
die() { printf '[pocl-install] ERROR: %s\n' "$*" >&2; exit 1; }

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
prefix=${GPUC_POCL_PREFIX:-/opt/gpuc-pocl}
prefix=${prefix%/}
[[ $prefix == /* ]] || die "GPUC_POCL_PREFIX must be an absolute path (got '$prefix')"
cache_dir=${GPUC_POCL_CACHE_DIR:-/var/tmp/gpuc-pocl-kcache}
cpu=${GPUC_POCL_CPU:-x86-64}
jobs=${GPUC_POCL_JOBS:-$(nproc 2>/dev/null || echo 2)}
vendors="$prefix/etc/OpenCL/vendors"

# Build + runtime + smoke-test dependencies. llvm-spirv-14, ld (binutils) and
# the LLVM/Clang 14 shared libraries are also needed at *run* time: PoCL
# shells out to llvm-spirv to translate SPIR-V and to ld to link kernels.
packages=(
  pocl-source llvm-spirv-14 llvm-14-dev libclang-14-dev clang-14
  libclang-cpp14-dev libhwloc-dev ocl-icd-dev ocl-icd-opencl-dev
  ocl-icd-libopencl1 pkg-config cmake ninja-build clinfo spirv-tools
  gcc g++ libc6-dev binutils python3 patch xz-utils findutils
)

ensure_packages() {
  local missing=() p
  for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  ((${#missing[@]} == 0)) && return 0
  [[ ${GPUC_POCL_SKIP_APT:-0} == 1 ]] && die "missing packages (GPUC_POCL_SKIP_APT=1): ${missing[*]}"
  [[ $(id -u) == 0 ]] || die "missing packages and not root: ${missing[*]}"
  log "installing packages: ${missing[*]}"
  local apt_log
  apt_log=$(mktemp /tmp/gpuc-pocl-apt.XXXXXX.log)
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q &&
         DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } \
         >"$apt_log" 2>&1; then
    tail -n 40 "$apt_log" >&2
    die "apt-get failed (full log: $apt_log)"
  fi
  rm -f "$apt_log"
}

# Check that the ICD in $1 exposes a device with a SPIR-V IL version.
check_il() {
  local vdir=$1 out
  if ! out=$(OCL_ICD_VENDORS="$vdir" POCL_CACHE_DIR="$cache_dir" clinfo 2>&1); then
    printf '%s\n' "$out" | tail -n 30 >&2
    die "clinfo failed with OCL_ICD_VENDORS=$vdir"
  fi
  if ! printf '%s\n' "$out" | grep -E 'IL version' | grep -q 'SPIR-V'; then
    printf '%s\n' "$out" | grep -E 'Platform Name|Device Name|Device Version|IL version|Number of devices' >&2 || true
    die "PoCL at $vdir reports no 'IL version ... SPIR-V' in clinfo: SPIR-V support is missing"
  fi
}

emit_env() {
  mkdir -p "$cache_dir" 2>/dev/null || true
  printf 'export OCL_ICD_VENDORS=%q\n' "$vendors"
  printf 'export POCL_CACHE_DIR=%q\n' "$cache_dir"
}

ensure_packages

# Fast path: already built on this machine.
if [[ -f $prefix/.complete ]]; then
  log "using cached PoCL at $prefix"
  emit_env
  exit 0
fi

# Serialize concurrent installers (e.g. parallel test jobs).
mkdir -p "$(dirname "$prefix")"
exec 9>"$prefix.lock"
flock 9
if [[ -f $prefix/.complete ]]; then
  log "using cached PoCL at $prefix (built by a concurrent run)"
  emit_env
  exit 0
fi

# A leftover $prefix without .complete (interrupted publish) is replaced at
# the end; refuse to clobber a non-empty directory that is not ours.
if [[ -d $prefix ]] && [[ -n $(ls -A "$prefix") ]] &&
   [[ ! -e $prefix/etc/OpenCL/vendors/gpuc-pocl.icd ]]; then
  die "$prefix exists, is not empty and was not created by this script; remove it or set GPUC_POCL_PREFIX"
fi

start=$(date +%s)
work=$(mktemp -d /tmp/gpuc-pocl-build.XXXXXX)
build_log="$work/build.log"
keep_log=/tmp/gpuc-pocl-build.log
cleanup() {
  local rc=$?
  if ((rc != 0)) && [[ -f $build_log ]]; then
    cp -f "$build_log" "$keep_log" 2>/dev/null || true
    log "build log kept at $keep_log"
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT

run_logged() { # run_logged <what> cmd...
  local what=$1; shift
  log "$what ..."
  if ! "$@" >>"$build_log" 2>&1; then
    tail -n 60 "$build_log" >&2
    die "$what failed"
  fi
}

log "building PoCL with SPIR-V support into $prefix (takes a few minutes; log: $build_log)"
tar -C "$work" -xf /usr/src/pocl.tar.xz
src="$work/pocl"
[[ -f $src/CMakeLists.txt ]] || die "unexpected layout of /usr/src/pocl.tar.xz"

# CMAKE_INSTALL_PREFIX is the final prefix; we install via DESTDIR into a
# staging dir and move it to $prefix.tmp. libpocl is relocatable
# (ENABLE_RELOCATION, finds its data relative to itself), so it can be smoke
# tested in $prefix.tmp and then renamed. -fPIC is needed or the final
# libpocl link fails. LLC_HOST_CPU pins the kernel library and kernel codegen
# to a generic CPU so the cached prefix works on any x86-64 machine.
run_logged "cmake configure" cmake -S "$src" -B "$work/build" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_INSTALL_PREFIX="$prefix" \
  -DCMAKE_INSTALL_LIBDIR=lib \
  -DPOCL_INSTALL_ICD_VENDORDIR="$prefix/etc/OpenCL/vendors" \
  -DWITH_LLVM_CONFIG=/usr/bin/llvm-config-14 \
  -DLLVM_SPIRV=/usr/bin/llvm-spirv-14 \
  -DENABLE_ICD=ON \
  -DENABLE_TESTS=OFF \
  -DENABLE_EXAMPLES=OFF \
  -DENABLE_POCL_BUILDING=OFF \
  -DLLC_HOST_CPU="$cpu" \
  -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
  -DCMAKE_C_FLAGS=-fPIC \
  -DCMAKE_CXX_FLAGS=-fPIC
grep -q 'ENABLE_SPIRV: ON' "$build_log" || {
  grep -E 'ENABLE_SPIR|LLVM_SPIRV' "$build_log" >&2 || true
  die "PoCL configure did not enable SPIR-V (is /usr/bin/llvm-spirv-14 present?)"
}
run_logged "ninja build (-j$jobs)" ninja -C "$work/build" -j "$jobs"
run_logged "ninja install" env DESTDIR="$work/stage" ninja -C "$work/build" install

rm -rf "$prefix.tmp"
mv "$work/stage$prefix" "$prefix.tmp"
lib_rel=$(cd "$prefix.tmp" && find . -name 'libpocl.so.2' \( -type f -o -type l \) | head -n 1)
[[ -n $lib_rel ]] || die "libpocl.so.2 not found in installed tree"
lib_rel=${lib_rel#./}

# Verify in the staging location (ICD file pointing at the .tmp copy).
tmp_vendors="$prefix.tmp/etc/OpenCL/vendors"
rm -rf "$tmp_vendors" && mkdir -p "$tmp_vendors"
printf '%s\n' "$prefix.tmp/$lib_rel" >"$tmp_vendors/gpuc-pocl.icd"
check_il "$tmp_vendors"
log "clinfo reports SPIR-V IL support"
if [[ -x $script_dir/smoke/smoke.sh ]]; then
  log "running SPIR-V smoke test"
  if ! OCL_ICD_VENDORS="$tmp_vendors" POCL_CACHE_DIR="$work/kcache" \
       "$script_dir/smoke/smoke.sh" >>"$build_log" 2>&1; then
    tail -n 40 "$build_log" >&2
    die "SPIR-V smoke test failed"
  fi
  grep -E '^(device|il_version|max_global_variable_size|vadd|globals):' "$build_log" | sed 's/^/[pocl-install]   /' >&2 || true
fi

# Point the ICD file at the final location, then publish atomically-ish:
# the prefix only counts as installed once .complete exists.
printf '%s\n' "$prefix/$lib_rel" >"$tmp_vendors/gpuc-pocl.icd"
rm -rf "$prefix"
mv "$prefix.tmp" "$prefix"
check_il "$vendors"
printf 'PoCL 3.1 (Debian pocl-source) with SPIR-V, LLC_HOST_CPU=%s, built %s\n' \
  "$cpu" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$prefix/.complete"
log "PoCL installed in $prefix ($(($(date +%s) - start))s)"
emit_env
