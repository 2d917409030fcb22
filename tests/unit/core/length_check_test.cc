#include "length_check.h"

#include <gtest/gtest.h>

namespace labproto {
namespace {

TEST(CheckLength, ClassifiesLengths) {
    EXPECT_EQ(check_length(0, kDefaultMaxLen), LengthVerdict::kZero);
    EXPECT_EQ(check_length(1, kDefaultMaxLen), LengthVerdict::kOk);
    EXPECT_EQ(check_length(kDefaultMaxLen, kDefaultMaxLen), LengthVerdict::kOk);
    EXPECT_EQ(check_length(kDefaultMaxLen + 1, kDefaultMaxLen), LengthVerdict::kTooLarge);
}

TEST(CheckLength, NegativeIntIsTooLargeWhateverMaxLen) {
    EXPECT_EQ(check_length(0xFFFFFFFFu, 0xFFFFFFFFu), LengthVerdict::kTooLarge);
    EXPECT_EQ(check_length(0x80000000u, 0xFFFFFFFFu), LengthVerdict::kTooLarge);
    EXPECT_EQ(check_length(0x7FFFFFFFu, 0xFFFFFFFFu), LengthVerdict::kOk);
    EXPECT_EQ(check_length(0x7FFFFFFFu, kDefaultMaxLen), LengthVerdict::kTooLarge);
}

}  // namespace
}  // namespace labproto
