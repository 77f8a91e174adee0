#!/usr/bin/env bash
# Robustness campaign for isolated compilation (issue 9): every corpus crasher and malformed
# file, llvm-stress modules over a seed range through every backend, and mutated bitcode, all
# compiled in worker processes. Prints per family and in total: inputs, valid artifacts, typed
# errors by kind, contained crashes by cause, and anything untyped (exit status 1 if any).
#
#   scripts/robustness.sh [--seeds FROM:TO] [--size N] [--mutations N] [--backends cpu,ptx,amdgpu,spirv]
#                         [--workers N] [--timeout SECONDS]
#
# Defaults: seeds 0:200, size 100, 500 mutations, all four backends, one worker per core.
# Needs the gpuc modules installed in ~/.m2 (mvn install) and runs offline.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl isolation test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/campaign.classpath -Dmdep.includeScope=test
cp="isolation/target/test-classes:isolation/target/classes:$(cat isolation/target/campaign.classpath)"
exec java -Xss16m -Dgpuc.corpus="$PWD/corpus" -cp "$cp" dev.gpuc.isolation.RobustnessCampaign "$@"
