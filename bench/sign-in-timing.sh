#!/usr/bin/env bash
# How long a failed sign-in takes for a known user name with a wrong password and for an unknown name (docs/benchmarks.md,
# "Sign-in timing"): they must not be told apart. Starts the platform (Release) on a throwaway SQLite database with one
# user, relaxes the sign-in limits so that only the answer's own work is measured, and times ROUNDS alternating attempts
# of each over loopback (after WARMUP of each, not counted).
#   bench/sign-in-timing.sh
# Environment: ROUNDS (50), WARMUP (5), NO_BUILD.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-50}; WARMUP=${WARMUP:-5}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
[ -z "${NO_BUILD:-}" ] && dotnet build src/Jifang -c Release -nologo -v quiet
jifang="dotnet src/Jifang/bin/Release/net10.0/jifang.dll"
dir=$(mktemp -d); server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
db=(--Database:Provider=sqlite "--Database:ConnectionString=Data Source=$dir/jifang.db" "--Audit:KeyFile=$dir/audit.key")
relaxed=(--Security:SignInAttemptsPerMinute=100000 --Security:AccountFailuresBeforeDelay=100000 --Security:AddressFailuresBeforeDelay=100000)
echo 'Timing-Known-2026' | $jifang admin create-user --user timing.known --role citizen "${db[@]}" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
$jifang serve --urls "http://127.0.0.1:$port" "${db[@]}" "${relaxed[@]}" --Demo:Seed=false --Logging:LogLevel:Default=Warning >"$dir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
python3 - "$port" "$ROUNDS" "$WARMUP" <<'PY'
import http.client, json, statistics, sys, time
port, rounds, warmup = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
conn = http.client.HTTPConnection("127.0.0.1", port)
def attempt(name):
    body = json.dumps({"userName": name, "password": "a-wrong-password-1"})
    start = time.perf_counter()
    conn.request("POST", "/api/auth/token", body, {"Content-Type": "application/json"})
    response = conn.getresponse(); response.read()
    return response.status, (time.perf_counter() - start) * 1000
times = {"known": [], "unknown": []}
for i in range(warmup + rounds):
    for kind in ("known", "unknown"):
        status, ms = attempt("timing.known" if kind == "known" else f"timing.unknown.{i}")
        assert status == 401, status
        if i >= warmup:
            times[kind].append(ms)
for kind, ms in times.items():
    ms.sort()
    print(f"{kind:8} n={len(ms)} min={ms[0]:.1f} p50={statistics.median(ms):.1f} p90={ms[int(len(ms)*0.9)-1]:.1f} max={ms[-1]:.1f} ms")
PY
