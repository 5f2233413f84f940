#!/usr/bin/env bash
# The audit log's two benchmarks (docs/benchmarks.md §Audit log):
#  1. group-commit append throughput on SQLite with concurrent appenders (bench/Jifang.AuditBench);
#  2. `jifang audit verify` of an exported log of N entries against `sha256sum` of the same bytes (hyperfine).
# Usage: bench/audit-bench.sh [N]   (default 1,000,000). Environment: WRITERS (the sweep, default 16,64,256,1024),
# SWEEP_ENTRIES (default 50,000), BIG_WRITERS (default 2048), RUNS (hyperfine, default 5), NO_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
out=bench/out/audit
mkdir -p "$out"
if [ -z "${NO_BUILD:-}" ]; then
  dotnet build bench/Jifang.AuditBench -c Release -nologo -v quiet
  dotnet build src/Jifang -c Release -nologo -v quiet
fi
bench="dotnet bench/Jifang.AuditBench/bin/Release/net10.0/Jifang.AuditBench.dll"
jifang="dotnet src/Jifang/bin/Release/net10.0/jifang.dll"
db=(--Database:ConnectionString="Data Source=$out/jifang.db" --Audit:KeyFile="$out/audit-signing.key")

echo "== machine"; nproc; grep -m1 'model name' /proc/cpuinfo; uptime
echo "== 1. append throughput, ${SWEEP_ENTRIES:-50000} entries per run"
$bench append --entries 5000 --writers 1 --folder "$out/sweep"
$bench append --entries "${SWEEP_ENTRIES:-50000}" --writers "${WRITERS:-16,64,256,1024}" --folder "$out/sweep"
echo "== 1b. $n entries with ${BIG_WRITERS:-2048} appenders (kept for the verify benchmark)"
rm -f "$out"/jifang.db* "$out"/entries.jsonl "$out"/heads.json
$bench append --entries "$n" --writers "${BIG_WRITERS:-2048}" --folder "$out" --keep
uptime
echo "== 2. export and verify"
$jifang audit export "$out/entries.jsonl" "${db[@]}"
$jifang audit tree-heads "$out/heads.json" "${db[@]}"
ls -l "$out/entries.jsonl"
/usr/bin/time -f "audit verify (database): %e s wall, %U s user, %S s sys" $jifang audit verify --tree-heads "$out/heads.json" "${db[@]}" | tail -2
uptime
hyperfine --warmup 1 --runs "${RUNS:-5}" \
  -n "audit verify" "$jifang audit verify --entries $out/entries.jsonl --tree-heads $out/heads.json" \
  -n "sha256sum" "sha256sum $out/entries.jsonl"
uptime
