#!/usr/bin/env bash
# Lumen history benchmark: builds Release, generates (once) a hub database holding 100 hosts ×
# 7 days of 5 s rows (~12 M rows, ~1.5 GB, about 5–10 minutes), then times history requests
# through the Release hub's HTTP endpoint on 127.0.0.1 and the SQL alone, and a 5,000-row
# flush with the minute rollup. Prints one Markdown table.
#
#   bench/history.sh                                   database in $TMPDIR/lumen-history-bench/
#   bench/history.sh --db /var/tmp/history.db          keep the database elsewhere (reused next time)
#   bench/history.sh --report /tmp/history.md          also write the table to a file
#   bench/history.sh --help                            every option
#
# Exit status: 0 every goal met, 1 a goal missed, 2 the run could not be done.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

echo "[history] building Release" >&2
dotnet build "$root/bench/Lumen.Bench/Lumen.Bench.csproj" -c Release -nologo -v quiet >&2

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
    exec dotnet "$root/bench/Lumen.Bench/bin/Release/net10.0/Lumen.Bench.dll" history --help
fi
exec dotnet "$root/bench/Lumen.Bench/bin/Release/net10.0/Lumen.Bench.dll" history "$@"
