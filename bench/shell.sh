#!/usr/bin/env bash
# Warm latency of `coda shell`: 20 queries, each run 2 times to warm up and then 10
# times in one session (`:time on`, output to /dev/null); prints each query's median and
# the median and p95 of those medians. Goal: median under 1 ms, p95 under 3 ms.
# Usage: bench/shell.sh PROJECT [CODA] [FORMAT]
#   PROJECT  a project folder, e.g. made with
#            CODA_PROJECT=/tmp/shell-p200 coda ingest bench/work/corpus-200mb-seed1 \
#              --participants bench/work/corpus-200mb-seed1/participants.csv
#   CODA     the binary (default target/release/coda); FORMAT: table (default), csv...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
project="${1:?usage: bench/shell.sh PROJECT [CODA] [FORMAT]}"
coda="${2:-$here/../target/release/coda}"
format="${3:-table}"
queries=(
  'bus' 'ferry' '"public transport"' 'worker*' 'paperwork AND worker'
  'stigma* OR ashamed' '"postcode lottery"' 'sheriff' 'evening OR weekend'
  'appointment NOT bus' 'childcare' 'risk*' 'journey' '"everybody knows"'
  'neighbours' 'managers' 'saturday' 'audit' 'miles' 'landlord'
)
script="$(mktemp)"
timings="$(mktemp)"
trap 'rm -f "$script" "$timings"' EXIT
{
  echo ":format $format"
  for q in "${queries[@]}"; do
    echo ':time off'
    echo "$q"
    echo "$q"
    echo ':time on'
    for _ in 1 2 3 4 5 6 7 8 9 10; do echo "$q"; done
  done
} > "$script"
CODA_PROJECT="$project" "$coda" shell < "$script" > /dev/null 2> "$timings"
python3 - "$timings" "${queries[@]}" <<'PY'
import statistics, sys
lines = [l for l in open(sys.argv[1]) if " in " in l and l.rstrip().endswith(" ms")]
queries = sys.argv[2:]
assert len(lines) == 10 * len(queries), f"{len(lines)} timings; stderr: {open(sys.argv[1]).read()[:2000]}"
medians = []
for i, q in enumerate(queries):
    runs = [float(l.split(" in ")[1].split()[0]) for l in lines[10 * i:10 * i + 10]]
    hits = lines[10 * i].split()[0]
    m = statistics.median(runs)
    medians.append(m)
    print(f"{q:24} {hits:>6} hits  median {m:7.3f} ms  min {min(runs):7.3f}  max {max(runs):7.3f}")
s = sorted(medians)
p95 = s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]
print(f"over the {len(s)} per-query medians: median {statistics.median(s):.3f} ms, p95 {p95:.3f} ms")
PY
