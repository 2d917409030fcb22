// A bounded summary of the values a field check saw, enough to rewrite the
// check so that it matches them (--update) without keeping every value.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "value_matcher.h"

namespace labcheck {

class ValueSummary {
  public:
    // One frame's (or message's) occurrences of the field.
    void add(const std::vector<std::string> &occurrences);

    // A matcher that accepts what was seen, in the spirit of `original`.
    // `single_unit`: the check looked at one frame or message.
    ValueMatcher fitting(const ValueMatcher &original, bool single_unit) const;

  private:
    static constexpr size_t kDistinct = 32;
    static constexpr size_t kSequence = 1000;

    std::vector<std::string> distinct_;
    bool distinct_overflow_ = false;
    std::vector<std::string> sequence_;  // every occurrence in order, while short
    bool sequence_overflow_ = false;
    std::vector<std::string> last_;  // the latest unit's occurrences
    std::optional<long double> min_, max_;
    bool all_numeric_ = true;
    bool some_empty_ = false, some_present_ = false;
};

}  // namespace labcheck
