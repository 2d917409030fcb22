// The ordered messages one direction must send. The decoded messages are
// aligned with the expected ones as a diff aligns lines (fewest changes), so
// a forgotten or extra message reads as "missing message 2" or "unexpected
// message 5", not as every later message being wrong.
#pragma once

#include "check.h"

namespace labcheck {

class MessageCheck : public Check {
  public:
    // `record` keeps every decoded message so that bless() can rewrite the
    // list; `hex` shows message bodies in hex in the differences.
    MessageCheck(Direction direction, MessageSequence expected, bool record, bool hex);

    void observe(const Frame &frame) override;
    void results(std::vector<CheckResult> &out) const override;
    void bless(ScopeExpectations &scope) const override;

    // One step of the alignment: an expected message, a decoded one, or both.
    struct Step {
        std::optional<size_t> expected, actual;  // indexes
        bool same = false;                       // both, and the message matches
    };

  private:
    void on_message(const ObservedMessage &message);
    std::vector<Step> align() const;
    std::string no_more() const;  // what the spec expects after its last message

    Direction direction_;
    MessageSequence expected_;
    bool record_, hex_;
    std::vector<ObservedMessage> kept_;  // the first decoded ones (all when recording)
    uint64_t seen_ = 0;                  // decoded in all
    std::optional<uint64_t> first_unkept_frame_;
};

bool message_matches(const MessageExpectation &expected, const ObservedMessage &actual);
// A spec entry that describes `actual` (long texts by their beginning).
MessageExpectation draft_message(const ObservedMessage &actual);

}  // namespace labcheck
