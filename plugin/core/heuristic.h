// Recognising length-prefixed messages in data whose framing is not known:
// a TCP stream that is not on a labproto port (the heuristic), a stream on
// a labproto port that may belong to another protocol, and a stream whose
// start is not in the capture or whose data went missing.
#pragma once

#include <cstddef>
#include <cstdint>

#include "byte_order.h"
#include "length_prefix.h"

namespace labproto {

// Largest length believed in a segment that carries only a header; a lone
// header-sized segment is otherwise too weak a sign.
constexpr uint32_t kHeaderOnlyMaxLen = 65536;
// Smallest length the labproto_tcp heuristic believes in a segment that
// carries only a header: the lottery lab's commands (0 GEN, 1 LIST, 2 END)
// are 4-byte ints sent alone, and read as exactly that.
constexpr uint32_t kHeaderOnlyMinLen = 3;

// How much evidence to ask for.
enum class Evidence {
    kLength,    // the first header reads as a believable length
    kMessages,  // believable headers follow each other to the end of the data
    kText,      // ... and every body present is text (the labproto_tcp heuristic)
};

// Whether `data` (`captured` bytes of a `reported`-byte chunk) starts with a
// message, as far as `evidence` asks.
bool starts_with_message(const uint8_t *data, size_t captured, size_t reported,
                         const LengthPrefix &format, ByteOrderPref pref, Evidence evidence);

}  // namespace labproto
