// Byte order of the 4-byte length field, and how it is chosen.
#pragma once

#include <cstdint>

namespace labproto {

enum class ByteOrder : uint8_t { kLittle = 0, kBig = 1 };

// The user's preference: a fixed order, or decide from the first header seen.
enum class ByteOrderPref : int { kAuto = 0, kLittle = 1, kBig = 2 };

const char *byte_order_name(ByteOrder order);

// Reads the length field from the first 4 bytes of `header`.
uint32_t read_length(const uint8_t header[4], ByteOrder order);

// Picks the order for a direction from its first header: a value that makes
// sense (0..max_len as a signed int) in only one order picks that order;
// otherwise little-endian, the order x86 lab machines send.
ByteOrder guess_byte_order(const uint8_t header[4], uint32_t max_len);

// The order to use given the preference and, for kAuto, the first header.
ByteOrder choose_byte_order(ByteOrderPref pref, const uint8_t header[4], uint32_t max_len);

}  // namespace labproto
