#!/usr/bin/env bash
# Lumen agent footprint benchmark: the agent as shipped (its publish profile: one
# self-contained file) and
# Debian's prometheus-node-exporter run side by side on this machine, the agent pushing to a
# Release hub on 127.0.0.1 and node_exporter scraped by curl, both at the same interval.
# After a warm-up, both processes' RSS and CPU time are read from /proc; one table is printed.
#
#   bench/agent-footprint.sh                       the default run, about four minutes
#   bench/agent-footprint.sh --minutes 60          the hour-long run
#   bench/agent-footprint.sh --report FILE         also write the table to FILE (Markdown)
#   bench/agent-footprint.sh --outage 10           then stop the hub for 10 minutes, start it
#                                                  again and measure 10 minutes more: RSS during
#                                                  the outage and once the buffer has drained
#   bench/agent-footprint.sh --variant 'nc:DOTNET_gcConcurrent=0'
#                                                  one more agent in the same run, with that
#                                                  environment (repeatable; for tuning)
#   bench/agent-footprint.sh --variant 'zip:-p:EnableCompressionInSingleFile=true'
#                                                  one more agent, published with that property
#   bench/agent-footprint.sh --help                every option
#
# Everything talks to 127.0.0.1 only; every process is started under `timeout`, so it stops
# by itself even if this script is killed. Exit status: 0 every goal met, 1 a goal missed,
# 2 the run could not be done.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Goals from the footprint issues (3, then 14): the agent's steady RSS, its CPU against
# node_exporter's, and its RSS once an outage's buffer has drained against its steady RSS.
readonly rss_goal_mib=40
readonly after_outage_factor=1.25

minutes=3
warmup=30
interval=5
report=""
keep=0
outage_minutes=0
after_minutes=10
framework_dependent=0
first_port=""
variants=()
need_fd=0

usage() {
    cat <<'EOF'
Usage: bench/agent-footprint.sh [options]

  --minutes N              measured time after the warm-up (default 3; decimals allowed)
  --warmup SECONDS         time before measuring starts (default 30)
  --interval SECONDS       agent interval and node_exporter scrape interval (default 5)
  --report FILE            also write the Markdown table to FILE
  --outage MINUTES         after the measured window, stop the hub for MINUTES (the agents
                           buffer on disk), start it again, and measure --after minutes more
  --after MINUTES          how long to measure after the hub is back (default 10); the goal is
                           judged on its last minute
  --variant 'NAME:VAR=VALUE VAR2=VALUE2'
                           run one more agent with this environment, measured in the same
                           run (repeatable), e.g. 'nc-gc:DOTNET_gcConcurrent=0'; the word
                           framework-dependent among them runs the `dotnet` Release build,
                           binary=PATH runs that agent executable (another publish of it),
                           -p:PROPERTY=VALUE publishes this variant's own agent with that
                           MSBuild property added to the publish profile's
  --ports N                the hub listens on 127.0.0.1:N and node_exporter on N+1 (default:
                           free ports the script picks)
  --framework-dependent    run the Release build with `dotnet` instead of publishing the
                           self-contained single file
  --keep                   keep the temporary folder (logs, databases, samples)
  --help                   this text

Exit status: 0 every goal met, 1 a goal missed, 2 the run could not be done.
EOF
}

die() { echo "[footprint] $*" >&2; exit 2; }

while (($#)); do
    case "$1" in
        --minutes) minutes="${2:?--minutes needs a value}"; shift 2 ;;
        --warmup) warmup="${2:?--warmup needs a value}"; shift 2 ;;
        --interval) interval="${2:?--interval needs a value}"; shift 2 ;;
        --report) report="${2:?--report needs a file}"; shift 2 ;;
        --outage) outage_minutes="${2:?--outage needs a value}"; shift 2 ;;
        --after) after_minutes="${2:?--after needs a value}"; shift 2 ;;
        --variant) variants+=("${2:?--variant needs NAME:VAR=VALUE ...}"); shift 2 ;;
        --ports) first_port="${2:?--ports needs a port number}"; shift 2 ;;
        --framework-dependent) framework_dependent=1; shift ;;
        --keep) keep=1; shift ;;
        --help|-h) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

