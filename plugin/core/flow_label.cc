#include "flow_label.h"

namespace labproto {

std::string tcp_flags_text(uint16_t flags) {
    // In bit order, as TCP's dissector lists them (bit 8 is AE, once NS).
    static const char *const kNames[] = {"FIN", "SYN", "RST", "PSH", "ACK",
                                         "URG", "ECE", "CWR", "AE"};
    std::string out;
    for (unsigned bit = 0; bit < sizeof kNames / sizeof kNames[0]; ++bit) {
        if (!(flags & (1u << bit))) continue;
        if (!out.empty()) out += ", ";
        out += kNames[bit];
    }
    return out.empty() ? "<None>" : out;
}

std::string flow_label(const std::string &messages, const std::string &events,
                       const FlowSegment &segment) {
    std::string out = messages;
    if (out.empty()) {
        out = tcp_flags_text(segment.flags);
        if (segment.length) out += " Len=" + std::to_string(segment.length);
    }
    if (!events.empty()) out += " " + events;
    return out;
}

std::string flow_comment(const FlowSegment &segment) {
    return tcp_flags_text(segment.flags) + " Seq=" + std::to_string(segment.seq) +
           " Ack=" + std::to_string(segment.ack) + " Len=" + std::to_string(segment.length);
}

}  // namespace labproto
