#!/usr/bin/env bash
# Runs every test suite of Lumen and ends with one line: "N passed, N failed".
# Usage: bash specs/run-all.sh        (from anywhere; needs only the .NET SDK)
#
# After the build, side by side: the spec projects that neither start real processes to time
# their ticks nor drive a browser, each in a test host of its own; then, side by side, the
# release check and the docs build (CPU-heavy builds, kept from the spec projects' timeouts).
# Then, each alone, the suites that time real ticks of real hub and agent processes, or a
# browser's frames, and must not share the two cores with another suite: the end-to-end
# specs, the fault scenarios and the dashboard's browser suite. Every part's duration is
# printed after it and again, with the total, before the summary line.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The email specs run a real SMTP server, Debian's aiosmtpd: for Debian's own python (a python
# earlier on PATH would not see the package), installed as Lumen.Web/run-tests.sh installs chromium.
if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  echo "== installing python3-aiosmtpd (Debian package)"
  apt-get install -y -qq python3-aiosmtpd >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq python3-aiosmtpd >/dev/null 2>&1; } || echo "could not install python3-aiosmtpd"
fi
# The S3 backup target's specs run a real S3-compatible server, s3rver from npm, pinned by
# specs/tools/s3rver's lockfile.
if [ ! -f specs/tools/s3rver/node_modules/.package-lock.json ] || [ specs/tools/s3rver/package-lock.json -nt specs/tools/s3rver/node_modules/.package-lock.json ]; then
  echo "== npm ci (specs/tools/s3rver)"
  (cd specs/tools/s3rver && npm ci --no-audit --no-fund --loglevel=error) || echo "could not install s3rver"
fi
logs=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$logs"' EXIT

# Spec projects that start the real hub and agent and time their ticks: one at a time, alone.
alone=(Lumen.EndToEnd.Specs Lumen.Faults.Specs)

passed=0
failed=0
status=0
durations=""

took() { # took TITLE SECONDS
  echo "-- $1: $2 s"
  durations+=$(printf '%6d s  %s' "$2" "$1")$'\n'
}

# Runs a part into $logs/KEY.log and leaves "EXIT-CODE SECONDS" in $logs/KEY.done.
run_part() { # run_part KEY COMMAND...
  local key=$1 start=$SECONDS
  shift
  "$@" > "$logs/$key.log" 2>&1
  echo "$? $((SECONDS - start))" > "$logs/$key.done"
}

# A part killed before it could say how it ended counts as failed.
part_result() { # part_result KEY: prints "EXIT-CODE SECONDS"
  touch "$logs/$1.log"
  if [ -s "$logs/$1.done" ]; then cat "$logs/$1.done"; else echo "1 0"; fi
}

run_specs() { # run_specs PROJECT
  run_part "$1" dotnet test "specs/$1/$1.csproj" -c Debug --no-build -nologo
}

# Each test assembly prints one summary line ("Passed!  - Failed: 0, Passed: 41, ...").
count_specs() { # count_specs PROJECT
  local log="$logs/$1.log" code seconds p f
  read -r code seconds < <(part_result "$1")
  echo "== $1"
  grep -E "^(Passed|Failed)!|^\s+Failed |error|[Aa]borted" "$log"
  # Why each test failed, its first lines (the whole output, processes' logs included, is long).
  grep -A 4 -E "^\s+Error Message:" "$log" | head -n 60
  read -r p f < <(awk -F'[:,]' '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i ~ /Failed/ && $(i+1) ~ /^ *[0-9]+ *$/) f += $(i+1); if ($i ~ / Passed$/) p += $(i+1) } } END { print p + 0, f + 0 }' "$log")
  passed=$((passed + p))
  failed=$((failed + f))
  if ! grep -qE "^(Passed|Failed)!" "$log"; then
    tail -n 15 "$log"
    echo "(no summary line: counted as one failure)"
    failed=$((failed + 1))
  elif [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "dotnet test exited with $code without reporting a failed test (a test host crashed?)"
    failed=$((failed + 1))
  fi
  [ "$code" -ne 0 ] && status=1
  took "$1" "$seconds"
}

# Suites outside dotnet test end with their own "N passed, N failed" line, added to the total.
count_suite() { # count_suite KEY TITLE
  local log="$logs/$1.log" code seconds line f
  read -r code seconds < <(part_result "$1")
  echo "== $2"
  tail -n 25 "$log"
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
  if [ -z "$line" ]; then
    echo "(no summary line: counted as one failure)"
    failed=$((failed + 1))
  else
    passed=$((passed + ${line%% passed*}))
    f=${line#*, }
    failed=$((failed + ${f%% failed}))
  fi
  [ "$code" -ne 0 ] && status=1
  took "$2" "$seconds"
}

echo "== build"
start=$SECONDS
if ! dotnet build Lumen.sln -c Debug -nologo -v quiet 2>&1 | tail -n 3; then status=1; fi
took build $((SECONDS - start))

# Every other spec project under specs/; the shared support library is no test project.
side=()
for project in specs/*/*.csproj; do
  name=$(basename "$project" .csproj)
  grep -q '<IsTestProject>false</IsTestProject>' "$project" && continue
  [[ " ${alone[*]} " == *" $name "* ]] && continue
  side+=("$name")
done

echo "== side by side: ${side[*]}"
start=$SECONDS
for name in "${side[@]}"; do run_specs "$name" & done
wait
for name in "${side[@]}"; do count_specs "$name"; done
took "spec projects side by side, in all" $((SECONDS - start))

echo "== side by side: release check, docs site"
start=$SECONDS
run_part release bash specs/release-check.sh &
run_part docs bash docs/build.sh &
wait
count_suite release "release (linux-x64 binaries started alone)"
count_suite docs "docs site (Astro Starlight, links checked)"
took "release check and docs side by side, in all" $((SECONDS - start))

for name in "${alone[@]}"; do
  run_specs "$name"
  count_specs "$name"
done

run_part dashboard bash Lumen.Web/run-tests.sh --no-build
count_suite dashboard "dashboard (vitest, Playwright on Debian's chromium)"

echo "== durations"
printf '%s' "$durations"
printf '%6d s  %s\n' "$SECONDS" "in all"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