[[ "$minutes" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--minutes '$minutes' is not a number"
[[ "$warmup" =~ ^[0-9]+$ ]] || die "--warmup '$warmup' is not a whole number of seconds"
[[ "$interval" =~ ^[0-9]+$ ]] && ((interval >= 2)) || die "--interval '$interval' must be a whole number of seconds, at least 2"
[[ -z "$first_port" || "$first_port" =~ ^[0-9]+$ ]] || die "--ports '$first_port' is not a port number"
measure_seconds=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 + 0.5 }')
((measure_seconds >= 10)) || die "--minutes $minutes is shorter than 10 s"
[[ "$outage_minutes" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--outage '$outage_minutes' is not a number"
[[ "$after_minutes" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--after '$after_minutes' is not a number"
outage_seconds=$(awk -v m="$outage_minutes" 'BEGIN { printf "%d", m * 60 + 0.5 }')
after_seconds=$(awk -v m="$after_minutes" 'BEGIN { printf "%d", m * 60 + 0.5 }')
((outage_seconds == 0 || after_seconds >= 60)) || die "--after $after_minutes is shorter than the minute the goal is judged on"
((outage_seconds > 0)) || after_seconds=0
for v in "${variants[@]}"; do
    [[ "$v" =~ ^[A-Za-z0-9_.-]+:(([A-Za-z_][A-Za-z0-9_]*=[^ ]*|framework-dependent|binary=[^ ]+|-p:[A-Za-z_][A-Za-z0-9_]*=[^ ]*)( +|$))+$ ]] \
        || die "--variant '$v' is not NAME:VAR=VALUE ..."
    [[ " ${v#*:} " == *" framework-dependent "* ]] && need_fd=1
done

# ---- tools --------------------------------------------------------------------------------

apt_install() {
    echo "[footprint] installing $* (Debian packages)" >&2
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1; then
        apt-get update >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null
    fi
}
missing=()
command -v prometheus-node-exporter >/dev/null 2>&1 || missing+=(prometheus-node-exporter)
command -v curl >/dev/null 2>&1 || missing+=(curl)
((${#missing[@]} == 0)) || apt_install "${missing[@]}"
node_exporter="$(command -v prometheus-node-exporter)" || die "prometheus-node-exporter is not installed"

tmp="$(mktemp -d /tmp/lumen-footprint.XXXXXX)"
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if ((keep)); then echo "[footprint] kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

echo "[footprint] building the hub (Release)" >&2
dotnet build "$root/Lumen.Hub/Lumen.Hub.csproj" -c Release -nologo -v quiet >"$tmp/build-hub.log" 2>&1 \
    || { cat "$tmp/build-hub.log" >&2; die "the hub did not build"; }
hub_dll="$root/Lumen.Hub/bin/Release/net10.0/Lumen.Hub.dll"

agent_cmd=()
fd_cmd=(dotnet "$root/Lumen.Agent/bin/Release/net10.0/Lumen.Agent.dll")
case "$(uname -m)" in
    x86_64) profile=linux-x64 ;;
    aarch64) profile=linux-arm64 ;;
    *) profile="" ;;
esac
# publish DIR [-p:PROPERTY=VALUE ...]: the agent as its publish profile makes it, into DIR.
publish() {
    local out="$1"; shift
    dotnet publish "$root/Lumen.Agent/Lumen.Agent.csproj" -p:PublishProfile="$profile" "$@" -o "$out" -nologo -v quiet \
        >"$out-publish.log" 2>&1 && [[ -x "$out/lumen-agent" ]]
}
if ((!framework_dependent)) && [[ -n "$profile" ]]; then
    echo "[footprint] publishing the agent (publish profile $profile: self-contained single file)" >&2
    if publish "$tmp/agent"; then
        agent_cmd=("$tmp/agent/lumen-agent")
        agent_build="published with its profile (\`dotnet publish Lumen.Agent -p:PublishProfile=$profile\`), $(du -m "$tmp/agent/lumen-agent" | cut -f1) MB"
    else
        echo "[footprint] the single-file publish failed (see below); measuring the framework-dependent Release build" >&2
        tail -20 "$tmp/agent-publish.log" >&2
    fi
fi
if ((${#agent_cmd[@]} == 0 || need_fd)); then
    echo "[footprint] building the agent (Release, framework-dependent)" >&2
    dotnet build "$root/Lumen.Agent/Lumen.Agent.csproj" -c Release -nologo -v quiet >"$tmp/build-agent.log" 2>&1 \
        || { cat "$tmp/build-agent.log" >&2; die "the agent did not build"; }
fi
if ((${#agent_cmd[@]} == 0)); then
    agent_cmd=("${fd_cmd[@]}")
    agent_build="framework-dependent Release build, run with \`dotnet Lumen.Agent.dll\`"
fi
# Variants with -p:PROPERTY=VALUE words get their own publish, made before anything runs.
variant_bins=()
for j in "${!variants[@]}"; do
    properties=()
    for word in ${variants[$j]#*:}; do [[ "$word" == -p:* ]] && properties+=("$word"); done
    variant_bins+=("")
    ((${#properties[@]})) || continue
    [[ -n "$profile" ]] || die "no publish profile for $(uname -m)"
    echo "[footprint] publishing the agent of variant ${variants[$j]%%:*} with ${properties[*]}" >&2
    publish "$tmp/variant-$j" "${properties[@]}" || { tail -20 "$tmp/variant-$j-publish.log" >&2; die "publishing variant ${variants[$j]%%:*} failed"; }
    variant_bins[$j]="$tmp/variant-$j/lumen-agent"
done

# ---- processes ----------------------------------------------------------------------------

# Every process stops by itself a minute after the run should have ended.
lifetime=$((warmup + measure_seconds + outage_seconds + after_seconds + 180))

free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 40000))
        (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

# start LOG [VAR=VALUE ...] -- COMMAND ...: runs the command under timeout in the temp folder
# with those variables exported (so tokens stay off the command line), and sets started_pid
# to the command's own PID (the child of timeout), which is what /proc is read for.
start() {
    local log="$1"; shift
    local -a assignments=()
    while [[ "$1" != -- ]]; do assignments+=("$1"); shift; done
    shift
    (
        cd "$tmp"
        for a in "${assignments[@]}"; do export "${a?}"; done
        exec timeout -k 10 "$lifetime" "$@"
    ) >"$log" 2>&1 &
    local outer=$! child="" i
    pids+=("$outer")
    for ((i = 0; i < 100; i++)); do
        child="$(cat "/proc/$outer/task/$outer/children" 2>/dev/null || true)"
        child="${child%% *}"
        [[ -n "$child" ]] && break
        sleep 0.05
    done
    [[ -n "$child" ]] || die "could not start $* (see $log)"
    started_pid="$child"
}

wait_http() {
    local url="$1" i
    for ((i = 0; i < 150; i++)); do
        curl -s -o /dev/null --max-time 1 "$url" && return 0
        sleep 0.2
    done
    return 1
}

hub_port="${first_port:-$(free_port)}"
hub_url="http://127.0.0.1:$hub_port"
export LUMEN_HUB_ADDR="127.0.0.1:$hub_port" LUMEN_HUB_DB_PATH="$tmp/hub.db" LUMEN_HUB_AGENT_INTERVAL="${interval}s"

names=("agent")
envs=("")
for v in "${variants[@]}"; do
    names+=("agent ${v%%:*}")
    envs+=("${v#*:}")
done
tokens=()
for i in "${!names[@]}"; do
    out="$(dotnet "$hub_dll" hosts add "footprint-$i")" || die "hosts add failed: $out"
    token="$(grep -o 'lum_[A-Za-z0-9_-]*' <<<"$out" | head -1)"
    [[ -n "$token" ]] || die "no token in: $out"
    tokens+=("$token")
done

echo "[footprint] starting the hub on $hub_url" >&2
start "$tmp/hub.log" -- dotnet "$hub_dll"
hub_pid="$started_pid"
wait_http "$hub_url/healthz" || die "the hub did not answer on $hub_url (see $tmp/hub.log)"

ne_port="$( [[ -n "$first_port" ]] && echo $((first_port + 1)) || free_port)"
echo "[footprint] starting node_exporter on 127.0.0.1:$ne_port, scraped every ${interval} s" >&2
start "$tmp/node-exporter.log" -- "$node_exporter" "--web.listen-address=127.0.0.1:$ne_port"
ne_pid="$started_pid"
wait_http "http://127.0.0.1:$ne_port/metrics" || die "node_exporter did not answer (see $tmp/node-exporter.log)"
# The scraper asks as Prometheus does (gzip, text format); bounded by count and by time.
(
    scrapes=$((lifetime / interval))
    for ((n = 0; n < scrapes; n++)); do
        curl -s -o /dev/null --max-time 4 --compressed \
            -H 'Accept: text/plain;version=0.0.4;q=0.5,*/*;q=0.1' "http://127.0.0.1:$ne_port/metrics" || true
        sleep "$interval"
    done
) &
pids+=("$!")

agent_pids=()
for i in "${!names[@]}"; do
    echo "[footprint] starting ${names[$i]}${envs[$i]:+ ($(echo ${envs[$i]}))} at ${interval} s" >&2
    cmd=("${agent_cmd[@]}")
    ((i > 0)) && [[ -n "${variant_bins[$((i - 1))]}" ]] && cmd=("${variant_bins[$((i - 1))]}")
    assignments=()
    for word in ${envs[$i]}; do
        case "$word" in
            framework-dependent) cmd=("${fd_cmd[@]}") ;;
            binary=*) cmd=("${word#binary=}") ;;
            -p:*) ;;
            *) assignments+=("$word") ;;
        esac
    done
    start "$tmp/agent-$i.log" LUMEN_HUB_URL="$hub_url" LUMEN_AGENT_TOKEN="${tokens[$i]}" \
        LUMEN_AGENT_INTERVAL="${interval}s" LUMEN_AGENT_BUFFER_PATH="$tmp/agent-$i-buffer.db" \
        LUMEN_AGENT_HOST="footprint-$i" "${assignments[@]}" -- "${cmd[@]}" --config "$tmp/agent.yaml"
    agent_pids+=("$started_pid")
done

# ---- sampling -----------------------------------------------------------------------------

measured_names=("${names[@]}" "node_exporter")
measured_pids=("${agent_pids[@]}" "$ne_pid")
clk_tck="$(getconf CLK_TCK)"

# Reads /proc with shell builtins only, so sampling forks nothing: sets cpu_ticks (utime +
# stime of all threads), rss_kib (VmRSS, of which anon_kib is the process's own memory,
# file_kib mapped files: code, the single-file bundle, and shmem_kib shared memory: .NET maps
# the code it compiles twice through a memfd), hwm_kib (VmHWM) and threads. False when gone.
read_proc() {
    local pid="$1" stat key value _
    read -r stat <"/proc/$pid/stat" 2>/dev/null || return 1
    local -a fields
    read -ra fields <<<"${stat##*) }" # after the command name: field 3 (state) is index 0
    cpu_ticks=$((fields[11] + fields[12]))
    while read -r key value _; do
        case "$key" in
            VmRSS:) rss_kib=$value ;;
            RssAnon:) anon_kib=$value ;;
            RssFile:) file_kib=$value ;;
            RssShmem:) shmem_kib=$value ;;
            VmHWM:) hwm_kib=$value ;;
            Threads:) threads=$value ;;
        esac
    done <"/proc/$pid/status"
}

check_alive() {
    local i
    for i in "${!measured_pids[@]}"; do
        [[ -d "/proc/${measured_pids[$i]}" ]] || die "${measured_names[$i]} exited early (logs in $tmp; use --keep to keep them)"
    done
}

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "[footprint] warming up for ${warmup} s" >&2
sleep "$warmup"
check_alive

declare -a cpu_start rss_samples
for i in "${!measured_pids[@]}"; do
    read_proc "${measured_pids[$i]}"
    cpu_start[$i]=$cpu_ticks
    : >"$tmp/rss-$i.txt"
    : >"$tmp/anon-$i.txt"
    : >"$tmp/file-$i.txt"
    : >"$tmp/shmem-$i.txt"
done
t_start=$EPOCHREALTIME
echo "[footprint] measuring for ${measure_seconds} s (RSS every second, CPU at both ends)" >&2
deadline=$((${t_start%.*} + measure_seconds))
next=${t_start%.*}
# CPU is also read 60 s before the end: a 5 s ticker keeps tiering up its code for minutes,
# so the last minute against the whole window says whether the figure has settled.
declare -a cpu_last
t_last=""
while ((next < deadline)); do
    mark=0
    if [[ -z "$t_last" ]] && ((measure_seconds >= 120 && deadline - next <= 60)); then
        mark=1
        t_last=$EPOCHREALTIME
    fi
    for i in "${!measured_pids[@]}"; do
        read_proc "${measured_pids[$i]}" || die "${measured_names[$i]} exited while measured (use --keep for its log)"
        ((mark)) && cpu_last[$i]=$cpu_ticks
        echo "$rss_kib" >>"$tmp/rss-$i.txt"
        echo "$anon_kib" >>"$tmp/anon-$i.txt"
        echo "$file_kib" >>"$tmp/file-$i.txt"
        echo "$shmem_kib" >>"$tmp/shmem-$i.txt"
    done
    next=$((next + 1))
    sleep "$(awk -v n="$next" -v now="$EPOCHREALTIME" 'BEGIN { d = n - now; printf "%.3f", (d > 0 ? d : 0) }')"
done
declare -a cpu_end hwm thread_count
for i in "${!measured_pids[@]}"; do
    read_proc "${measured_pids[$i]}" || die "${measured_names[$i]} exited while measured"
    cpu_end[$i]=$cpu_ticks
    hwm[$i]=$hwm_kib
    thread_count[$i]=$threads
done
t_end=$EPOCHREALTIME
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

# Before the hub stops (the agents then start buffering): did an agent create its buffer file
# while measured? One that did took a slow or failed post for an outage and loaded its
# persistence stack (tens of MiB), so its row measures more than the steady state.
declare -a buffered
for i in "${!names[@]}"; do
    buffered[$i]="no buffer file"
    [[ -e "$tmp/agent-$i-buffer.db" ]] && buffered[$i]="BUFFER FILE CREATED"
done

# ---- outage (--outage) ----------------------------------------------------------------------

# sample_phase SECONDS NAME: RSS of every measured process every second into $tmp/NAME-rss-I.txt.
sample_phase() {
    local seconds="$1" name="$2" i
    local until=$((${EPOCHREALTIME%.*} + seconds)) next=${EPOCHREALTIME%.*}
    for i in "${!measured_pids[@]}"; do : >"$tmp/$name-rss-$i.txt"; done
    while ((next < until)); do
        for i in "${!measured_pids[@]}"; do
            read_proc "${measured_pids[$i]}" || die "${measured_names[$i]} exited during the $name phase (use --keep for its log)"
            echo "$rss_kib" >>"$tmp/$name-rss-$i.txt"
        done
        next=$((next + 1))
        sleep "$(awk -v n="$next" -v now="$EPOCHREALTIME" 'BEGIN { d = n - now; printf "%.3f", (d > 0 ? d : 0) }')"
    done
}

stop_hub() {
    local n
    kill -TERM "$hub_pid" 2>/dev/null || true
    for ((n = 0; n < 100; n++)); do kill -0 "$hub_pid" 2>/dev/null || break; sleep 0.1; done
}

if ((outage_seconds > 0)); then
    outage_from_ms=$(date +%s%3N)
    echo "[footprint] stopping the hub for ${outage_seconds} s: the agents buffer on disk" >&2
    stop_hub
    sample_phase "$outage_seconds" during
    outage_to_ms=$(date +%s%3N)
    echo "[footprint] starting the hub again; measuring ${after_seconds} s while the agents drain and after" >&2
    start "$tmp/hub-again.log" -- dotnet "$hub_dll"
    hub_pid="$started_pid"
    wait_http "$hub_url/healthz" || die "the hub did not answer again on $hub_url (see $tmp/hub-again.log)"
    sample_phase "$after_seconds" after
    for i in "${!measured_pids[@]}"; do tail -60 "$tmp/after-rss-$i.txt" >"$tmp/settled-rss-$i.txt"; done
fi

# The hub writes what it holds on SIGTERM; then its host list says whether every agent delivered.
stop_hub
hosts_list="$(dotnet "$hub_dll" hosts list 2>&1 || true)"

# ---- table --------------------------------------------------------------------------------

elapsed=$(awk -v a="$t_start" -v b="$t_end" 'BEGIN { printf "%.3f", b - a }')
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
median_kib() { sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
max_kib() { sort -n "$1" | tail -1; }

declare -a cpu_per_min rss_max_kib
rows=""
for i in "${!measured_pids[@]}"; do
    ticks=$((cpu_end[i] - cpu_start[i]))
    cpu_per_min[$i]=$(awk -v t="$ticks" -v hz="$clk_tck" -v s="$elapsed" 'BEGIN { printf "%.3f", t / hz / s * 60 }')
    pct=$(awk -v t="$ticks" -v hz="$clk_tck" -v s="$elapsed" 'BEGIN { printf "%.3f", t / hz / s * 100 }')
    last="–"
    [[ -n "$t_last" ]] && last=$(awk -v t="$((cpu_end[i] - cpu_last[i]))" -v hz="$clk_tck" -v a="$t_last" -v b="$t_end" \
        'BEGIN { printf "%.3f", t / hz / (b - a) * 60 }')
    rss_max_kib[$i]=$(max_kib "$tmp/rss-$i.txt")
    label="${measured_names[$i]}"
    ((i < ${#envs[@]})) && [[ -n "${envs[$i]}" ]] && label+=" (\`$(echo ${envs[$i]})\`)"
    rows+="| $label | $(mib "$(median_kib "$tmp/rss-$i.txt")") | $(mib "${rss_max_kib[$i]}") | $(mib "$(median_kib "$tmp/anon-$i.txt")") / $(mib "$(median_kib "$tmp/file-$i.txt")") / $(mib "$(median_kib "$tmp/shmem-$i.txt")") | $(mib "${hwm[$i]}") | ${cpu_per_min[$i]} | ${last} | ${pct} % | $((ticks)) | ${thread_count[$i]} |"$'\n'
done

ne_index=$((${#measured_pids[@]} - 1))
verdicts=""
failed=0
for i in "${!agent_pids[@]}"; do
    rss_ok=$(awk -v k="${rss_max_kib[$i]}" -v g="$rss_goal_mib" 'BEGIN { print ((k / 1024 <= g) ? "PASS" : "MISS") }')
    cpu_ok=$(awk -v a="${cpu_per_min[$i]}" -v n="${cpu_per_min[$ne_index]}" 'BEGIN { print ((a <= n) ? "PASS" : "MISS") }')
    [[ "$rss_ok$cpu_ok" == PASSPASS ]] || { ((i == 0)) && failed=1; }
    verdicts+="| ${measured_names[$i]} | $(mib "${rss_max_kib[$i]}") MiB max | $rss_ok | ${cpu_per_min[$i]} s/min vs ${cpu_per_min[$ne_index]} | $cpu_ok |"$'\n'
done

delivered=""
for i in "${!names[@]}"; do
    seen="$(awk -v h="footprint-$i" '$2 == h { print $5, $6 }' <<<"$hosts_list")"
    delivered+="${names[$i]}: last frame stored at ${seen:-?} UTC, ${buffered[$i]}; "
done

table="$(cat <<EOF
- $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); load average at start $load_start, at end $load_end
- agent: $agent_build, commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown), interval ${interval} s, pushing to a Release hub on 127.0.0.1
- node_exporter: $("$node_exporter" --version 2>&1 | head -1 | sed 's/ (.*//'), Debian's default collectors, scraped every ${interval} s with gzip
- ${warmup} s warm-up, then ${elapsed} s measured; RSS sampled every second; CPU = utime + stime from /proc/PID/stat at both ends (1 tick = $((1000 / clk_tck)) ms)
- delivery check: ${delivered%; }

| Process | RSS median (MiB) | RSS max (MiB) | anon / file / shmem median (MiB) | VmHWM since start (MiB) | CPU s/min | CPU s/min, last 60 s | % of one core | CPU ticks | Threads |
|---|---|---|---|---|---|---|---|---|---|
${rows}
| Goal | Measured | RSS ≤ ${rss_goal_mib} MiB | CPU vs node_exporter | CPU ≤ node_exporter |
|---|---|---|---|---|
${verdicts}
EOF
)"

if ((outage_seconds > 0)); then
    # Frames collected during the outage that reached the hub's database afterwards, per agent.
    stored_during() {
        python3 - "$tmp/hub.db" "footprint-$1" "$outage_from_ms" "$outage_to_ms" <<'PY'
import sqlite3, sys
db, host, since, until = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with sqlite3.connect(db) as c:
    print(c.execute("SELECT count(*) FROM snapshots s JOIN hosts h ON h.id = s.host_id WHERE h.name = ? AND s.ts >= ? AND s.ts < ?",
                    (host, since, until)).fetchone()[0])
PY
    }
    outage_rows=""
    for i in "${!measured_pids[@]}"; do
        steady=$(median_kib "$tmp/rss-$i.txt")
        settled=$(median_kib "$tmp/settled-rss-$i.txt")
        ratio=$(awk -v a="$settled" -v s="$steady" 'BEGIN { printf "%.2f", a / s }')
        verdict="–"
        stored="–"
        if ((i < ${#agent_pids[@]})); then
            verdict=$(awk -v r="$ratio" -v g="$after_outage_factor" 'BEGIN { print ((r <= g) ? "PASS" : "MISS") }')
            [[ "$verdict" == PASS ]] || { ((i == 0)) && failed=1; }
            stored="$(stored_during "$i" 2>/dev/null || echo '?') of ~$(( (outage_to_ms - outage_from_ms) / 1000 / interval ))"
        fi
        outage_rows+="| ${measured_names[$i]} | $(mib "$steady") | $(mib "$(median_kib "$tmp/during-rss-$i.txt")") / $(mib "$(max_kib "$tmp/during-rss-$i.txt")") | $(mib "$(max_kib "$tmp/after-rss-$i.txt")") | $(mib "$settled") | ${ratio} × | ${verdict} | ${stored} |"$'\n'
    done
    table+=$'\n\n'"Outage: the hub stopped for ${outage_seconds} s, then ${after_seconds} s measured with it back; \"settled\" is the median of the last 60 s, judged against ${after_outage_factor} × the steady median above."$'\n\n'
    table+="| Process | steady median (MiB) | during outage median / max (MiB) | after: max while draining (MiB) | settled, last 60 s (MiB) | settled ÷ steady | ≤ ${after_outage_factor} × | outage frames stored |"$'\n'
    table+="|---|---|---|---|---|---|---|---|"$'\n'
    table+="${outage_rows}"
fi

echo
echo "$table"
if [[ -n "$report" ]]; then
    echo "$table" >"$report"
    echo "[footprint] table written to $report" >&2
fi
exit "$failed"
