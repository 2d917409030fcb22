#!/usr/bin/env bash
# Records one real loopback capture of the lab programs:
#   record.sh [OPTIONS] NAME -- SERVER_ARGS... -- CLIENT_ARGS...
# dumpcap captures "tcp port N" on lo while lab_server (SERVER_ARGS) and then
# lab_client (CLIENT_ARGS) run; both get --port N. With --lab lottery they are
# lottery_server PORT SERVER_ARGS and lottery_client 127.0.0.1 PORT, and
# CLIENT_ARGS are the commands typed at its prompt; with --lab file-transfer
# ft_server PORT (in samples/) and ft_client 127.0.0.1 PORT CLIENT_ARGS LOCAL,
# CLIENT_ARGS being the path asked for, and what arrives must equal it. The result is
# samples/captures/NAME.pcapng (NAME may hold folders) with a capture comment
# saying how it was made. Run as root. The programs come from $LAB_BUILD_DIR
# (default: <repo>/build/samples). OPTIONS:
#   --port N           the lab's port (default 9000)
#   --lab NAME         fixed+variable (default), lottery or file-transfer: which lab's programs
#   --no-server        a connection attempt without a listener (the client fails)
#   --snaplen N        keep N bytes of each packet (dumpcap -s N)
#   --late-server MS   start the server MS ms after the client (--retry-refused)
#   --late-capture MS  start capturing MS ms after the client (--pause-after-connect)
#   --early-stop MS    stop capturing MS ms after the client (--pause-before-close)
#   --noise            before the lab, unrelated loopback traffic: DNS junk, an
#                      HTTP request and another TCP flow (samples/noise.py)
#   --wrong-interface  capture lo of an empty network namespace: no packets
#   --client-may-fail  a buggy client's failure (the server reset it) is no error
set -euo pipefail

samples_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build_dir=$(realpath -m "${LAB_BUILD_DIR:-$samples_dir/../build/samples}")
out_dir=${LAB_CAPTURE_DIR:-$samples_dir/captures}
port=9000
lab=fixed+variable
with_server=1
snaplen=0
late_server_ms=0
late_capture_ms=0
early_stop_ms=0
noise=0
wrong_interface=0
client_may_fail=0

usage() {
    sed -n '2,20s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
}

die() {
    echo "record.sh: $*" >&2
    exit 1
}

# Polls `condition` (a command) every 50 ms for at most 5 s.
wait_for() {
    local i
    for ((i = 0; i < 100; i++)); do
        if "$@"; then return 0; fi
        sleep 0.05
    done
    return 1
}

dumpcap_ready() { grep -q "^Capturing on" "$work/dumpcap.log" && [[ -s "$work/raw.pcapng" ]]; }
server_listening() { [[ -n $(ss -Hltn "sport = :$port") ]]; }

# Shell-quotes each argument (only where needed) so the comment can be pasted back.
quoted() {
    local arg out=()
    for arg in "$@"; do
        if [[ $arg =~ ^[A-Za-z0-9_.,:/=+-]+$ ]]; then
            out+=("$arg")
        else
            out+=("'${arg//\'/\'\\\'\'}'")
        fi
    done
    echo "${out[*]}"
}

while [[ $# -gt 0 && $1 == --* ]]; do
    case $1 in
        --port) port=$2; shift 2 ;;
        --lab) lab=$2; shift 2 ;;
        --no-server) with_server=0; shift ;;
        --snaplen) snaplen=$2; shift 2 ;;
        --late-server) late_server_ms=$2; shift 2 ;;
        --late-capture) late_capture_ms=$2; shift 2 ;;
        --early-stop) early_stop_ms=$2; shift 2 ;;
        --noise) noise=1; shift ;;
        --wrong-interface) wrong_interface=1; shift ;;
        --client-may-fail) client_may_fail=1; shift ;;
        *) usage ;;
    esac
