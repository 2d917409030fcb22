#include "length_prefix.h"

#include <gtest/gtest.h>

namespace labproto {
namespace {

MessageLength read_le(uint32_t value, const LengthPrefix &format = {}) {
    const uint8_t header[4] = {static_cast<uint8_t>(value), static_cast<uint8_t>(value >> 8),
                               static_cast<uint8_t>(value >> 16),
                               static_cast<uint8_t>(value >> 24)};
    return read_message_length(header, ByteOrder::kLittle, format);
}

TEST(ReadMessageLength, ClassifiesLabLengths) {
    EXPECT_EQ(read_le(0).verdict, LengthVerdict::kZero);
    EXPECT_EQ(read_le(1).verdict, LengthVerdict::kOk);
    EXPECT_EQ(read_le(kDefaultMaxLen).body, kDefaultMaxLen);
    EXPECT_EQ(read_le(kDefaultMaxLen + 1).verdict, LengthVerdict::kTooLarge);
}

TEST(ReadMessageLength, ANegativeIntIsTooLargeWhateverMaxLen) {
    LengthPrefix format;
    format.max_len = 0xFFFFFFFFu;
    EXPECT_EQ(read_le(0xFFFFFFFFu, format).verdict, LengthVerdict::kTooLarge);
    EXPECT_EQ(read_le(0x80000000u, format).verdict, LengthVerdict::kTooLarge);
    EXPECT_EQ(read_le(0x7FFFFFFFu, format).verdict, LengthVerdict::kOk);
    EXPECT_EQ(read_le(0x7FFFFFFFu).verdict, LengthVerdict::kTooLarge);
}

TEST(ReadMessageLength, ALengthThatCountsTheHeader) {
    LengthPrefix format;
    format.width = 2;
    format.offset = 2;  // e.g. a 2-byte type before the length
    format.counts_header = true;
    const uint8_t header[4] = {0xAA, 0xBB, 0x00, 0x0A};
    const MessageLength length = read_message_length(header, ByteOrder::kBig, format);
    EXPECT_EQ(length.field, 10u);
    EXPECT_EQ(length.body, 6u);
    const uint8_t short_one[4] = {0xAA, 0xBB, 0x00, 0x03};
    EXPECT_EQ(read_message_length(short_one, ByteOrder::kBig, format).verdict,
              LengthVerdict::kTooSmall);
}

TEST(LengthPrefix, KnowsWhichFormatsAreUsable) {
    LengthPrefix format;
    EXPECT_TRUE(format.valid());
    format.width = 3;
    EXPECT_FALSE(format.valid());
    format.width = 8;
    format.offset = 8;
    EXPECT_TRUE(format.valid());
    format.offset = 9;
    EXPECT_FALSE(format.valid());
}

}  // namespace
}  // namespace labproto
