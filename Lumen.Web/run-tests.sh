#!/usr/bin/env bash
# Runs Lumen.Web's suites and ends with one line: "N passed, N failed".
#   types:   tsc over the sources and the tests, counted as one check
#   lint:    Biome (biome.jsonc), lint and format, offline from node_modules, one check
#   unit:    vitest (data shaping, units, the protocol mirror against the golden JSON)
#   budget:  first-load JS gzipped (scripts/bundle-size.mjs), counted as one check
#   hooks:   no test-only hook in the production bundle (scripts/no-test-hooks.mjs), one check
#   browser: Playwright on Debian's chromium against the real hub and agent (tests/e2e)
# Usage: bash Lumen.Web/run-tests.sh [--no-build]
#   --no-build  the hub and agent are already built (Debug), e.g. by specs/run-all.sh
# Needs the .NET SDK and Node 20; installs chromium with apt when it is missing.
set -uo pipefail
cd "$(dirname "$0")"

build=1
[ "${1:-}" = "--no-build" ] && build=0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

passed=0
failed=0
count() { passed=$((passed + $1)); failed=$((failed + $2)); }

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium (Debian package)"
  apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; } || echo "could not install chromium"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund --loglevel=error || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi

if [ "$build" -eq 1 ]; then
  # Building the hub also builds and embeds this dashboard (Lumen.Hub/Lumen.Web.targets).
  echo "== build hub and agent"
  for project in Lumen.Hub Lumen.Agent; do
    if ! dotnet build "../$project" -c Debug -m:1 -v q -nologo 2>&1 | tail -n 2; then
      echo "$project did not build"
    fi
  done
fi

mkdir -p test-results
echo "== type check (sources and tests)"
if npm run --silent typecheck; then count 1 0; else count 0 1; fi

echo "== lint and format (Biome)"
if npm run --silent lint; then count 1 0; else count 0 1; fi

echo "== unit (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile=test-results/unit-results.json
read -r p f < <(node -e '
  try { const r = require("./test-results/unit-results.json"); console.log(r.numPassedTests, r.numFailedTests + (r.numTotalTests === 0 ? 1 : 0)); }
  catch { console.log(0, 1); }')
count "$p" "$f"

echo "== budget: first-load JS"
if [ ! -f dist/index.html ] || [ -n "$(find src index.html -newer dist/index.html -print -quit)" ]; then npm run build --silent >/dev/null; fi
if node scripts/bundle-size.mjs; then count 1 0; else count 0 1; fi

echo "== production bundle: no test hooks"
if node scripts/no-test-hooks.mjs; then count 1 0; else count 0 1; fi

echo "== browser (Playwright, real hub and agent)"
rm -f test-results/e2e-results.json
npx playwright test
read -r p f < <(node -e '
  try {
    const s = require("./test-results/e2e-results.json").stats;
    // Steps skipped because an earlier one of the serial flow failed count as failed.
    const f = s.unexpected + s.flaky + (s.unexpected > 0 ? s.skipped : 0);
    console.log(s.expected, f + (s.expected + f === 0 ? 1 : 0));
  } catch { console.log(0, 1); }')
count "$p" "$f"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
