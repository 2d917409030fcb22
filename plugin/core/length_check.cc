#include "length_check.h"

namespace labproto {

LengthVerdict check_length(uint32_t length, uint32_t max_len) {
    // The sender wrote a signed int: anything with the top bit set was negative.
    if (static_cast<int32_t>(length) < 0 || length > max_len) return LengthVerdict::kTooLarge;
    if (length == 0) return LengthVerdict::kZero;
    return LengthVerdict::kOk;
}

}  // namespace labproto
