// Validation of a claimed message length before anything trusts it.
#pragma once

#include <cstdint>

namespace labproto {

// Default for the max_len preference: far above any lab message, far below
// what would let a hostile length make us wait for or allocate gigabytes.
constexpr uint32_t kDefaultMaxLen = 1048576;
constexpr uint32_t kHeaderLen = 4;

enum class LengthVerdict {
    kOk,
    kZero,      // legal, but worth a note: an empty message
    kTooLarge,  // negative as the sender's `int`, or above max_len
};

LengthVerdict check_length(uint32_t length, uint32_t max_len);

}  // namespace labproto
