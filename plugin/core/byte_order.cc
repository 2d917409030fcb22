#include "byte_order.h"

namespace labproto {

const char *byte_order_name(ByteOrder order) {
    return order == ByteOrder::kBig ? "big-endian" : "little-endian";
}

uint64_t read_uint(const uint8_t *data, size_t width, ByteOrder order) {
    uint64_t value = 0;
    for (size_t i = 0; i < width; ++i) {
        const size_t at = order == ByteOrder::kBig ? i : width - 1 - i;
        value = value << 8 | data[at];
    }
    return value;
}

}  // namespace labproto
