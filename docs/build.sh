#!/usr/bin/env bash
# Builds the docs site (Astro + Starlight, offline) and checks it: the build, then every page
# in dist/ for dead internal links and anchors. Last line: "N passed, N failed".
#   bash docs/build.sh
set -uo pipefail
cd "$(dirname "$0")"
export ASTRO_TELEMETRY_DISABLED=1

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }

# npm ci only when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if ! npm ci --no-audit --no-fund >/tmp/lumen-docs-npm.$$.log 2>&1; then
    tail -n 30 /tmp/lumen-docs-npm.$$.log; rm -f /tmp/lumen-docs-npm.$$.log
    fail "npm ci"; finish
  fi
  rm -f /tmp/lumen-docs-npm.$$.log
fi

rm -rf dist
log=$(npx astro build 2>&1); status=$?
# Astro's content loader logs a page it cannot render and builds on: count that as a failure.
if [ $status -ne 0 ] || grep -q '\[ERROR\]' <<<"$log"; then
  echo "$log" | tail -n 40
  fail "astro build"; finish
fi
pass "astro build ($(grep -o '[0-9]* page(s) built' <<<"$log"))"

# One check per page: no dead internal link or anchor.
while IFS= read -r line; do
  case "$line" in
    "ok "*) pass "links ${line#ok }" ;;
    "FAIL "*) fail "links ${line#FAIL }" ;;
    *) echo "$line" ;;
  esac
done < <(node check-links.mjs)

# Every Markdown page in docs/ became a page of the site.
for page in *.md notifications/*.md; do
  [ -e "$page" ] || continue
  name=${page%.md}; name=${name%/index}
  target=dist/$name/index.html; [ "$name" = index ] && target=dist/index.html
  if [ -s "$target" ]; then pass "page $page"; else fail "page $page: no $target"; fi
done
finish
