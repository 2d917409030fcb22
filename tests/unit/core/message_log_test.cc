#include "message_log.h"

#include <gtest/gtest.h>

namespace labproto {
namespace {

constexpr uint8_t kHeaderTen[4] = {10, 0, 0, 0};

TEST(MessageLog, LaterPassesFindEachFramesIndexes) {
    MessageLog log;
    log.numbered(4, 1);  // frame 4: messages 1..3
    log.numbered(6, 4);  // frame 6: message 4
    log.numbered(9, 5);
    EXPECT_EQ(log.index_in(4, 0), 1u);
    EXPECT_EQ(log.index_in(4, 2), 3u);
    EXPECT_EQ(log.index_in(6, 0), 4u);
    EXPECT_EQ(log.index_in(9, 0), 5u);
}

TEST(MessageLog, AFrameThatNumberedNothingHasNoIndex) {
    MessageLog log;
    EXPECT_EQ(log.index_in(4, 0), 0u);
    log.numbered(4, 1);
    EXPECT_EQ(log.index_in(3, 0), 0u);
    EXPECT_EQ(log.index_in(5, 0), 0u);
}

TEST(MessageLog, AFrameKeepsItsFirstNumbering) {
    MessageLog log;
    log.numbered(4, 1);
    log.numbered(4, 7);
    EXPECT_EQ(log.index_in(4, 0), 1u);
}

TEST(MessageLog, PairsASplitHeaderWithTheBodyAtItsSequenceNumber) {
    MessageLog log;
    log.split_header(4, 1, 10, kHeaderTen, 105);
    EXPECT_EQ(log.awaiting_body_at(104), nullptr);
    const SplitMessage *split = log.awaiting_body_at(105);
    ASSERT_NE(split, nullptr);
    EXPECT_EQ(split->index, 1u);
    EXPECT_EQ(split->length, 10u);
    EXPECT_EQ(split->header[0], 10);
    log.body_found(6);
    EXPECT_EQ(log.awaiting_body_at(105), nullptr);  // shown once
    EXPECT_EQ(log.split_with_header_in(4), log.split_with_body_in(6));
    EXPECT_EQ(log.split_with_body_in(6)->header_frame, 4u);
    EXPECT_EQ(log.split_with_body_starting_in(6)->body_frame, 6u);
    EXPECT_EQ(log.split_with_body_in(4), nullptr);
}

// A body longer than its segment: TCP reassembles it from the segment it
// starts in; labproto shows it where TCP completes it.
TEST(MessageLog, RemembersWhereAReassembledBodyStarted) {
    MessageLog log;
    log.split_header(4, 1, 5000, kHeaderTen, 105);
    log.body_started(6);
    EXPECT_NE(log.awaiting_body_at(105), nullptr);
    EXPECT_EQ(log.split_with_body_starting_in(6)->index, 1u);
    EXPECT_EQ(log.split_with_body_in(6), nullptr);
    log.body_found(10);
    EXPECT_EQ(log.split_with_body_in(10)->body_start_frame, 6u);
    EXPECT_EQ(log.split_with_body_starting_in(6)->body_frame, 10u);
}

TEST(MessageLog, FindsEverySplitOfALongStream) {
    MessageLog log;
    for (uint32_t i = 1; i <= 1000; ++i) {
        log.split_header(2 * i, i, 10, kHeaderTen, 14 * i);
        log.body_found(2 * i + 1);
    }
    log.split_header(5000, 1001, 10, kHeaderTen, 99999);  // its body not seen yet
    for (uint32_t i = 1; i <= 1000; ++i) {
        ASSERT_NE(log.split_with_header_in(2 * i), nullptr) << i;
        EXPECT_EQ(log.split_with_header_in(2 * i)->index, i);
        ASSERT_NE(log.split_with_body_in(2 * i + 1), nullptr) << i;
        EXPECT_EQ(log.split_with_body_in(2 * i + 1)->index, i);
    }
    EXPECT_EQ(log.split_with_header_in(5000)->body_frame, 0u);
    EXPECT_EQ(log.split_with_body_in(0), nullptr);
    EXPECT_EQ(log.split_with_body_starting_in(0), nullptr);
}

// The header's body never came (the stream went elsewhere): the next split
// header takes its place, and only it is awaited.
TEST(MessageLog, ANewSplitHeaderSupersedesOneWhoseBodyNeverCame) {
    MessageLog log;
    log.split_header(4, 1, 10, kHeaderTen, 105);
    log.split_header(8, 2, 10, kHeaderTen, 200);
    EXPECT_EQ(log.awaiting_body_at(105), nullptr);
    EXPECT_EQ(log.awaiting_body_at(200)->index, 2u);
    EXPECT_EQ(log.split_with_header_in(4), nullptr);
}

}  // namespace
}  // namespace labproto
