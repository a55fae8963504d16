#!/usr/bin/env bash
# Builds the linux-x64 release with deploy/release.sh and checks what a user gets: the hub
# binary started from an empty folder with nothing beside it answers /healthz, serves the
# dashboard and its installer, and stops cleanly on SIGTERM. Prints sizes and the hub's idle
# RSS, and ends with "N passed, N failed".
#   bash specs/release-check.sh [--keep DIR]
set -uo pipefail
cd "$(dirname "$0")/.."

keep=""
[ "${1:-}" = "--keep" ] && keep="$2"
out=${keep:-$(mktemp -d)}
run=$(mktemp -d)
port=${LUMEN_RELEASE_CHECK_PORT:-18990}
passed=0
failed=0
hub_pid=""
cleanup() {
  [ -n "$hub_pid" ] && kill -KILL "$hub_pid" 2>/dev/null
  rm -rf "$run"
  [ -z "$keep" ] && rm -rf "$out"
}
trap cleanup EXIT

check() { # check NAME COMMAND...
  local name=$1; shift
  if "$@" >/dev/null 2>&1; then echo "  ok    $name"; passed=$((passed + 1)); else echo "  FAIL  $name"; failed=$((failed + 1)); fi
}

echo "== release (linux-x64)"
if ! bash deploy/release.sh --rid linux-x64 --out "$out"; then
  echo "release script failed"; echo "0 passed, 1 failed"; exit 1
fi

check "checksums match" bash -c "cd '$out' && sha256sum --quiet -c SHA256SUMS"
check "install tarball holds the agent, VERSION and install.sh" bash -c \
  "tar -tzf '$out'/lumen-install-dir-*.tar.gz | sort | tr '\n' ' ' | grep -q 'install/VERSION install/install.sh install/lumen-agent-linux-amd64'"

echo "== hub binary alone in an empty folder"
cp "$out/lumen-hub-linux-amd64" "$run/lumen-hub"
(cd "$run" && LUMEN_HUB_ADDR="127.0.0.1:$port" LUMEN_HUB_DB_PATH="$run/data/lumen.db" exec ./lumen-hub > "$run/hub.log" 2>&1) &
hub_pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

check "answers /healthz" curl -fs "http://127.0.0.1:$port/healthz"
check "serves the dashboard at /" bash -c "curl -fs 'http://127.0.0.1:$port/' | grep -qi '<div id=\"root\"'"
check "serves a client route with the dashboard" bash -c "curl -fs 'http://127.0.0.1:$port/hosts/1' | grep -qi '<div id=\"root\"'"
check "serves install.sh naming itself" bash -c "curl -fs 'http://127.0.0.1:$port/install.sh' | grep -q '127.0.0.1:$port'"
check "offers first-run registration" bash -c "curl -fs 'http://127.0.0.1:$port/api/setup-status' | grep -q '\"admin_exists\":false'"

sleep 10
rss_kib=$(awk '/^VmRSS:/ { print $2 }' "/proc/$hub_pid/status" 2>/dev/null || echo 0)
echo "  hub idle RSS after 10 s: $((rss_kib / 1024)) MiB"

kill -TERM "$hub_pid"
for _ in $(seq 1 150); do kill -0 "$hub_pid" 2>/dev/null || break; sleep 0.2; done
check "stops on SIGTERM" bash -c "! kill -0 $hub_pid"
wait "$hub_pid" 2>/dev/null
hub_exit=$?
hub_pid=""
check "exits 0 after SIGTERM" test "$hub_exit" -eq 0
if [ "$failed" -gt 0 ]; then echo "-- hub log"; tail -n 30 "$run/hub.log"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
