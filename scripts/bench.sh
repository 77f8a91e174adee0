#!/usr/bin/env bash
# Runs gpuc's benchmark suite and writes a report: bench/report/report.md, with cache.svg,
# scaling.svg and the raw results (jmh.json, cli.json, equivalence.json) next to it.
# Sized for 2 cores in under 15 minutes; see bench/README.md.
#
# usage: scripts/bench.sh [--no-build] [--out DIR] [BENCHMARK-REGEX [JMH-OPTION...]]
#   --no-build   use bench/target/benchmarks.jar as it is
#   --out DIR    where the report goes (default: bench/report for the whole suite, where the
#                recorded run lives; bench/target/bench-report for a selection)
#   BENCHMARK-REGEX and JMH options are passed to JMH (default: every benchmark, each with the
#   forks, warm-up and measurement its class declares); the command-line benchmark and the
#   overhead output check run only with the whole suite.
# environment:
#   GPUC_BENCH_MAVEN  Maven's module selection for the build (default: "-pl bench -am", which
#                     builds what the benchmarks need from this checkout; "-o -pl bench" takes
#                     the other modules from ~/.m2)
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out=""
build=1
while (( $# > 0 )); do
    case "$1" in
        --no-build) build=0; shift ;;
        --out) out="$2"; shift 2 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) break ;;
    esac
done
selection="${1:-.*}"
(( $# > 0 )) && shift
whole_suite=0
[[ "$selection" == ".*" ]] && whole_suite=1
if [[ -z "$out" ]]; then
    if (( whole_suite )); then out="$root/bench/report"; else out="$root/bench/target/bench-report"; fi
fi
jar="$root/bench/target/benchmarks.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if (( build )); then
    echo "== building benchmarks.jar"
    # shellcheck disable=SC2086 # GPUC_BENCH_MAVEN is a list of Maven arguments
    (cd "$root" && mvn -B -q ${GPUC_BENCH_MAVEN:--pl bench -am} package -DskipTests)
fi
[[ -f "$jar" ]] || { echo "no $jar: run without --no-build" >&2; exit 1; }

mkdir -p "$out"
rm -f "$out"/{report.md,cache.svg,scaling.svg,jmh.json,jmh.log,cli.json,equivalence.json}
start=$SECONDS

if (( whole_suite )); then
    echo "== toolkit overhead: do gpuc and bare LLVM emit the same bytes?"
    "$java" -Xss16m -cp "$jar" dev.gpuc.bench.OverheadEquivalence "$out/equivalence.json"
fi

echo "== JMH: $selection $*"
# -foe false: a benchmark that fails is reported as not measured; the others still run.
"$java" -jar "$jar" "$selection" -foe false -rf json -rff "$out/jmh.json" "$@" | tee "$out/jmh.log"

if (( whole_suite )); then
    echo "== command line: gpuc compile vs a loop of llc"
    "$java" -cp "$jar" dev.gpuc.bench.CommandLineBenchmark "$out/cli.json"
fi

settings="each class's own (1 fork; see bench/README.md)"
(( $# > 0 )) && settings="$settings, overridden by: $*"
"$java" -cp "$jar" dev.gpuc.bench.report.ReportMain "$out" "$settings"
echo "== done in $(( (SECONDS - start) / 60 )) min $(( (SECONDS - start) % 60 )) s: $out/report.md"
