// The lottery lab: the client writes each command as a 4-byte `int` in host
// order (0 GEN, 1 LIST, 2 END) and the server answers GEN and LIST with a line
// of text, sent with its strlen or as the whole 256-byte buffer it was
// sprintf'd into; on END it closes. The replies carry no length, so a reply
// is whatever the server sends after a command and before the next one (the
// client waits for each answer before it sends again).
#pragma once

#include <cstdint>
#include <vector>

#include "arena.h"
#include "byte_order.h"

namespace labproto {

enum class LotteryCommand : uint32_t { kGen = 0, kList = 1, kEnd = 2 };

constexpr uint32_t kLotteryCommandLen = 4;

// "GEN", "LIST" or "END"; nullptr for a value the lab does not define.
const char *lottery_command_name(uint32_t value);

struct LotteryCommandValue {
    uint32_t value = 0;
    ByteOrder order = ByteOrder::kLittle;
};

// Reads the command at `data` (kLotteryCommandLen bytes). Lab machines (x86,
// ARM) send little-endian; a command reads big-endian only when that is the
// one reading that names a command.
LotteryCommandValue read_lottery_command(const uint8_t *data);

// A command as the first pass saw it.
struct LotteryCommandEntry {
    uint32_t frame = 0;
    uint32_t value = 0;
    int64_t secs = 0;  // when it was captured
    int32_t nsecs = 0;
    uint32_t reply_frame = 0;  // the first frame of its reply; 0: none (yet)
};

// What a frame of server data answers.
struct LotteryReplyLink {
    uint32_t command = 0;    // 1-based number of the command; 0: none awaits a reply
    bool continued = false;  // an earlier frame began this reply
};

// The commands of one connection and the replies that answer them, decided on
// the first pass in capture order and kept in the file's arena.
class LotteryLog {
  public:
    explicit LotteryLog(Arena *arena);

    // Records a command; returns its 1-based number.
    uint32_t add_command(uint32_t frame, uint32_t value, int64_t secs, int32_t nsecs);
    // Records server data in `frame`: it answers the last command, unless
    // that was END (the server should have closed) or there is none.
    LotteryReplyLink add_reply(uint32_t frame);
    // The command numbered `number`; nullptr when there is none.
    const LotteryCommandEntry *command(uint32_t number) const;
    uint32_t commands() const { return static_cast<uint32_t>(commands_.size()); }

  private:
    std::vector<LotteryCommandEntry, ArenaAllocator<LotteryCommandEntry>> commands_;
};

}  // namespace labproto
