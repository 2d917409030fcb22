#include "byte_order.h"

#include <gtest/gtest.h>

#include "length_check.h"

namespace labproto {
namespace {

constexpr uint8_t kTen[4] = {0x0A, 0x00, 0x00, 0x00};        // 10, little-endian
constexpr uint8_t kTenBig[4] = {0x00, 0x00, 0x00, 0x0A};     // 10, big-endian
constexpr uint8_t kBothSmall[4] = {0x00, 0x01, 0x00, 0x00};  // LE 256, BE 65536

TEST(ReadLength, ReadsBothOrders) {
    EXPECT_EQ(read_length(kTen, ByteOrder::kLittle), 10u);
    EXPECT_EQ(read_length(kTen, ByteOrder::kBig), 0x0A000000u);
    EXPECT_EQ(read_length(kTenBig, ByteOrder::kBig), 10u);
    constexpr uint8_t all[4] = {0xFF, 0xFF, 0xFF, 0xFF};
    EXPECT_EQ(read_length(all, ByteOrder::kLittle), 0xFFFFFFFFu);
}

TEST(GuessByteOrder, PicksTheOnlyOrderThatMakesSense) {
    EXPECT_EQ(guess_byte_order(kTen, kDefaultMaxLen), ByteOrder::kLittle);
    EXPECT_EQ(guess_byte_order(kTenBig, kDefaultMaxLen), ByteOrder::kBig);
}

TEST(GuessByteOrder, TiesGoToLittleEndian) {
    EXPECT_EQ(guess_byte_order(kBothSmall, kDefaultMaxLen), ByteOrder::kLittle);
    constexpr uint8_t zero[4] = {0, 0, 0, 0};
    EXPECT_EQ(guess_byte_order(zero, kDefaultMaxLen), ByteOrder::kLittle);
    constexpr uint8_t garbage[4] = {0xBE, 0xC8, 0xB3, 0xE7};  // CP949 text, both negative
    EXPECT_EQ(guess_byte_order(garbage, kDefaultMaxLen), ByteOrder::kLittle);
}

TEST(GuessByteOrder, RespectsMaxLen) {
    // LE 256 / BE 65536: with max_len 1000 only little-endian fits.
    EXPECT_EQ(guess_byte_order(kBothSmall, 1000), ByteOrder::kLittle);
    constexpr uint8_t be_300[4] = {0x00, 0x00, 0x01, 0x2C};  // BE 300, LE 0x2C010000
    EXPECT_EQ(guess_byte_order(be_300, 1000), ByteOrder::kBig);
}

TEST(ChooseByteOrder, ForcedPreferenceWins) {
    EXPECT_EQ(choose_byte_order(ByteOrderPref::kBig, kTen, kDefaultMaxLen), ByteOrder::kBig);
    EXPECT_EQ(choose_byte_order(ByteOrderPref::kLittle, kTenBig, kDefaultMaxLen),
              ByteOrder::kLittle);
    EXPECT_EQ(choose_byte_order(ByteOrderPref::kAuto, kTenBig, kDefaultMaxLen), ByteOrder::kBig);
}

}  // namespace
}  // namespace labproto
