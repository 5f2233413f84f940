#!/usr/bin/env bash
# The platform under load (docs/benchmarks.md, "Platform under load"), on a throwaway PostgreSQL 15:
#   starts PostgreSQL in a temporary folder on a free loopback port (as test.sh does), migrates and seeds N sites
#   (bench/Jifang.Load seed), starts `jifang serve` (Release) on it, runs the load driver once per think time and run,
#   times the edit and re-judgement of one site, prints the tables, and stops everything at exit.
#
# usage: bench/platform-load.sh [N]            N sites, default 100000
# environment: USERS (20), DURATION (60 s measured), WARMUP (10 s), THINK_MS ("0 1000": one series per value),
#   EDIT_EVERY_MS ("0 1000": one series per value; 0 = no edits, else one more user edits a site that often),
#   RUNS (3 runs of each), REJUDGE_TIMES (200), NO_BUILD=1 to use the binaries already built,
#   PG_CONF (extra "-c name=value" options for postgres). Results as JSON in bench/out/ (ignored by git).
# Exit status 1 when a request failed or the platform did not start.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

N=${1:-100000}
USERS=${USERS:-20}
DURATION=${DURATION:-60}
WARMUP=${WARMUP:-10}
THINK_MS=${THINK_MS:-"0 1000"}
EDIT_EVERY_MS=${EDIT_EVERY_MS:-"0 1000"}
RUNS=${RUNS:-3}
REJUDGE_TIMES=${REJUDGE_TIMES:-200}
OUT=bench/out
JIFANG=src/Jifang/bin/Release/net10.0/jifang.dll
LOAD=bench/Jifang.Load/bin/Release/net10.0/Jifang.Load.dll
pg_bin=${JIFANG_PG_BIN:-/usr/lib/postgresql/15/bin}
mkdir -p "$OUT"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_dir=""
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc), $(free -h | awk '/^Mem:/ {print $2}') memory"
echo "dotnet $(dotnet --version), $("$pg_bin/postgres" --version)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -z "${NO_BUILD:-}" ]; then
  echo "== build (Release)"
  dotnet build Jifang.slnx -c Release -nologo -v quiet >/dev/null
fi

echo "== PostgreSQL 15"
[ -x "$pg_bin/initdb" ] || { echo "no PostgreSQL 15 in $pg_bin (Debian package postgresql-15)" >&2; exit 2; }
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/jifang-load-pg.XXXXXX")
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$pg_dir"; fi
chmod 700 "$pg_dir"
pg_port=$(free_port)
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$pg_dir/initdb.log" 2>&1 \
  || { tail -n 20 "$pg_dir/initdb.log"; exit 1; }
# Defaults but for the listening address and a shared_buffers that holds the 100,000-site database (about 1 GB).
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c shared_buffers=1GB ${PG_CONF:-}" start >/dev/null \
  || { tail -n 20 "$pg_dir/log"; exit 1; }
conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=jifang_load;Maximum Pool Size=50"
echo "PostgreSQL on 127.0.0.1:$pg_port (cluster in $pg_dir, C locale)"

echo "== seed $N sites"
dotnet "$LOAD" seed --connection "$conn" --sites "$N"
as_pg "$pg_bin/psql" -h "$pg_dir" -p "$pg_port" -U postgres -d jifang_load -Atc \
  "select 'database size: ' || pg_size_pretty(pg_database_size('jifang_load'))"

echo "== start jifang serve (Release)"
web_port=$(free_port)
url="http://127.0.0.1:$web_port"
dotnet "$JIFANG" serve --urls "$url" --Database:Provider=postgres "--Database:ConnectionString=$conn" \
  --Database:AutoMigrate=false --Demo:Seed=false >"$OUT/load-server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  if curl -fsS "$url/healthz" >/dev/null 2>&1; then break; fi
  kill -0 "$server_pid" 2>/dev/null || { echo "the server stopped:"; tail -n 30 "$OUT/load-server.log"; exit 1; }
  sleep 0.5
done
curl -fsS "$url/healthz" >/dev/null || { echo "the server did not answer"; exit 1; }
echo "listening on $url"

status=0
postmaster=$(head -1 "$pg_dir/data/postmaster.pid")
for edits in $EDIT_EVERY_MS; do
  for think in $THINK_MS; do
    for run in $(seq 1 "$RUNS"); do
      echo "== run $run of $RUNS: $USERS users, think time $think ms, an edit every $edits ms (0: none)"
      dotnet "$LOAD" run --url "$url" --users "$USERS" --duration "$DURATION" --warmup "$WARMUP" --think-ms "$think" \
        --edit-every-ms "$edits" --seed "$run" --cpu-pids "$server_pid,$postmaster" \
        --json "$OUT/load-$N-think$think-edit$edits-run$run.json" || status=1
    done
  done
done

echo "== edit and re-judge one site ($REJUDGE_TIMES times)"
dotnet "$LOAD" rejudge --connection "$conn" --url "$url" --times "$REJUDGE_TIMES" || status=1
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== medians over $RUNS runs (ms; CPU ms per request of the server and PostgreSQL together)"
python3 - "$OUT" "$N" "$RUNS" "$EDIT_EVERY_MS" $THINK_MS <<'PY'
import json, statistics, sys
out, n, runs, edits, thinks = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(), sys.argv[5:]
print(f"{'think':>5} {'edit':>5} {'endpoint':<13} {'role':<16} {'count':>6} {'err':>4} {'p50':>7} {'p95':>7} {'p99':>7}   p95 of each run")
for edit in edits:
    for think in thinks:
        docs = []
        for r in range(1, runs + 1):
            try:
                docs.append(json.load(open(f"{out}/load-{n}-think{think}-edit{edit}-run{r}.json")))
            except FileNotFoundError:
                pass
        if not docs:
            continue
        rate = statistics.median(d["requests"] / d["durationSeconds"] for d in docs)
        cpu = statistics.median(d["serverCpuMsPerRequest"] for d in docs)
        print(f"-- think {think} ms, edit every {edit} ms (0: none): {rate:.1f} requests/s, {cpu:.1f} ms CPU per request (medians)")
        keys = [(row["Endpoint"], row["Role"]) for row in docs[0]["rows"] if row["Count"] > 0]
        for key in keys:
            rows = [next(x for x in d["rows"] if (x["Endpoint"], x["Role"]) == key) for d in docs]
            med = lambda f: statistics.median(r[f] for r in rows)
            print(f"{think:>5} {edit:>5} {key[0]:<13} {key[1]:<16} {int(med('Count')):>6} {sum(r['Errors'] for r in rows):>4} {med('p50'):>7.1f} {med('p95'):>7.1f} {med('p99'):>7.1f}   "
                  + " ".join(f"{r['p95']:.1f}" for r in rows))
PY
exit $status
