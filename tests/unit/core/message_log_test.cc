#include "message_log.h"

#include <gtest/gtest.h>

#include "stream_driver.h"

namespace labproto {
namespace {

labproto_test::MallocArena arena;

TEST(MessageLog, LaterPassesFindEachFramesIndexes) {
    MessageLog log(&arena);
    log.numbered(4, 1);  // frame 4: messages 1..3
    log.numbered(6, 4);  // frame 6: message 4
    log.numbered(9, 5);
    EXPECT_EQ(log.index_in(4, 0), 1u);
    EXPECT_EQ(log.index_in(4, 2), 3u);
    EXPECT_EQ(log.index_in(6, 0), 4u);
    EXPECT_EQ(log.index_in(9, 0), 5u);
}

TEST(MessageLog, AFrameThatNumberedNothingHasNoIndex) {
    MessageLog log(&arena);
    EXPECT_EQ(log.index_in(4, 0), 0u);
    log.numbered(4, 1);
    EXPECT_EQ(log.index_in(3, 0), 0u);
    EXPECT_EQ(log.index_in(5, 0), 0u);
}

TEST(MessageLog, AFrameKeepsItsFirstNumbering) {
    MessageLog log(&arena);
    log.numbered(4, 1);
    log.numbered(4, 7);
    EXPECT_EQ(log.index_in(4, 0), 1u);
}

TEST(MessageLog, FindsSplitMessagesByTheFramesOfTheirHeaderAndBody) {
    MessageLog log(&arena);
    for (uint32_t i = 0; i < 100; ++i) {
        SplitMessage split;
        split.index = i + 1;
        split.header_frame = 10 + 4 * i;
        split.body_start_frame = 12 + 4 * i;
        split.body_frame = i % 2 ? 12 + 4 * i : 13 + 4 * i;  // odd ones reassembled by TCP
        split.body_seq = 0xFFFFFF00u + 20 * i;               // across the 2^32 wrap
        log.add_split(split);
    }
    EXPECT_EQ(log.split_with_header_in(14)->index, 2u);
    EXPECT_EQ(log.split_with_header_in(15), nullptr);
    EXPECT_EQ(log.split_with_body_in(16)->index, 2u);
    EXPECT_EQ(log.split_with_body_in(12)->index, 1u);  // started there
    EXPECT_EQ(log.split_with_body_in(13)->index, 1u);  // shown there
    EXPECT_EQ(log.split_with_body_in(11), nullptr);
    EXPECT_EQ(log.split_with_body_in(9), nullptr);
}

TEST(MessageLog, FindsAChunkByFrameAndSequenceNumber) {
    MessageLog log(&arena);
    ChunkEntry first;
    first.frame = 8;
    first.seq = 100;
    first.lead = Lead::kOldData;
    ChunkEntry second = first;
    second.seq = 150;  // the rest of the segment after a reassembled message
    second.lead = Lead::kMissingStart;
    log.add_chunk(first);
    log.add_chunk(second);
    EXPECT_EQ(log.chunk_at(8, 150)->lead, Lead::kMissingStart);
    EXPECT_EQ(log.chunk_at(8, 100)->lead, Lead::kOldData);
    EXPECT_EQ(log.chunk_at(8, 120), nullptr);
    EXPECT_EQ(log.chunk_at(9, 100), nullptr);
}

}  // namespace
}  // namespace labproto
