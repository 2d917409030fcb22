// How a message announces its length: a header of `offset` bytes, then an
// unsigned length field of `width` bytes, then the body. The labs' protocol is
// the default: no offset, a 4-byte `int`, the body's length alone.
#pragma once

#include <cstdint>

#include "byte_order.h"

namespace labproto {

// Default for the max_len preference: far above any lab message, far below
// what would let a hostile length make us wait for or allocate gigabytes.
constexpr uint32_t kDefaultMaxLen = 1048576;
// The longest header a format may describe (a length field after a few
// bytes of type or version).
constexpr uint32_t kMaxHeaderLen = 16;

struct LengthPrefix {
    uint8_t offset = 0;          // header bytes before the length field
    uint8_t width = 4;           // 1, 2, 4 or 8
    bool counts_header = false;  // the field counts the header as well as the body
    uint32_t max_len = kDefaultMaxLen;

    uint32_t header_len() const { return uint32_t{offset} + width; }
    // Whether the fields make a usable format.
    bool valid() const;
};

enum class LengthVerdict {
    kOk,
    kZero,      // legal, but worth a note: an empty message
    kTooLarge,  // above max_len, or negative as the sender's signed int
    kTooSmall,  // counts the header but is shorter than it
};

struct MessageLength {
    uint64_t field = 0;  // the length field as read
    uint32_t body = 0;   // body bytes it announces (0 unless usable)
    LengthVerdict verdict = LengthVerdict::kOk;

    bool usable() const { return verdict == LengthVerdict::kOk || verdict == LengthVerdict::kZero; }
};

// Reads the length field of the header at `header` (header_len() bytes).
MessageLength read_message_length(const uint8_t *header, ByteOrder order,
                                  const LengthPrefix &format);

// The byte order of one direction. Chosen from the first header that can
// tell the orders apart: one reading is believable and the other is not, or
// both are and the smaller is taken (a lab message of 512 bytes in network
// order reads as 131072 the other way). A header that reads the same both
// ways (an empty message) decides nothing, so a big-endian stream whose first
// message is empty is not locked into little-endian. Once decided the order
// never changes, so every pass reads every header alike.
class ByteOrderChoice {
  public:
    ByteOrder order_for(const uint8_t *header, const LengthPrefix &format, ByteOrderPref pref);
    bool decided() const { return decided_; }

  private:
    bool decided_ = false;
    ByteOrder order_ = ByteOrder::kLittle;
};

}  // namespace labproto
