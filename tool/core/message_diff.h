// How reports describe a message and an expected one side by side: texts
// with every invisible character visible and their lengths, the first
// character where they differ (with a caret position), and on request the
// bytes in hex.
#pragma once

#include <cstdint>
#include <string>

#include "check.h"
#include "message.h"
#include "spec.h"

namespace labcheck {

// "length 10, text "안녕하세요" (5 characters)" with every part it states.
std::string describe_expectation(const MessageExpectation &expected);

// "length 10, text "안녕하세요" (5 characters, 15 bytes)" with the parts `like`
// asks about (all when null); `hex` adds the body's bytes.
std::string describe_message(const ObservedMessage &message, const MessageExpectation *like,
                             bool hex);

// Expected message `expected_n` beside decoded message `actual_n`, which
// differ, with the caret on the first character where their texts do.
Mismatch differing_messages(uint64_t expected_n, const MessageExpectation &expected,
                            uint64_t actual_n, const ObservedMessage &actual, bool hex);

}  // namespace labcheck
