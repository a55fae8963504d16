#!/usr/bin/env bash
# Builds a Lumen release into dist/: self-contained single-file binaries of the hub (dashboard
# embedded) and the agent for each platform, a tarball laid out for LUMEN_HUB_INSTALL_DIR
# (the agent binaries under the names /install.sh downloads, VERSION, install.sh), and
# SHA256SUMS over all of it.
#
#   bash deploy/release.sh                       # linux-x64 and linux-arm64
#   bash deploy/release.sh --rid linux-x64       # one platform (repeatable)
#   bash deploy/release.sh --out /tmp/release    # another folder than dist/
set -euo pipefail
cd "$(dirname "$0")/.."

rids=()
out=dist
while [ $# -gt 0 ]; do
  case "$1" in
    --rid) rids+=("$2"); shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "release: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#rids[@]} -eq 0 ] && rids=(linux-x64 linux-arm64)

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
[ -n "$version" ] || { echo "release: no <Version> in Directory.Build.props" >&2; exit 1; }

# Go's architecture names, which the installer and agents already use.
arch_of() { case "$1" in linux-x64) echo amd64 ;; linux-arm64) echo arm64 ;; *) echo "release: unsupported runtime '$1'" >&2; exit 2 ;; esac; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
out=$(cd "$out" && pwd)
install_dir="$work/install"
mkdir -p "$install_dir"

for rid in "${rids[@]}"; do
  arch=$(arch_of "$rid")
  echo "== $rid: hub"
  dotnet publish Lumen.Hub -p:PublishProfile="$rid" -o "$work/hub-$rid" -nologo -v quiet
  echo "== $rid: agent"
  dotnet publish Lumen.Agent -p:PublishProfile="$rid" -o "$work/agent-$rid" -nologo -v quiet
  install -m 0755 "$work/hub-$rid/lumen-hub" "$out/lumen-hub-linux-$arch"
  install -m 0755 "$work/agent-$rid/lumen-agent" "$out/lumen-agent-linux-$arch"
  install -m 0644 "$work/agent-$rid/lumen-agent" "$install_dir/lumen-agent-linux-$arch"
done

echo "$version" > "$install_dir/VERSION"
install -m 0644 Lumen.Hub/Install/install.sh "$install_dir/install.sh"
tarball="lumen-install-dir-$version.tar.gz"
tar -C "$work" -czf "$out/$tarball" --owner=0 --group=0 install

cd "$out"
files=(lumen-hub-linux-* lumen-agent-linux-* "$tarball")
sha256sum "${files[@]}" > SHA256SUMS
echo "== release $version in $out"
ls -l "${files[@]}" SHA256SUMS | awk '{ printf "%10.1f MiB  %s\n", $5 / 1048576, $9 }'
