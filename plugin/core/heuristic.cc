#include "heuristic.h"

#include "text_decoder.h"

namespace labproto {
namespace {

constexpr int kMaxMessagesChecked = 16;

bool is_text(const uint8_t *data, size_t size) {
    for (size_t i = 0; i < size; ++i) {
        uint8_t c = data[i];
        if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F) return false;
    }
    return decode_text(data, size, TextEncoding::kAuto).has_text;
}

// Follows the headers from the start of the data: true when each is
// believable and they reach the end of the chunk.
bool headers_chain(const uint8_t *data, size_t captured, size_t reported,
                   const LengthPrefix &format, ByteOrder order, bool require_text) {
    const size_t header_len = format.header_len();
    size_t offset = 0;
    for (int i = 0; i < kMaxMessagesChecked && offset + header_len <= captured; ++i) {
        const MessageLength length = read_message_length(data + offset, order, format);
        if (!length.usable()) return false;
        const size_t body = offset + header_len;
        const size_t body_end = body + length.body;
        const size_t present = (body_end < captured ? body_end : captured) - body;
        if (require_text && !is_text(data + body, present)) return false;
        if (body_end >= reported) return true;  // the last message, maybe continued later
        offset = body_end;
    }
    return true;  // a header split across chunks, or more messages than we look at
}

}  // namespace

bool starts_with_message(const uint8_t *data, size_t captured, size_t reported,
                         const LengthPrefix &format, ByteOrderPref pref, Evidence evidence) {
    const size_t header_len = format.header_len();
    if (captured < header_len || captured > reported) return false;
    ByteOrderChoice choice;
    const ByteOrder order = choice.order_for(data, format, pref);
    const MessageLength first = read_message_length(data, order, format);
    if (!first.usable()) return false;
    if (evidence == Evidence::kLength) return true;
    // An empty first message, or a lone header announcing a huge body, is
    // too weak a sign on its own.
    if (first.verdict == LengthVerdict::kZero && reported == header_len) return false;
    // A lone header announcing 1 or 2 bytes is as likely a lottery command:
    // the heuristic waits for data that says more (a lab's next message).
    if (reported == header_len && evidence == Evidence::kText && first.body < kHeaderOnlyMinLen)
        return false;
    if (reported == header_len) return first.body <= kHeaderOnlyMaxLen;
    if (evidence == Evidence::kText && first.verdict == LengthVerdict::kZero) return false;
    return headers_chain(data, captured, reported, format, order, evidence == Evidence::kText);
}

}  // namespace labproto
