#!/usr/bin/env bash
# Lumen agent installer. The hub serves this file at /install.sh with its own address filled in:
#
#   curl -fsSL HUB/install.sh | sudo bash -s -- --token lum_… [--host NAME] [--interval 5s]
#
# It downloads the agent for this machine's architecture from the hub, installs it as
# /usr/local/bin/lumen-agent, creates the system user lumen-agent, writes
# /etc/lumen/agent.yaml and the systemd unit, and (re)starts the service. Running it again
# upgrades the agent in place; without --token an existing agent.yaml is kept as it is.
#
# LUMEN_INSTALL_ROOT (default: empty, i.e. /) prefixes every file path, so the installer can
# be tried against a scratch folder. Commands (systemctl, useradd, getent, id, …) come from PATH.
set -euo pipefail
# Character classes in the checks below mean ASCII, whatever the caller's locale.
export LC_ALL=C

# Filled in by the hub when it serves this script.
HUB_URL=__LUMEN_HUB_URL__

AGENT_USER=lumen-agent
UNIT_NAME=lumen-agent.service

say() { printf 'lumen-install: %s\n' "$*" >&2; }
die() {
    printf 'lumen-install: error: %s\n' "$*" >&2
    exit 1
}

usage() {
    printf '%s\n' \
        "Usage: curl -fsSL $HUB_URL/install.sh | sudo bash -s -- --token lum_… [--host NAME] [--interval 5s]" \
        "" \
        "  --token TOKEN     the host's agent token (lum_…), printed once when the host was added" \
        "                    (lumen-hub hosts add NAME); may be left out to upgrade a configured agent" \
        "  --host NAME       the name this agent reports [this machine's hostname]" \
        "  --interval DUR    collection interval between 2s and 1h, e.g. 5s, 30s, 1m30s [5s]" \
        "  --help            this text" \
        "" \
        "Installs /usr/local/bin/lumen-agent, /etc/lumen/agent.yaml and the lumen-agent systemd" \
        "service. Running it again upgrades the agent in place."
}

# --- arguments -----------------------------------------------------------------------------

TOKEN=""
AGENT_HOST=""
INTERVAL=""

# The value of an option, refusing a missing one ("--token" last, or followed by another option).
option_value() {
    local name="$1"
    shift
    if [ $# -eq 0 ] || [ -z "$1" ] || [[ "$1" == --* ]]; then die "$name needs a value (see --help)"; fi
    printf '%s' "$1"
}

parse_arguments() {
    while [ $# -gt 0 ]; do
        case "$1" in
            --token) TOKEN=$(option_value "$@"); shift 2 ;;
            --token=*) TOKEN="${1#*=}"; shift ;;
            --host) AGENT_HOST=$(option_value "$@"); shift 2 ;;
            --host=*) AGENT_HOST="${1#*=}"; shift ;;
            --interval) INTERVAL=$(option_value "$@"); shift 2 ;;
            --interval=*) INTERVAL="${1#*=}"; shift ;;
            -h | --help) usage; exit 0 ;;
            *) die "unknown argument '$1' (see --help)" ;;
        esac
    done
}

# Agent tokens are lum_ followed by hex (this hub) or base64url (older hubs).
valid_token() { [[ "$1" =~ ^lum_[A-Za-z0-9_-]{16,252}$ ]]; }

# The hub's rule for host names: safe in URLs, logs and shells.
valid_host() { [[ "$1" =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ ]]; }

