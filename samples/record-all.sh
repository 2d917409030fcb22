#!/usr/bin/env bash
# (Re)records every committed real capture in samples/captures/ with the exact
# arguments used for the committed files:
#   LAB_BUILD_DIR=<build>/samples samples/record-all.sh [NAME...]
# With NAMEs only those are recorded. Run as root. Each recording is real
# loopback traffic, so ports, ISNs and timestamps differ from run to run; the
# segment pattern does not (see README.md).
set -euo pipefail

samples_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
selected=("$@")

# rec NAME [record.sh options] -- SERVER_ARGS... -- CLIENT_ARGS...
rec() {
    local name=$1 opts=()
    shift
    while [[ $1 != -- ]]; do opts+=("$1"); shift; done
    if ((${#selected[@]})) && [[ " ${selected[*]} " != *" $name "* ]]; then return 0; fi
    echo "== $name"
    "$samples_dir/record.sh" "${opts[@]}" "$name" "$@"
}

rec lab_cp949 -- --encoding cp949 -- --encoding cp949 --print
rec utf8_echo -- --echo -- --expect-echo \
    --message "안녕하세요 labproto" --message "hello, world" --message "UTF-8 한글 + ASCII 123"
rec big_endian -- --byte-order big -- --byte-order big \
    --message "빅 엔디언" --message "network byte order" --message "길이 00 00 00 NN"
rec large_70k -- -- --big 70000 --message "끝"
rec coalesced -- -- --split coalesce \
    --message "하나" --message "둘" --message "셋" --message "넷" --message "다섯"
rec zero_length -- -- --message "첫 메시지" --zero --message "마지막 메시지"
rec other_port_9230 --port 9230 -- -- --print
rec close_client_first -- -- --message "안녕하세요" --close normal
rec close_server_first -- --close-first -- --message "안녕하세요" --close wait
rec abort_rst -- -- --message "안녕하세요" --close abort
rec half_close -- --reply-after-eof "잘 가요" -- --message "안녕하세요" --close half
rec refused --no-server -- -- --message "안녕하세요"
# The lottery lab: the same seed and commands, the replies written two ways.
rec lottery/strlen --lab lottery --port 10000 -- strlen 7 -- 0 0 0 1 0 0 0 0 1 2
rec lottery/whole_buffer --lab lottery --port 1235 -- whole 7 -- 0 0 0 1 0 0 0 0 1 2
# The file-transfer lab: a file ending in a short record, and one of whole records.
rec file_transfer/sample --lab file-transfer --port 7000 -- -- lab/ft_sample.txt
rec file_transfer/two_records --lab file-transfer --port 7001 -- -- lab/ft_two_records.txt
