#include "byte_order.h"

#include "length_check.h"

namespace labproto {

const char *byte_order_name(ByteOrder order) {
    return order == ByteOrder::kBig ? "big-endian" : "little-endian";
}

uint32_t read_length(const uint8_t header[4], ByteOrder order) {
    if (order == ByteOrder::kBig) {
        return uint32_t{header[0]} << 24 | uint32_t{header[1]} << 16 | uint32_t{header[2]} << 8 |
               uint32_t{header[3]};
    }
    return uint32_t{header[3]} << 24 | uint32_t{header[2]} << 16 | uint32_t{header[1]} << 8 |
           uint32_t{header[0]};
}

ByteOrder guess_byte_order(const uint8_t header[4], uint32_t max_len) {
    bool little_ok =
        check_length(read_length(header, ByteOrder::kLittle), max_len) != LengthVerdict::kTooLarge;
    bool big_ok =
        check_length(read_length(header, ByteOrder::kBig), max_len) != LengthVerdict::kTooLarge;
    return (big_ok && !little_ok) ? ByteOrder::kBig : ByteOrder::kLittle;
}

ByteOrder choose_byte_order(ByteOrderPref pref, const uint8_t header[4], uint32_t max_len) {
    switch (pref) {
        case ByteOrderPref::kLittle:
            return ByteOrder::kLittle;
        case ByteOrderPref::kBig:
            return ByteOrder::kBig;
        case ByteOrderPref::kAuto:
            break;
    }
    return guess_byte_order(header, max_len);
}

}  // namespace labproto
