#!/usr/bin/env bash
# Lumen hub benchmark: builds Release, then measures the hub and a bare Kestrel endpoint
# under the same wrk load on 127.0.0.1, the hub's memory per host and its flush time, and
# prints one table. Every phase is bounded (defaults: about three minutes in all).
#
#   bench/run.sh                              the default run
#   bench/run.sh --duration 10 --connections 128
#   bench/run.sh --report docs/bench-last.md  also write the table to a file
#   bench/run.sh --help                       every option
#   bench/run.sh stream                       the live stream: 1,000 paced agents, 200 WebSocket
#                                             clients, against the same run without them (~12 min)
#   bench/run.sh stream --help                its options
#   bench/run.sh alerts                       ingest with 100 never-firing alert rules against none, the
#                                             hub's memory either way, HostAlerts.Observe in process (~6 min)
#   bench/run.sh alerts --help                its options
#   bench/run.sh backup [--hosts 50 --days 3 --agents 16 --seconds 20]
#                                             ingest rate without and during backups (goal ≥ 80 %)
#
# Exit status: 0 every goal met, 1 a goal missed, 2 the run could not be done.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v wrk >/dev/null 2>&1; then
    echo "[bench] installing wrk (Debian package)" >&2
    if ! apt-get install -y wrk >/dev/null 2>&1; then
        apt-get update >/dev/null
        apt-get install -y wrk >/dev/null
    fi
fi

echo "[bench] building Release" >&2
dotnet build "$root/bench/Lumen.Bench/Lumen.Bench.csproj" -c Release -nologo -v quiet >&2

exec dotnet "$root/bench/Lumen.Bench/bin/Release/net10.0/Lumen.Bench.dll" "$@"
