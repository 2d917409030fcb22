#include "direction_framing.h"

#include <gtest/gtest.h>

#include "length_check.h"

namespace labproto {
namespace {

constexpr uint8_t kBigTen[4] = {0, 0, 0, 10};
constexpr uint8_t kLittleTen[4] = {10, 0, 0, 0};

TEST(DirectionFraming, ByteOrderIsDecidedOnceFromTheFirstHeader) {
    DirectionFraming framing;
    EXPECT_EQ(framing.byte_order(ByteOrderPref::kAuto, kBigTen, kDefaultMaxLen), ByteOrder::kBig);
    // A later header that alone would say little-endian does not flip it.
    EXPECT_EQ(framing.byte_order(ByteOrderPref::kAuto, kLittleTen, kDefaultMaxLen),
              ByteOrder::kBig);
}

TEST(DirectionFraming, CountsMessagesFromOne) {
    DirectionFraming framing;
    EXPECT_EQ(framing.next_message_index(), 1u);
    EXPECT_EQ(framing.next_message_index(), 2u);
    EXPECT_EQ(framing.messages(), 2u);
}

TEST(DirectionFraming, ContinuationsBelongToTheNumberedMessage) {
    DirectionFraming framing;
    framing.header_at(1, 10, 4);
    EXPECT_EQ(framing.next_message_index(), 1u);
    EXPECT_EQ(framing.continued_message_index(), 1u);
    EXPECT_EQ(framing.messages(), 1u);
}

// TCP keeps a header for a reassembly that a segment cut short by the
// capture's snaplen never completes: only the body's continuation shows the
// message, and it must still get its own number.
TEST(DirectionFraming, NumbersAMessageOnlyItsContinuationShows) {
    DirectionFraming framing;
    framing.header_at(1, 39, 4);
    EXPECT_EQ(framing.continued_message_index(), 1u);
    EXPECT_EQ(framing.continued_message_index(), 1u);
    EXPECT_EQ(framing.next_message_index(), 2u);
}

TEST(DirectionFraming, FramingLossIsRememberedFromTheFirstFrame) {
    DirectionFraming framing;
    EXPECT_FALSE(framing.framing_lost_before(100));
    framing.lose_framing(7);
    framing.lose_framing(9);
    EXPECT_EQ(framing.framing_lost_at(), 7u);
    EXPECT_FALSE(framing.framing_lost_before(7));
    EXPECT_TRUE(framing.framing_lost_before(8));
}

TEST(DirectionFraming, RecognisesBodyContinuations) {
    DirectionFraming framing;
    EXPECT_EQ(framing.continuation_bytes(1, 10), 0u);  // nothing known yet
    framing.header_at(1, 10, 3);                       // body is [5, 15)
    EXPECT_EQ(framing.continuation_bytes(1, 4), 0u);   // the header itself
    EXPECT_EQ(framing.continuation_bytes(5, 10), 10u);
    EXPECT_EQ(framing.continuation_bytes(5, 14), 10u);  // body then the next header
    EXPECT_EQ(framing.continuation_bytes(9, 100), 6u);
    EXPECT_EQ(framing.continuation_bytes(15, 4), 0u);  // next header
}

TEST(DirectionFraming, IgnoresOlderHeadersAndWrapsSequenceSpace) {
    DirectionFraming framing;
    framing.header_at(0xFFFFFFF0u, 100, 1);  // body crosses the 2^32 wrap
    framing.header_at(0xFFFFFF00u, 5, 2);    // a retransmitted older header
    EXPECT_EQ(framing.continuation_bytes(0xFFFFFFF4u, 50), 50u);
    EXPECT_EQ(framing.continuation_bytes(0x10u, 200), 72u);  // body ends at 0x58
}

// With max_len raised, a message may claim 0x7FFFFFFF bytes: header and body
// then span more sequence space than a signed 32-bit distance reaches.
TEST(DirectionFraming, KeepsTheLastBytesOfALargestMessage) {
    DirectionFraming framing;
    framing.header_at(0xFFFFFFF0u, 0x7FFFFFFFu, 1);  // body is [0xFFFFFFF4, 0x7FFFFFF3)
    EXPECT_EQ(framing.continuation_bytes(0x7FFFFFF0u, 10), 3u);
    EXPECT_EQ(framing.continuation_bytes(0x7FFFFFF3u, 10), 0u);  // the next header
    CutMessage cut{};
    ASSERT_TRUE(framing.message_cut_at(0x7FFFFFF2u, cut));
    EXPECT_EQ(cut.present, 0x7FFFFFFEu);
    EXPECT_FALSE(framing.message_cut_at(0x7FFFFFF3u, cut));
}

TEST(DirectionFraming, FindsTheMessageAStreamEndCuts) {
    DirectionFraming framing;
    CutMessage cut{};
    EXPECT_FALSE(framing.message_cut_at(100, cut));
    EXPECT_EQ(framing.last_header_frame(), 0u);
    framing.next_message_index();
    framing.header_at(1, 35, 12);  // message #2: header [1,5), body [5,40)
    EXPECT_EQ(framing.last_header_frame(), 12u);
    ASSERT_TRUE(framing.message_cut_at(15, cut));
    EXPECT_EQ(cut.index, 2u);
    EXPECT_EQ(cut.length, 35u);
    EXPECT_EQ(cut.present, 10u);
    ASSERT_TRUE(framing.message_cut_at(3, cut));  // inside the header
    EXPECT_EQ(cut.present, 0u);
    EXPECT_FALSE(framing.message_cut_at(40, cut));  // the body was all sent
}

}  // namespace
}  // namespace labproto
