// The ordered messages one direction must send: the n-th message decoded in
// that direction is compared with the n-th expected one. Holds only the
// mismatches (and, when blessing, what was decoded), not the capture.
#pragma once

#include "check.h"

namespace labcheck {

class MessageCheck : public Check {
  public:
    // `record` keeps every decoded message so that bless() can rewrite the list.
    MessageCheck(Direction direction, MessageSequence expected, bool record);

    void observe(const Frame &frame) override;
    void results(std::vector<CheckResult> &out) const override;
    void bless(ScopeExpectations &scope) const override;

  private:
    void on_message(const ObservedMessage &message);

    Direction direction_;
    MessageSequence expected_;
    bool record_;
    uint64_t seen_ = 0;
    MismatchList mismatches_;
    std::vector<bool> matched_;  // by expected index
    std::vector<ObservedMessage> recorded_;
};

bool message_matches(const MessageExpectation &expected, const ObservedMessage &actual);
// A spec entry that describes `actual` (long texts by their beginning).
MessageExpectation draft_message(const ObservedMessage &actual);

}  // namespace labcheck
