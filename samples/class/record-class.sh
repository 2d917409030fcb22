#!/usr/bin/env bash
# Records the class of lab 3 submissions in samples/class/: one real loopback
# capture per student, section-X/NN_name/lab.pcapng, made by the lab's client
# with the mistakes students make (lab_client --mistake, record.sh options):
#   sudo LAB_BUILD_DIR=<build>/samples samples/class/record-class.sh [NN_name...]
# With names only those students are recorded. The broken files and the
# Windows captures are then made from these by make-broken.py. Each recording
# is real traffic: ports, ISNs and timestamps differ from run to run.
set -euo pipefail

class_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
record=$class_dir/../record.sh
selected=("$@")

# student SECTION/NN_name [record.sh options] -- SERVER_ARGS... -- CLIENT_ARGS...
student() {
    local who=$1 opts=()
    shift
    while [[ $1 != -- ]]; do opts+=("$1"); shift; done
    if ((${#selected[@]})) && [[ " ${selected[*]} " != *" ${who#*/} "* ]]; then return 0; fi
    echo "== $who"
    LAB_CAPTURE_DIR=$class_dir "$record" "${opts[@]}" "$who/lab" "$@"
}

lines=("안녕하세요" "반가워요" "오늘따라 할 이야기가 많을 것 같네요" "저도 그렇네요")
messages() { for m in "$@"; do printf -- '--message\0%s\0' "$m"; done; }
as_args() { mapfile -d '' args < <(messages "$@"); }

# section A: correct runs, and what goes wrong with the texts
student section-A/01_kim -- -- --print
student section-A/02_lee -- --encoding cp949 -- --encoding cp949
student section-A/03_park -- -- --split single
as_args "안녕하세요" "반가워요" "오늘따라 할 이야기가 많을 것 같내요" "저도 그렇네요"
student section-A/04_choi -- -- "${args[@]}"                          # typo
as_args "Hello" "Nice to meet you" "I have a lot to say today" "Me too"
student section-A/05_jung -- -- "${args[@]}"                          # wrong language
as_args "${lines[0]}" "${lines[2]}" "${lines[3]}"
student section-A/06_kang -- -- "${args[@]}"                          # forgot message 2
as_args "${lines[@]}" "안녕히 가세요"
student section-A/07_cho -- -- "${args[@]}"                           # an extra message
as_args "${lines[0]}" "${lines[2]}" "${lines[1]}" "${lines[3]}"
student section-A/08_yoon -- -- "${args[@]}"                          # swapped 2 and 3
student section-A/09_jang -- -- --mistake nul-terminator
student section-A/10_lim -- -- --mistake padded-buffer

# section B: framing and the connection
student section-B/11_han -- -- --mistake fgets-newline
student section-B/12_oh -- -- --mistake crlf
student section-B/13_seo --client-may-fail -- -- --mistake length-in-chars
student section-B/14_shin --client-may-fail -- -- --mistake ascii-length
student section-B/15_kwon -- -- --close abort                         # RST instead of FIN
student section-B/16_hwang -- --close-first --after 4 -- --close wait # the server closes first
student section-B/17_ahn --port 9001 -- -- --print                    # the wrong port
student section-B/18_song --snaplen 60 -- --                          # snaplen 60
student section-B/19_ryu --early-stop 1000 -- -- --pause-before-close 2500  # no FIN yet
student section-B/20_jeon --late-capture 300 -- -- --pause-after-connect 1500  # after the SYN

# section C: what a correct run may come with, and broken files
student section-C/21_hong --late-server 500 -- -- --retry-refused     # refused, then right
student section-C/22_moon --noise -- --                               # unrelated traffic
student section-C/28_jo --wrong-interface -- --                       # no packets
student section-C/30_yoo -- -- --split coalesce
# A correct run saved with an upper-case extension: discovery lists it, unchecked.
student section-C/29_ha -- -- --split single
if [[ -f $class_dir/section-C/29_ha/lab.pcapng ]]; then
    mv "$class_dir/section-C/29_ha/lab.pcapng" "$class_dir/section-C/29_ha/lab.PCAPNG"
fi
