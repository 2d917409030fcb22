#include "byte_order.h"

#include <gtest/gtest.h>

#include "length_prefix.h"

namespace labproto {
namespace {

constexpr uint8_t kTen[4] = {0x0A, 0x00, 0x00, 0x00};     // 10, little-endian
constexpr uint8_t kTenBig[4] = {0x00, 0x00, 0x00, 0x0A};  // 10, big-endian

TEST(ReadUint, ReadsEveryWidthInBothOrders) {
    constexpr uint8_t bytes[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    EXPECT_EQ(read_uint(bytes, 1, ByteOrder::kBig), 0x01u);
    EXPECT_EQ(read_uint(bytes, 2, ByteOrder::kLittle), 0x0201u);
    EXPECT_EQ(read_uint(bytes, 2, ByteOrder::kBig), 0x0102u);
    EXPECT_EQ(read_uint(bytes, 4, ByteOrder::kLittle), 0x04030201u);
    EXPECT_EQ(read_uint(bytes, 8, ByteOrder::kBig), 0x0102030405060708ull);
    EXPECT_EQ(read_uint(bytes, 8, ByteOrder::kLittle), 0x0807060504030201ull);
}

ByteOrder first_choice(const uint8_t *header, uint32_t max_len = kDefaultMaxLen) {
    LengthPrefix format;
    format.max_len = max_len;
    ByteOrderChoice choice;
    return choice.order_for(header, format, ByteOrderPref::kAuto);
}

TEST(ByteOrderChoice, PicksTheOnlyOrderThatMakesSense) {
    EXPECT_EQ(first_choice(kTen), ByteOrder::kLittle);
    EXPECT_EQ(first_choice(kTenBig), ByteOrder::kBig);
    constexpr uint8_t be_300[4] = {0x00, 0x00, 0x01, 0x2C};  // BE 300, LE 0x2C010000
    EXPECT_EQ(first_choice(be_300, 1000), ByteOrder::kBig);
}

TEST(ByteOrderChoice, TwoBelievableReadingsTakeTheSmaller) {
    constexpr uint8_t le_512[4] = {0x00, 0x02, 0x00, 0x00};  // LE 512, BE 131072
    constexpr uint8_t be_512[4] = {0x00, 0x00, 0x02, 0x00};  // BE 512, LE 131072
    EXPECT_EQ(first_choice(le_512), ByteOrder::kLittle);
    EXPECT_EQ(first_choice(be_512), ByteOrder::kBig);
}

TEST(ByteOrderChoice, AHeaderThatReadsTheSameBothWaysDecidesNothing) {
    LengthPrefix format;
    ByteOrderChoice choice;
    constexpr uint8_t zero[4] = {0, 0, 0, 0};
    EXPECT_EQ(choice.order_for(zero, format, ByteOrderPref::kAuto), ByteOrder::kLittle);
    EXPECT_FALSE(choice.decided());
    EXPECT_EQ(choice.order_for(kTenBig, format, ByteOrderPref::kAuto), ByteOrder::kBig);
    EXPECT_TRUE(choice.decided());
    EXPECT_EQ(choice.order_for(kTen, format, ByteOrderPref::kAuto), ByteOrder::kBig);  // kept
}

TEST(ByteOrderChoice, AMalformedHeaderDecidesNothing) {
    LengthPrefix format;
    ByteOrderChoice choice;
    constexpr uint8_t garbage[4] = {0xBE, 0xC8, 0xB3, 0xE7};  // CP949 text, both negative
    EXPECT_EQ(choice.order_for(garbage, format, ByteOrderPref::kAuto), ByteOrder::kLittle);
    EXPECT_FALSE(choice.decided());
}

TEST(ByteOrderChoice, AForcedPreferenceWins) {
    LengthPrefix format;
    ByteOrderChoice choice;
    EXPECT_EQ(choice.order_for(kTen, format, ByteOrderPref::kBig), ByteOrder::kBig);
    EXPECT_EQ(choice.order_for(kTenBig, format, ByteOrderPref::kLittle), ByteOrder::kLittle);
}

}  // namespace
}  // namespace labproto
