#!/usr/bin/env bash
# Runs every test suite of Lumen and ends with one line: "N passed, N failed".
# Usage: bash specs/run-all.sh        (from anywhere; needs only the .NET SDK)
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT

passed=0
failed=0
status=0

echo "== build"
if ! dotnet build Lumen.sln -c Debug -nologo -v quiet 2>&1 | tail -n 3; then status=1; fi

echo "== .NET specs"
# Each test assembly prints one summary line ("Passed!  - Failed: 0, Passed: 41, ...").
# One test project at a time (-m:1): the end-to-end specs time real ticks and must not share
# the two cores with another suite.
dotnet test Lumen.sln -c Debug --no-build -nologo -m:1 2>&1 | tee "$log" | grep -E "^(Passed|Failed)!|^\s+Failed |error" || true
test_status=${PIPESTATUS[0]}
read -r p f < <(awk -F'[:,]' '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i ~ /Failed/ && $(i+1) ~ /^ *[0-9]+ *$/) f += $(i+1); if ($i ~ / Passed$/) p += $(i+1) } } END { print p + 0, f + 0 }' "$log")
passed=$((passed + p))
failed=$((failed + f))
if [ "$test_status" -ne 0 ] && [ "$f" -eq 0 ]; then
  echo "dotnet test exited with $test_status without reporting a failed test (a test host crashed?)"
  failed=$((failed + 1))
fi
[ "$test_status" -ne 0 ] && status=1

# Suites outside dotnet test end with their own "N passed, N failed" line, added to the total.
run_suite() { # run_suite TITLE COMMAND...
  echo "== $1"
  shift
  "$@" 2>&1 | tee "$log" | tail -n 25
  local suite_status=${PIPESTATUS[0]}
  local line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
  if [ -z "$line" ]; then
    echo "(no summary line: counted as one failure)"
    failed=$((failed + 1))
  else
    passed=$((passed + ${line%% passed*}))
    local f=${line#*, }
    failed=$((failed + ${f%% failed}))
  fi
  [ "$suite_status" -ne 0 ] && status=1
}

run_suite "dashboard (vitest, Playwright on Debian's chromium)" bash Lumen.Web/run-tests.sh --no-build
run_suite "release (linux-x64 binaries started alone)" bash specs/release-check.sh
run_suite "docs site (Astro Starlight, links checked)" bash docs/build.sh

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
