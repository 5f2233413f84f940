#!/usr/bin/env bash
# jifang check against jq on one generated facts file (docs/benchmarks.md):
#   - median wall time of `jifang check FILE --format json > /dev/null` and of `jq -c . FILE > /dev/null`
#     over several runs each, and the ratio check/jq (target <= 1.0);
#   - peak RSS of the check (/usr/bin/time -v "Maximum resident set size"; target < 300 MiB).
#
# usage: bench/check-vs-jq.sh [N]          N sites, default 100000
# environment: RUNS (timed runs of each, default 5), REGULATION (nmg-2007 | province-2012,
#   default nmg-2007), SEED (default 42), NO_BUILD=1 to use the binaries already built,
#   NO_HYPERFINE=1 to time the loop even where hyperfine is installed.
# Installs what it lacks (hyperfine, time, jq: Debian packages) when it runs as root; without
# hyperfine it times a loop with date +%s%N. Exit status 1 when a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

N=${1:-100000}
RUNS=${RUNS:-5}
REGULATION=${REGULATION:-nmg-2007}
SEED=${SEED:-42}
OUT=bench/out
FILE=$OUT/facts-$N-$REGULATION-$SEED.json
JIFANG=src/Jifang/bin/Release/net10.0/jifang.dll
BENCH=bench/Jifang.Bench/bin/Release/net10.0/Jifang.Bench.dll
mkdir -p "$OUT"

have() { command -v "$1" >/dev/null 2>&1; }
missing=()
have jq || missing+=(jq)
[ -x /usr/bin/time ] || missing+=(time)
have hyperfine || missing+=(hyperfine)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && have apt-get; then
  echo "== installing ${missing[*]}"
  apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null || echo "(install failed; going on without what is missing)"
fi
have jq || { echo "jq is required (Debian package jq)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is required (Debian package time)" >&2; exit 2; }

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc)"
free -h | sed -n '1,2p'
echo "dotnet $(dotnet --version), $(jq --version)$(have hyperfine && echo ", $(hyperfine --version)")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "${NO_BUILD:-}" != 1 ]; then
  echo "== build (Release)"
  dotnet build src/Jifang/Jifang.csproj -c Release -nologo -v quiet >/dev/null
  dotnet build bench/Jifang.Bench/Jifang.Bench.csproj -c Release -nologo -v quiet >/dev/null
fi

echo "== generate"
dotnet "$BENCH" generate --sites "$N" --regulation "$REGULATION" --seed "$SEED" --out "$FILE"
size=$(stat -c %s "$FILE")

# The check exits 1 when it has findings (it has: the file holds deliberate violations).
check_cmd="dotnet $JIFANG check $FILE --format json > /dev/null || [ \$? -eq 1 ]"
jq_cmd="jq -c . $FILE > /dev/null"

echo "== wall time: $RUNS runs each after one warm-up"
if have hyperfine && [ "${NO_HYPERFINE:-}" != 1 ]; then
  hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/check-vs-jq.json" \
    -n check "$check_cmd" -n jq "$jq_cmd"
  check_s=$(jq -r '.results[] | select(.command == "check") | .median' "$OUT/check-vs-jq.json")
  jq_s=$(jq -r '.results[] | select(.command == "jq") | .median' "$OUT/check-vs-jq.json")
else
  echo "(without hyperfine: timing a loop with date +%s%N, the two commands interleaved)"
  median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  sh -c "$check_cmd"; sh -c "$jq_cmd"   # warm-up
  : > "$OUT/check.times"; : > "$OUT/jq.times"
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s%N); sh -c "$check_cmd"; t1=$(date +%s%N); sh -c "$jq_cmd"; t2=$(date +%s%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }' >> "$OUT/check.times"
    awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }' >> "$OUT/jq.times"
  done
  echo "check runs (s): $(tr '\n' ' ' < "$OUT/check.times")"
  echo "jq runs (s):    $(tr '\n' ' ' < "$OUT/jq.times")"
  check_s=$(median < "$OUT/check.times")
  jq_s=$(median < "$OUT/jq.times")
fi

echo "== peak RSS: 3 runs of each under /usr/bin/time -v"
rss() { /usr/bin/time -v -o "$OUT/time.txt" sh -c "$1" && awk -F': ' '/Maximum resident set size/ { print $2 }' "$OUT/time.txt"; }
check_rss=0; jq_rss=0
for _ in 1 2 3; do
  r=$(rss "$check_cmd"); echo "check: $r kB"
  if [ "$r" -gt "$check_rss" ]; then check_rss=$r; fi
done
r=$(rss "$jq_cmd"); echo "jq: $r kB"; jq_rss=$r

echo "== findings"
set +e
dotnet "$JIFANG" check "$FILE" --format json > "$OUT/findings.json"
status=$?
set -e
jq -r --arg status "$status" '"exit status \($status); \(.findings | length) findings, \(.notJudged | length) not judged (by rule: \([.findings[].rule] | group_by(.) | map("\(.[0]) \(length)") | join(", ")))"' "$OUT/findings.json"

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$N" -v size="$size" -v c="$check_s" -v j="$jq_s" -v crss="$check_rss" -v jrss="$jq_rss" -v reg="$REGULATION" 'BEGIN {
  ratio = c / j; mib = crss / 1024
  printf "== result: %d sites (%s), %.1f MB\n", n, reg, size / 1e6
  printf "check median %.3f s (%.0f sites/s, %.1f MB/s)   jq median %.3f s (%.1f MB/s)\n", c, n / c, size / 1e6 / c, j, size / 1e6 / j
  printf "ratio check/jq %.3f (target <= 1.0: %s)\n", ratio, ratio <= 1.0 ? "met" : "MISSED"
  printf "check peak RSS %.1f MiB (target < 300 MiB: %s); jq peak RSS %.1f MiB\n", mib, mib < 300 ? "met" : "MISSED", jrss / 1024
  exit (ratio <= 1.0 && mib < 300) ? 0 : 1
}'
