#!/usr/bin/env bash
# The import benchmark (docs/benchmarks.md §6): a generated file of N sites (default 100,000, the default Import:MaxRows)
# as CSV and as .xlsx, imported into a fresh database by the platform's Importer, dry run and commit, on SQLite and on
# PostgreSQL; one import per process, each printing rows/s, wall and CPU time, peak working set and largest managed heap.
# First, the hostile workbook of issue 9 (a cell at XFD in rows 2 and 20): the median time of 21 refusals in one process.
# Usage: bench/import-bench.sh [N]. Environment: PROVIDERS (default "sqlite postgres"), FORMATS (default "csv xlsx"),
# JIFANG_BENCH_POSTGRES (else JIFANG_TEST_POSTGRES): a connection string to the postgres database of a server where the
# driver may create (and then drops) a database; NO_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
out=bench/out/import
mkdir -p "$out"
if [ -z "${NO_BUILD:-}" ]; then
  dotnet build bench/Jifang.ImportBench -c Release -nologo -v quiet
fi
bench="dotnet bench/Jifang.ImportBench/bin/Release/net10.0/Jifang.ImportBench.dll"
server=${JIFANG_BENCH_POSTGRES:-${JIFANG_TEST_POSTGRES:-}}

echo "== machine"; nproc; lscpu | head -n 15; uptime
for format in ${FORMATS:-csv xlsx}; do
  $bench generate --rows "$n" --format "$format" --out "$out/sites-$n.$format"
  ls -l "$out/sites-$n.$format"
done
$bench generate --rows 0 --format xfd --out "$out/xfd.xlsx"
for provider in ${PROVIDERS:-sqlite postgres}; do
  rm -rf "$out/run"
  $bench import --file "$out/xfd.xlsx" --provider "$provider" --server "$server" --folder "$out/run" --dry-run --repeat 21
done
echo "provider | file | mode    |   sites | findings |   rows/s |  wall s |   cpu s | peak WS MiB | peak heap MiB"
for provider in ${PROVIDERS:-sqlite postgres}; do
  for format in ${FORMATS:-csv xlsx}; do
    for mode in --dry-run ""; do
      rm -rf "$out/run"
      $bench import --file "$out/sites-$n.$format" --provider "$provider" --server "$server" --folder "$out/run" $mode
      echo "   (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
    done
  done
done
uptime
