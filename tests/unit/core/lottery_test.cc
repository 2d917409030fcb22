#include "lottery.h"

#include <gtest/gtest.h>

#include <string>

#include "stream_driver.h"

namespace labproto {
namespace {

using labproto_test::le32;

LotteryCommandValue command_of(const std::string &bytes) {
    return read_lottery_command(reinterpret_cast<const uint8_t *>(bytes.data()));
}

TEST(Lottery, NamesTheLabsCommands) {
    EXPECT_STREQ(lottery_command_name(0), "GEN");
    EXPECT_STREQ(lottery_command_name(1), "LIST");
    EXPECT_STREQ(lottery_command_name(2), "END");
    EXPECT_EQ(lottery_command_name(3), nullptr);
}

TEST(Lottery, ReadsHostOrderAndBigEndianOnlyWhenThatNamesACommand) {
    EXPECT_EQ(command_of(le32(1)).value, 1u);
    EXPECT_EQ(command_of(le32(1)).order, ByteOrder::kLittle);
    const LotteryCommandValue big = command_of(std::string("\0\0\0\x02", 4));
    EXPECT_EQ(big.value, 2u);
    EXPECT_EQ(big.order, ByteOrder::kBig);
    // Neither reading names a command: shown as the host (little-endian) value.
    EXPECT_EQ(command_of(le32(7)).value, 7u);
    EXPECT_EQ(command_of(le32(7)).order, ByteOrder::kLittle);
}

class LotteryLogTest : public ::testing::Test {
  protected:
    labproto_test::MallocArena arena;
    LotteryLog log{&arena};
};

TEST_F(LotteryLogTest, EachReplyAnswersTheCommandBeforeIt) {
    EXPECT_EQ(log.add_command(4, 0, 10, 0), 1u);
    LotteryReplyLink reply = log.add_reply(6);
    EXPECT_EQ(reply.command, 1u);
    EXPECT_FALSE(reply.continued);
    EXPECT_EQ(log.add_command(8, 1, 11, 0), 2u);
    EXPECT_EQ(log.add_reply(10).command, 2u);
    EXPECT_EQ(log.command(1)->reply_frame, 6u);
    EXPECT_EQ(log.command(2)->reply_frame, 10u);
    EXPECT_EQ(log.command(2)->value, 1u);
}

TEST_F(LotteryLogTest, AReplyInTwoSegmentsContinuesInTheSecond) {
    log.add_command(4, 0, 0, 0);
    EXPECT_FALSE(log.add_reply(6).continued);
    const LotteryReplyLink rest = log.add_reply(7);
    EXPECT_EQ(rest.command, 1u);
    EXPECT_TRUE(rest.continued);
    EXPECT_EQ(log.command(1)->reply_frame, 6u);  // the reply starts where it started
}

TEST_F(LotteryLogTest, DataWithNoCommandOrAfterEndAnswersNothing) {
    EXPECT_EQ(log.add_reply(3).command, 0u);  // the server spoke first
    log.add_command(4, 2, 0, 0);              // END: the server should close
    EXPECT_EQ(log.add_reply(5).command, 0u);
    EXPECT_EQ(log.command(1)->reply_frame, 0u);
    EXPECT_EQ(log.command(2), nullptr);
    EXPECT_EQ(log.command(0), nullptr);
}

}  // namespace
}  // namespace labproto
