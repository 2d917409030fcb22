// Byte order of a length field, and how a direction's order is chosen.
#pragma once

#include <cstddef>
#include <cstdint>

namespace labproto {

enum class ByteOrder : uint8_t { kLittle = 0, kBig = 1 };

// The user's preference: a fixed order, or decide from the headers seen.
enum class ByteOrderPref : int { kAuto = 0, kLittle = 1, kBig = 2 };

const char *byte_order_name(ByteOrder order);

// Reads an unsigned integer of `width` bytes (1 to 8).
uint64_t read_uint(const uint8_t *data, size_t width, ByteOrder order);

}  // namespace labproto
