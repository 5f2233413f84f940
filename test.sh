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

echo "== test projects"
dotnet test Jifang.slnx -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
test_rc=$?

echo "== contract conformance (../shared/contract/examples)"
conformance_out="$results/conformance.txt"
if [ -f ../shared/contract/conformance.py ]; then
  python3 ../shared/contract/conformance.py ../shared/contract/examples \
    dotnet src/Jifang/bin/Release/net10.0/jifang.dll | tee "$conformance_out"
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
m = None
for line in open(conformance):
    m = re.match(r"^(\d+) passed, (\d+) failed$", line.strip()) or m
if m:
    passed += int(m.group(1)); failed += int(m.group(2))
else:
    failed += 1
line = f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else "")
print(line)
sys.exit(1 if failed else 0)
PY