# A Go duration in whole units (5s, 1m30s, 500ms) in milliseconds; nothing when it is not one.
duration_ms() {
    local rest="$1" total=0 n
    [ -n "$rest" ] || return 0
    while [ -n "$rest" ]; do
        # "ms" first, so "5ms" is never read as 5 minutes followed by a stray "s".
        if [[ "$rest" =~ ^([0-9]{1,7})ms(.*)$ ]]; then
            n=$((10#${BASH_REMATCH[1]}))
        elif [[ "$rest" =~ ^([0-9]{1,7})s(.*)$ ]]; then
            n=$((10#${BASH_REMATCH[1]} * 1000))
        elif [[ "$rest" =~ ^([0-9]{1,4})m(.*)$ ]]; then
            n=$((10#${BASH_REMATCH[1]} * 60000))
        elif [[ "$rest" =~ ^([0-9]{1,3})h(.*)$ ]]; then
            n=$((10#${BASH_REMATCH[1]} * 3600000))
        else
            return 0
        fi
        total=$((total + n))
        rest="${BASH_REMATCH[2]}"
    done
    printf '%s' "$total"
}

check_arguments() {
    if [ -n "$TOKEN" ] && ! valid_token "$TOKEN"; then
        die "--token must be the lum_… token the hub printed for this host (lum_ followed by letters, digits, '-' or '_')"
    fi
    if [ -n "$AGENT_HOST" ] && ! valid_host "$AGENT_HOST"; then
        die "--host '$AGENT_HOST' may only hold letters, digits, '.', '-' and '_', start with a letter or digit and be at most 64 characters"
    fi
    if [ -n "$INTERVAL" ]; then
        local ms
        ms=$(duration_ms "$INTERVAL")
        if [ -z "$ms" ] || [ "$ms" -lt 2000 ] || [ "$ms" -gt 3600000 ]; then
            die "--interval '$INTERVAL' must be a duration between 2s and 1h, e.g. 5s, 30s or 1m30s"
        fi
    fi
    if [ -z "$TOKEN" ]; then
        if [ -f "$CONFIG" ]; then
            if [ -n "$AGENT_HOST$INTERVAL" ]; then
                die "--host and --interval rewrite $CONFIG, which needs --token too"
            fi
        else
            die "--token is required: the lum_… token the hub printed when the host was added (lumen-hub hosts add NAME)"
        fi
    fi
}

# --- the machine ---------------------------------------------------------------------------

check_machine() {
    [ "$(id -u)" = 0 ] || die "must run as root: curl -fsSL $HUB_URL/install.sh | sudo bash -s -- --token …"
    [ "$(uname -s)" = Linux ] || die "the Lumen agent runs on Linux only (this is $(uname -s))"
    local machine
    machine=$(uname -m)
    case "$machine" in
        x86_64 | amd64) ARCH=amd64 ;;
        aarch64 | arm64) ARCH=arm64 ;;
        *) die "no Lumen agent is built for this machine's architecture '$machine': only x86_64 (amd64) and aarch64 (arm64)" ;;
    esac
    local tool
    for tool in systemctl useradd getent; do
        command -v "$tool" >/dev/null 2>&1 || die "$tool was not found: the installer needs a systemd system with useradd"
    done
    command -v curl >/dev/null 2>&1 || command -v wget >/dev/null 2>&1 || die "neither curl nor wget is installed"
}

# e_machine of an ELF header (offset 18, little-endian) for each architecture.
expected_elf_machine() {
    case "$ARCH" in
        amd64) printf '3e00' ;;
        arm64) printf 'b700' ;;
    esac
}

download() {
    local url="$1" target="$2" status
    if command -v curl >/dev/null 2>&1; then
        status=$(curl -sSL --retry 3 -o "$target" -w '%{http_code}' "$url") || return 1
        if [ "$status" != 200 ]; then
            # The hub's {"error":"…"} says what is missing where; shown printable and short.
            say "the hub answered $status: $(head -c 400 "$target" | tr -cd '[:print:]')"
            return 1
        fi
    else
        wget -q -O "$target" "$url"
    fi
}

download_agent() {
    local url="$HUB_URL/install/lumen-agent-linux-$ARCH" file="$WORK/lumen-agent"
    say "downloading $url"
    download "$url" "$file" || die "could not download $url (the hub serves agent binaries from its LUMEN_HUB_INSTALL_DIR)"
    [ -s "$file" ] || die "the hub sent an empty file for $url"
    [ "$(head -c 4 "$file" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ] || die "$url is not a Linux executable (no ELF header)"
    [ "$(od -An -tx1 -j18 -N2 "$file" | tr -d ' \n')" = "$(expected_elf_machine)" ] || die "$url is not built for $ARCH"
}

# --- installing ----------------------------------------------------------------------------

install_binary() {
    mkdir -p "$(dirname "$BIN")"
    # A new file renamed over the old one: a running agent keeps its (deleted) binary until restart.
    install -m 0755 "$WORK/lumen-agent" "$BIN.new"
    mv -f "$BIN.new" "$BIN"
    say "installed $BIN"
}

ensure_user() {
    if getent passwd "$AGENT_USER" >/dev/null 2>&1; then
        if [ -n "$DOCKER_GROUP" ]; then usermod -aG docker "$AGENT_USER"; fi
        return
    fi
    local options=(--system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin)
    if [ -n "$DOCKER_GROUP" ]; then options+=(--groups docker); fi
    useradd "${options[@]}" "$AGENT_USER"
    say "created the system user $AGENT_USER${DOCKER_GROUP:+ (in the docker group)}"
}

write_config() {
    mkdir -p "$CONFIG_DIR"
    chmod 0755 "$CONFIG_DIR"
    if [ -z "$TOKEN" ]; then
        say "kept $CONFIG"
        return
    fi
    # Created unreadable to others from the first byte: it holds the token.
    (
        umask 077
        {
            printf '# Written by the Lumen installer; running it again with --token rewrites this file.\n'
            printf '# Every setting: lumen-agent --help\n'
            printf 'hub_url: %s\n' "$HUB_URL"
            printf 'token: %s\n' "$TOKEN"
            if [ -n "$AGENT_HOST" ]; then printf 'host: %s\n' "$AGENT_HOST"; fi
            if [ -n "$INTERVAL" ]; then printf 'interval: %s\n' "$INTERVAL"; fi
        } >"$CONFIG.new"
    )
    chmod 0600 "$CONFIG.new"
    mv -f "$CONFIG.new" "$CONFIG"
    chown "$AGENT_USER:$AGENT_USER" "$CONFIG"
    say "wrote $CONFIG"
}

write_state_dir() {
    mkdir -p "$STATE_DIR"
    chmod 0750 "$STATE_DIR"
    chown "$AGENT_USER:$AGENT_USER" "$STATE_DIR"
}

# The unit of deploy/lumen-agent.service, built into the hub with this script.
unit_text() {
    cat <<'LUMEN_UNIT_EOF'
__LUMEN_AGENT_UNIT__
LUMEN_UNIT_EOF
}

write_unit() {
    mkdir -p "$(dirname "$UNIT")"
    if [ -n "$DOCKER_GROUP" ]; then
        unit_text >"$UNIT.new"
    else
        # systemd refuses to start a unit naming a group that does not exist.
        unit_text | grep -v '^SupplementaryGroups=docker$' >"$UNIT.new"
    fi
    chmod 0644 "$UNIT.new"
    mv -f "$UNIT.new" "$UNIT"
    say "wrote $UNIT"
}

start_service() {
    systemctl daemon-reload
    systemctl enable "$UNIT_NAME"
    # restart, not enable --now: on an upgrade the running agent must pick up the new binary.
    systemctl restart "$UNIT_NAME"
    say "lumen-agent is running; its log: journalctl -u lumen-agent -f"
}

main() {
    ROOT="${LUMEN_INSTALL_ROOT:-}"
    ROOT="${ROOT%/}"
    if [ -n "$ROOT" ] && [[ "$ROOT" != /* ]]; then die "LUMEN_INSTALL_ROOT '$ROOT' must be an absolute path"; fi
    BIN="$ROOT/usr/local/bin/lumen-agent"
    CONFIG_DIR="$ROOT/etc/lumen"
    CONFIG="$CONFIG_DIR/agent.yaml"
    STATE_DIR="$ROOT/var/lib/lumen-agent"
    UNIT="$ROOT/etc/systemd/system/$UNIT_NAME"

    parse_arguments "$@"
    check_arguments
    check_machine

    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
    download_agent

    DOCKER_GROUP=""
    if getent group docker >/dev/null 2>&1; then DOCKER_GROUP=docker; fi

    install_binary
    ensure_user
    write_config
    write_state_dir
    write_unit
    start_service
}

# Called only on the last line, so a download cut short runs nothing at all.
main "$@"
