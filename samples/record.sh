#!/usr/bin/env bash
# Records one real loopback capture of the lab programs:
#   record.sh [--port N] [--no-server] NAME -- SERVER_ARGS... -- CLIENT_ARGS...
# dumpcap captures "tcp port N" on lo while lab_server (SERVER_ARGS) and then
# lab_client (CLIENT_ARGS) run; both get --port N. The result is
# samples/captures/NAME.pcapng with a capture comment saying how it was made.
# --no-server records a connection attempt without a listener (the client's
# failure is then expected). Run as root. The programs come from
# $LAB_BUILD_DIR (default: <repo>/build/samples).
set -euo pipefail

samples_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build_dir=${LAB_BUILD_DIR:-$samples_dir/../build/samples}
out_dir=${LAB_CAPTURE_DIR:-$samples_dir/captures}
port=9000
with_server=1

usage() {
    sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
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
        --no-server) with_server=0; shift ;;
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
[[ -x $build_dir/lab_server && -x $build_dir/lab_client ]] ||
    die "no lab_server/lab_client in $build_dir (set LAB_BUILD_DIR)"
server_listening && die "port $port is already in use"

work=$(mktemp -d)
dumpcap_pid=
server_pid=
cleanup() {
    [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null
    [[ -n $dumpcap_pid ]] && kill -INT "$dumpcap_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# Full snaplen (-s 0) so every body byte is kept; only this port's TCP.
dumpcap -i lo -s 0 -f "tcp port $port" -w "$work/raw.pcapng" -q 2>"$work/dumpcap.log" &
dumpcap_pid=$!
wait_for dumpcap_ready || die "dumpcap did not start: $(cat "$work/dumpcap.log")"

if ((with_server)); then
    "$build_dir/lab_server" --port "$port" "${server_args[@]}" >"$work/server.log" 2>&1 &
    server_pid=$!
    wait_for server_listening || die "server did not listen: $(cat "$work/server.log")"
fi

client_rc=0
timeout 30 "$build_dir/lab_client" --port "$port" "${client_args[@]}" >"$work/client.log" 2>&1 ||
    client_rc=$?
server_rc=0
if ((with_server)); then
    wait "$server_pid" || server_rc=$?
    server_pid=
fi
sleep 0.5  # let the last ACK/FIN of the teardown reach the capture
kill -INT "$dumpcap_pid"
wait "$dumpcap_pid"
dumpcap_pid=

sed 's/^/client: /' "$work/client.log"
((with_server)) && sed 's/^/server: /' "$work/server.log"
if ((with_server && client_rc != 0)); then die "client failed ($client_rc)"; fi
((client_rc != 0)) && echo "client exited $client_rc (expected: no server)"
((server_rc != 0)) && echo "server exited $server_rc"

# Record the exact command in the file itself so a capture explains its own origin.
comment="labproto sample $name: samples/record.sh --port $port"
((with_server)) || comment+=" --no-server"
comment+=" $name -- $(quoted "${server_args[@]}") -- $(quoted "${client_args[@]}")"
mkdir -p "$out_dir"
editcap -F pcapng --capture-comment "$comment" "$work/raw.pcapng" "$out_dir/$name.pcapng"
chmod 644 "$out_dir/$name.pcapng"
echo "wrote $out_dir/$name.pcapng"
tshark -r "$out_dir/$name.pcapng" -T fields -e frame.number -e tcp.srcport -e tcp.dstport \
    -e tcp.flags.str -e tcp.seq -e tcp.ack -e tcp.len
