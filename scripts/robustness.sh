#!/usr/bin/env bash
# Robustness campaign for isolated compilation (issue 9): every corpus crasher and malformed
# file, llvm-stress modules over a seed range through every backend, and mutated bitcode, all
# compiled in worker processes. Prints per family and in total: inputs, valid artifacts, typed
# errors by kind, contained crashes by cause, and anything untyped (exit status 1 if any).
#
#   scripts/robustness.sh [--seeds FROM:TO] [--size N] [--mutations N] [--backends cpu,ptx,amdgpu,spirv]
#                         [--workers N] [--timeout SECONDS]
#   scripts/robustness.sh cost      # what isolation costs: worker start, per-job overhead, worker memory
#
# Defaults: seeds 0:200, size 100, 500 mutations, all four backends, one worker per core.
# Needs the gpuc modules installed in ~/.m2 (mvn install) and runs offline.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl isolation test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/campaign.classpath -Dmdep.includeScope=test
# A private copy of the gpuc jars (and of this module's classes): a minutes-long campaign must not
# see them change when a module is reinstalled meanwhile (workers start throughout the run).
snapshot=$(mktemp -d)
trap 'rm -rf "$snapshot"' EXIT
cp=""
for entry in isolation/target/test-classes isolation/target/classes $(tr ':' ' ' < isolation/target/campaign.classpath); do
    case "$entry" in
        */dev/gpuc/*.jar) cp -p "$entry" "$snapshot/" && entry="$snapshot/$(basename "$entry")" ;;
        isolation/target/*) mkdir -p "$snapshot/$entry" && cp -r "$entry/." "$snapshot/$entry/" && entry="$snapshot/$entry" ;;
    esac
    cp="${cp:+$cp:}$entry"
done
main=dev.gpuc.isolation.RobustnessCampaign
if [[ "${1:-}" == cost ]]; then
    main=dev.gpuc.isolation.IsolationCost
    shift
fi
java -Xss16m -Dgpuc.corpus="$PWD/corpus" -cp "$cp" "$main" "$@"
