#include "length_prefix.h"

namespace labproto {

bool LengthPrefix::valid() const {
    const bool width_ok = width == 1 || width == 2 || width == 4 || width == 8;
    return width_ok && header_len() <= kMaxHeaderLen;
}

MessageLength read_message_length(const uint8_t *header, ByteOrder order,
                                  const LengthPrefix &format) {
    MessageLength length;
    length.field = read_uint(header + format.offset, format.width, order);
    // Lab senders write a signed int (or long): the top bit set was negative.
    const bool negative = format.width >= 4 && (length.field >> (8 * format.width - 1)) != 0;
    uint64_t body = length.field;
    if (format.counts_header) {
        if (body < format.header_len()) {
            length.verdict = LengthVerdict::kTooSmall;
            return length;
        }
        body -= format.header_len();
    }
    if (negative || body > format.max_len) {
        length.verdict = LengthVerdict::kTooLarge;
        return length;
    }
    length.body = static_cast<uint32_t>(body);
    length.verdict = body == 0 ? LengthVerdict::kZero : LengthVerdict::kOk;
    return length;
}

ByteOrder ByteOrderChoice::order_for(const uint8_t *header, const LengthPrefix &format,
                                     ByteOrderPref pref) {
    if (pref == ByteOrderPref::kLittle) return ByteOrder::kLittle;
    if (pref == ByteOrderPref::kBig) return ByteOrder::kBig;
    if (decided_) return order_;
    const MessageLength little = read_message_length(header, ByteOrder::kLittle, format);
    const MessageLength big = read_message_length(header, ByteOrder::kBig, format);
    if (little.field == big.field) return ByteOrder::kLittle;          // tells nothing
    if (!little.usable() && !big.usable()) return ByteOrder::kLittle;  // malformed either way
    decided_ = true;
    if (little.usable() != big.usable())
        order_ = little.usable() ? ByteOrder::kLittle : ByteOrder::kBig;
    else
        order_ = little.body <= big.body ? ByteOrder::kLittle : ByteOrder::kBig;
    return order_;
}

}  // namespace labproto
