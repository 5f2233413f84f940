#!/usr/bin/env bash
# The one test command: builds everything in Release, runs every test project, then the
# contract's conformance examples against the built binary. Ends with one line:
#   N passed, M failed[, K skipped]
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results=.test-results
rm -rf "$results"
mkdir -p "$results"

echo "== build (Release)"
if ! dotnet build Jifang.slnx -c Release -nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# —— A throwaway PostgreSQL 15 for the PostgreSQL half of tests/Jifang.Tests ——
# The tests create a database of their own on it (JIFANG_TEST_POSTGRES names its postgres database)
# and drop it at the end; the cluster itself lives in a temporary folder and goes on exit. If it
# cannot start, JIFANG_TEST_POSTGRES is left unset and every PostgreSQL test FAILS (never skips),
# with the reason below in its message.
pg_bin=${JIFANG_PG_BIN:-/usr/lib/postgresql/15/bin}
pg_dir=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_postgres() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1
    rm -rf "$pg_dir"
  fi
}
trap stop_postgres EXIT
trap 'exit 130' INT TERM
start_postgres() {
  [ -x "$pg_bin/initdb" ] && [ -x "$pg_bin/pg_ctl" ] || { echo "no PostgreSQL 15 binaries in $pg_bin (.ci/run installs postgresql-15)"; return 1; }
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "initdb refuses to run as root and there is no postgres user"; return 1; }
    pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/jifang-pg.XXXXXX") && chown postgres:postgres "$pg_dir" && chmod 700 "$pg_dir" || return 1
  else
    pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/jifang-pg.XXXXXX") || return 1
  fi
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()') || return 1
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --no-locale --no-sync >"$pg_dir/initdb.log" 2>&1 \
    || { echo "initdb failed:"; tail -n 20 "$pg_dir/initdb.log"; return 1; }
  # Durability is not what is tested: no fsync makes the run faster.
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
    || { echo "pg_ctl start failed:"; tail -n 20 "$pg_dir/log"; return 1; }
  export JIFANG_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (cluster in $pg_dir)"
}

echo "== PostgreSQL 15 for the PostgreSQL tests"
unset JIFANG_TEST_POSTGRES JIFANG_TEST_POSTGRES_ERROR
if start_postgres >"$results/postgres.txt" 2>&1; then
  cat "$results/postgres.txt"
else
  cat "$results/postgres.txt"
  echo "PostgreSQL did not start: the PostgreSQL tests will fail"
  export JIFANG_TEST_POSTGRES_ERROR="$(cat "$results/postgres.txt")"
fi

echo "== test projects"
dotnet test Jifang.slnx -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
test_rc=$?

echo "== contract conformance (../shared/contract/examples, ../shared/contract/examples-national)"
conformance_out="$results/conformance.txt"
if [ -f ../shared/contract/conformance.py ]; then
  : > "$conformance_out"
  for cases in ../shared/contract/examples ../shared/contract/examples-national; do
    if [ -d "$cases" ]; then
      echo "-- $cases"
      python3 ../shared/contract/conformance.py "$cases" \
        dotnet src/Jifang/bin/Release/net10.0/jifang.dll | tee -a "$conformance_out"
    else
      echo "$cases not found" | tee -a "$conformance_out"
      echo "0 passed, 1 failed" >> "$conformance_out"
    fi
  done
else
  echo "../shared/contract/conformance.py not found" | tee "$conformance_out"
  echo "0 passed, 1 failed" >> "$conformance_out"
fi

python3 - "$results" "$conformance_out" "$test_rc" <<'PY'
import glob, re, sys, xml.etree.ElementTree as ET
results, conformance, test_rc = sys.argv[1], sys.argv[2], int(sys.argv[3])
passed = failed = skipped = 0
files = glob.glob(f"{results}/**/*.trx", recursive=True)
for trx in files:
    counters = ET.parse(trx).getroot().find(".//{*}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
if test_rc != 0 and failed == 0:
    failed += 1  # a test host that crashed or a project that reported no results
# One "N passed, M failed" line per folder of contract examples; every one counts.
tallies = [m for m in (re.match(r"^(\d+) passed, (\d+) failed$", line.strip()) for line in open(conformance)) if m]
for m in tallies:
    passed += int(m.group(1)); failed += int(m.group(2))
if not tallies:
    failed += 1
line = f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else "")
print(line)
sys.exit(1 if failed else 0)
PY
