// The text of one TCP segment's arrow in the ladder diagram (Statistics >
// Flow Graph, tshark -z flow,labproto): what the segment carried for the
// lab, which TCP alone cannot say.
#pragma once

#include <cstdint>
#include <string>

namespace labproto {

// What the diagram shows of a segment's TCP header; sequence numbers as TCP
// shows them (relative when TCP's preference says so).
struct FlowSegment {
    uint16_t flags = 0;  // TCP flag bits (tcp_header.h)
    uint32_t seq = 0;
    uint32_t ack = 0;
    uint32_t length = 0;  // bytes of data
};

// The flags as TCP's Info column names them: "SYN, ACK"; "<None>" for none.
std::string tcp_flags_text(uint16_t flags);

// The arrow's label: the segment's `messages` (message lines, e.g.
// `#3 len=35 "오늘따라 할 이야기가…"`) or, when it carried none, its flags and
// length (`ACK`, `PSH, ACK Len=4`); then the connection `events` it was
// (e.g. `[Handshake 1/3]`). Either may be empty.
std::string flow_label(const std::string &messages, const std::string &events,
                       const FlowSegment &segment);

// The comment beside the arrow: `PSH, ACK Seq=1 Ack=1 Len=4`.
std::string flow_comment(const FlowSegment &segment);

}  // namespace labproto
