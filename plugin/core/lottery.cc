#include "lottery.h"

namespace labproto {

const char *lottery_command_name(uint32_t value) {
    switch (static_cast<LotteryCommand>(value)) {
        case LotteryCommand::kGen:
            return "GEN";
        case LotteryCommand::kList:
            return "LIST";
        case LotteryCommand::kEnd:
            return "END";
    }
    return nullptr;
}

LotteryCommandValue read_lottery_command(const uint8_t *data) {
    const auto little =
        static_cast<uint32_t>(read_uint(data, kLotteryCommandLen, ByteOrder::kLittle));
    const auto big = static_cast<uint32_t>(read_uint(data, kLotteryCommandLen, ByteOrder::kBig));
    if (!lottery_command_name(little) && lottery_command_name(big)) return {big, ByteOrder::kBig};
    return {little, ByteOrder::kLittle};
}

LotteryLog::LotteryLog(Arena *arena) : commands_(ArenaAllocator<LotteryCommandEntry>(arena)) {}

uint32_t LotteryLog::add_command(uint32_t frame, uint32_t value, int64_t secs, int32_t nsecs) {
    LotteryCommandEntry entry;
    entry.frame = frame;
    entry.value = value;
    entry.secs = secs;
    entry.nsecs = nsecs;
    commands_.push_back(entry);
    return commands();
}

LotteryReplyLink LotteryLog::add_reply(uint32_t frame) {
    LotteryReplyLink link;
    if (commands_.empty() || commands_.back().value == static_cast<uint32_t>(LotteryCommand::kEnd))
        return link;
    LotteryCommandEntry &last = commands_.back();
    link.command = commands();
    link.continued = last.reply_frame != 0 && last.reply_frame != frame;
    if (!last.reply_frame) last.reply_frame = frame;
    return link;
}

const LotteryCommandEntry *LotteryLog::command(uint32_t number) const {
    return number >= 1 && number <= commands() ? &commands_[number - 1] : nullptr;
}

}  // namespace labproto
