#!/usr/bin/env bash
# Lumen import-go benchmark: builds Release, builds a Go v0.7.7 hub's database of 1,000,000
# snapshot rows (50 hosts at 5 s) in $TMPDIR, imports it into a fresh hub database as
# `lumen-hub import-go` does, imports it again (which must add nothing), and prints the
# snapshot rows/s of each with the load average. Goal: 200,000 rows/s. Removes its files.
#
#   bench/import-go.sh                          the default run
#   bench/import-go.sh --rows 3000000 --hosts 200
#   bench/import-go.sh --folder /var/tmp        where the two database files go
#
# Exit status: 0 the goal met, 1 missed, 2 the run could not be done.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

echo "[import-go] building Release" >&2
dotnet build "$root/bench/Lumen.Bench/Lumen.Bench.csproj" -c Release -nologo -v quiet >&2
exec dotnet "$root/bench/Lumen.Bench/bin/Release/net10.0/Lumen.Bench.dll" import-go "$@"
