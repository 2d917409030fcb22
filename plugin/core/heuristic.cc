#include "heuristic.h"

#include "byte_order.h"
#include "length_check.h"
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

}  // namespace

bool looks_like_labproto(const uint8_t *data, size_t captured, size_t reported, uint32_t max_len) {
    if (captured < kHeaderLen || captured > reported) return false;
    const ByteOrder order = guess_byte_order(data, max_len);
    const uint32_t first = read_length(data, order);
    if (check_length(first, max_len) != LengthVerdict::kOk) return false;
    if (reported == kHeaderLen) return first <= kHeaderOnlyMaxLen;

    size_t offset = 0;
    for (int i = 0; i < kMaxMessagesChecked && offset + kHeaderLen <= captured; ++i) {
        const uint32_t length = read_length(data + offset, order);
        if (check_length(length, max_len) == LengthVerdict::kTooLarge) return false;
        const size_t body = offset + kHeaderLen;
        const size_t body_end = body + length;
        if (!is_text(data + body, (body_end < captured ? body_end : captured) - body)) return false;
        if (body_end >= reported) return true;  // last message, maybe continued later
        offset = body_end;
    }
    return true;  // a split header or more messages than we look at
}

}  // namespace labproto
