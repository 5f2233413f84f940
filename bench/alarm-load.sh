#!/usr/bin/env bash
# Alarm networking under load (docs/benchmarks.md, "Alarm networking"). Starts the platform (Release) on SQLite and on a
# throwaway PostgreSQL 15 (fsync on: durability is part of what is measured), seeds SYSTEMS systems with a key each,
# and measures: intake throughput against the no-op endpoint at the same concurrency; intake-to-console latency over
# SSE at 500 alarms/s; SYSTEMS systems sending a heartbeat every 60 s.
#   bench/alarm-load.sh [sqlite|postgres|both]
# Environment: SYSTEMS (100000), CONCURRENCY (64), DURATION (20), RATE (500), LATENCY_SECONDS (30), HB_SECONDS (200), NO_BUILD,
# PARTS ("throughput latency heartbeats": which measurements to run).
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-both}
SYSTEMS=${SYSTEMS:-100000}; CONCURRENCY=${CONCURRENCY:-64}; DURATION=${DURATION:-20}; RATE=${RATE:-500}
LATENCY_SECONDS=${LATENCY_SECONDS:-30}; HB_SECONDS=${HB_SECONDS:-200}; PARTS=${PARTS:-"throughput latency heartbeats"}
part() { case " $PARTS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ -z "${NO_BUILD:-}" ]; then
  dotnet build src/Jifang -c Release -nologo -v quiet
  dotnet build bench/Jifang.AlarmLoad -c Release -nologo -v quiet
fi
jifang="dotnet src/Jifang/bin/Release/net10.0/jifang.dll"
load="dotnet bench/Jifang.AlarmLoad/bin/Release/net10.0/Jifang.AlarmLoad.dll"
out=bench/out/alarm-load
mkdir -p "$out"
server_pid=""; pg_dir=""
pg_bin=${JIFANG_PG_BIN:-/usr/lib/postgresql/15/bin}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  if [ -n "$pg_dir" ]; then as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; fi
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

run() {
  local provider=$1 connection=$2
  local dir="$out/$provider"; rm -rf "$dir"; mkdir -p "$dir"
  local db=(--Database:Provider="$provider" --Database:ConnectionString="$connection")
  echo "== $provider: seeding $SYSTEMS systems with keys"
  local unit; unit=$($load seed --provider "$provider" --connection "$connection" --systems "$SYSTEMS" --keys "$dir/keys.txt" | tail -n 1)
  echo 'Bench-Operator-2026' | $jifang admin create-user --user bench.operator --role unit-operator --unit "$unit" "${db[@]}" >/dev/null
  echo 'Bench-Admin-2026' | $jifang admin create-user --user bench.admin --role platform-admin "${db[@]}" >/dev/null
  local port; port=$(free_port); local url="http://127.0.0.1:$port"
  $jifang serve --urls "$url" "${db[@]}" --Demo:Seed=false --Alarms:NoopEndpoint=true \
    --Alarms:RatePerSecond=1000000 --Alarms:RateBurst=1000000 --Logging:LogLevel:Default=Warning >"$dir/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do curl -sf "$url/healthz" >/dev/null && break; sleep 0.2; done
  if part throughput; then
    echo "== $provider: warm-up (10 s of each, not counted)"
    for endpoint in noop alarms; do
      $load throughput --url "$url" --keys "$dir/keys.txt" --endpoint $endpoint --concurrency "$CONCURRENCY" --seconds 10 >/dev/null
    done
    echo "== $provider: throughput, $CONCURRENCY concurrent senders, $DURATION s each (no-op, intake, no-op, intake)"
    for endpoint in noop alarms noop alarms; do
      $load throughput --url "$url" --keys "$dir/keys.txt" --endpoint $endpoint --concurrency "$CONCURRENCY" --seconds "$DURATION" | tee -a "$dir/throughput.txt"
    done
    python3 - "$dir/throughput.txt" <<'PY'
import re, sys
rates = {"noop": [], "alarms": []}
for line in open(sys.argv[1]):
    m = re.search(r"endpoint=(\w+) .* rate=(\d+)", line)
    if m: rates[m.group(1)].append(int(m.group(2)))
noop = sum(rates["noop"]) / len(rates["noop"]); alarms = sum(rates["alarms"]) / len(rates["alarms"])
print(f"ratio intake/no-op = {alarms:.0f} / {noop:.0f} = {alarms / noop:.2f}")
PY
  fi
  if part latency; then
    echo "== $provider: intake to the operator's console (SSE) at $RATE alarms/s for $LATENCY_SECONDS s"
    $load latency --url "$url" --keys "$dir/keys.txt" --rate "$RATE" --seconds "$LATENCY_SECONDS" --user bench.operator --password Bench-Operator-2026 | tee "$dir/latency.txt"
  fi
  if part heartbeats; then
    echo "== $provider: $SYSTEMS systems, a heartbeat every 60 s, for $HB_SECONDS s"
    $load heartbeats --url "$url" --keys "$dir/keys.txt" --systems "$SYSTEMS" --interval 60 --seconds "$HB_SECONDS" | tee "$dir/heartbeats.txt"
    local token; token=$(curl -s "$url/api/auth/token" -H 'content-type: application/json' -d '{"userName":"bench.admin","password":"Bench-Admin-2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
    sleep 6 # one flush and one tick of the watch
    for state in "" online offline; do
      printf 'watched systems%s: ' "${state:+ ($state)}"
      curl -s "$url/api/system-watch?pageSize=1&state=$state" -H "Authorization: Bearer $token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'
    done | tee -a "$dir/heartbeats.txt"
  fi
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

if [ "$which" = sqlite ] || [ "$which" = both ]; then
  run sqlite "Data Source=$out/sqlite/jifang.db"
fi
if [ "$which" = postgres ] || [ "$which" = both ]; then
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/jifang-bench-pg.XXXXXX")
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$pg_dir" && chmod 700 "$pg_dir"
  port=$(free_port)
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$pg_dir/initdb.log" 2>&1
  # Defaults kept (fsync, synchronous_commit on): a 202 must mean the alarm is on disk.
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c max_connections=200" start >/dev/null
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (fsync on)"
  run postgres "Host=127.0.0.1;Port=$port;Username=postgres;Database=jifang_bench;Maximum Pool Size=100"
fi