done
[[ $# -ge 2 && $2 == -- ]] || usage
name=$1
shift 2
server_args=()
while [[ $# -gt 0 && $1 != -- ]]; do server_args+=("$1"); shift; done
[[ $# -gt 0 ]] || usage
shift
client_args=("$@")

[[ $EUID -eq 0 ]] || die "run as root (dumpcap on lo)"
case $lab in
    fixed+variable) programs=(lab_server lab_client) ;;
    lottery) programs=(lottery_server lottery_client) ;;
    file-transfer) programs=(ft_server ft_client) ;;
    *) die "unknown lab $lab (fixed+variable, lottery or file-transfer)" ;;
esac
[[ -x $build_dir/${programs[0]} && -x $build_dir/${programs[1]} ]] ||
    die "no ${programs[*]} in $build_dir (set LAB_BUILD_DIR)"
server_listening && die "port $port is already in use"

work=$(mktemp -d)
dumpcap_pid=
server_pid=
client_pid=
netns=
cleanup() {
    [[ -n $client_pid ]] && kill "$client_pid" 2>/dev/null
    [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null
    [[ -n $dumpcap_pid ]] && kill -INT "$dumpcap_pid" 2>/dev/null && wait "$dumpcap_pid"
    [[ -n $netns ]] && ip netns delete "$netns"
    rm -rf "$work"
}
trap cleanup EXIT

sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }

# Full snaplen (-s 0) so every body byte is kept, unless --snaplen; only the
# lab's port, and with --noise the ports of the unrelated traffic.
filter="tcp port $port"
((noise)) && filter+=" or udp port 53 or tcp port 8080 or tcp port 7777"
capture_prefix=()
if ((wrong_interface)); then
    netns=labrec-$$
    ip netns add "$netns"
    ip netns exec "$netns" ip link set lo up
    capture_prefix=(ip netns exec "$netns")
fi

start_capture() {
    "${capture_prefix[@]}" dumpcap -i lo -s "$snaplen" -f "$filter" -w "$work/raw.pcapng" -q \
        2>"$work/dumpcap.log" &
    dumpcap_pid=$!
    wait_for dumpcap_ready || die "dumpcap did not start: $(cat "$work/dumpcap.log")"
}

stop_capture() {
    [[ -n $dumpcap_pid ]] || return 0
    kill -INT "$dumpcap_pid"
    wait "$dumpcap_pid"
    dumpcap_pid=
}

start_server() {
    if [[ $lab == lottery ]]; then
        "$build_dir/lottery_server" "$port" "${server_args[@]}" >"$work/server.log" 2>&1 &
    elif [[ $lab == file-transfer ]]; then
        # Paths the client asks for are relative to samples/.
        (cd "$samples_dir" && exec "$build_dir/ft_server" "$port" "${server_args[@]}") \
            >"$work/server.log" 2>&1 &
    else
        "$build_dir/lab_server" --port "$port" "${server_args[@]}" >"$work/server.log" 2>&1 &
    fi
    server_pid=$!
    wait_for server_listening || die "server did not listen: $(cat "$work/server.log")"
}

((late_capture_ms)) || start_capture
((noise)) && /usr/bin/python3 "$samples_dir/noise.py"
((with_server && !late_server_ms)) && start_server

# The lottery client reads its commands from the user: one per line.
if [[ $lab == lottery ]]; then
    printf '%s\n' "${client_args[@]}" |
        timeout 30 "$build_dir/lottery_client" 127.0.0.1 "$port" >"$work/client.log" 2>&1 &
elif [[ $lab == file-transfer ]]; then
    timeout 30 "$build_dir/ft_client" 127.0.0.1 "$port" "${client_args[@]}" "$work/received" \
        >"$work/client.log" 2>&1 &
else
    timeout 30 "$build_dir/lab_client" --port "$port" "${client_args[@]}" >"$work/client.log" 2>&1 &
fi
client_pid=$!
if ((late_server_ms)); then sleep_ms "$late_server_ms"; start_server; fi
if ((late_capture_ms)); then sleep_ms "$late_capture_ms"; start_capture; fi
if ((early_stop_ms)); then sleep_ms "$early_stop_ms"; stop_capture; fi

client_rc=0
wait "$client_pid" || client_rc=$?
client_pid=
server_rc=0
if ((with_server)); then
    wait "$server_pid" || server_rc=$?
    server_pid=
fi
sleep 0.5  # let the last ACK/FIN of the teardown reach the capture
stop_capture

sed 's/^/client: /' "$work/client.log"
((with_server)) && sed 's/^/server: /' "$work/server.log"
if ((with_server && !client_may_fail && client_rc != 0)); then die "client failed ($client_rc)"; fi
((client_rc != 0)) && echo "client exited $client_rc (expected: no server, or a buggy client)"
if [[ $lab == file-transfer ]]; then
    cmp "$samples_dir/${client_args[0]}" "$work/received" ||
        die "the file received differs from ${client_args[0]}"
fi
((server_rc != 0)) && echo "server exited $server_rc"

# Record the exact command in the file itself so a capture explains its own origin.
comment="labproto sample $name: samples/record.sh --port $port"
[[ $lab == fixed+variable ]] || comment+=" --lab $lab"
((with_server)) || comment+=" --no-server"
((snaplen)) && comment+=" --snaplen $snaplen"
((late_server_ms)) && comment+=" --late-server $late_server_ms"
((late_capture_ms)) && comment+=" --late-capture $late_capture_ms"
((early_stop_ms)) && comment+=" --early-stop $early_stop_ms"
((noise)) && comment+=" --noise"
((wrong_interface)) && comment+=" --wrong-interface"
comment+=" $name -- $(quoted "${server_args[@]}") -- $(quoted "${client_args[@]}")"
mkdir -p "$(dirname "$out_dir/$name.pcapng")"
editcap -F pcapng --capture-comment "$comment" "$work/raw.pcapng" "$out_dir/$name.pcapng"
chmod 644 "$out_dir/$name.pcapng"
echo "wrote $out_dir/$name.pcapng"
tshark -r "$out_dir/$name.pcapng" -T fields -e frame.number -e tcp.srcport -e tcp.dstport \
    -e tcp.flags.str -e tcp.seq -e tcp.ack -e tcp.len
