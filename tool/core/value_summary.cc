#include "value_summary.h"

#include <algorithm>

namespace labcheck {

void ValueSummary::add(const std::vector<std::string> &occurrences) {
    last_ = occurrences;
    (occurrences.empty() ? some_empty_ : some_present_) = true;
    for (const std::string &v : occurrences) {
        if (std::find(distinct_.begin(), distinct_.end(), v) == distinct_.end()) {
            if (distinct_.size() < kDistinct)
                distinct_.push_back(v);
            else
                distinct_overflow_ = true;
        }
        if (sequence_.size() < kSequence)
            sequence_.push_back(v);
        else
            sequence_overflow_ = true;
        const auto n = parse_number(v);
        if (!n) {
            all_numeric_ = false;
            continue;
        }
        min_ = min_ ? std::min(*min_, *n) : *n;
        max_ = max_ ? std::max(*max_, *n) : *n;
    }
}

ValueMatcher ValueSummary::fitting(const ValueMatcher &original, bool single_unit) const {
    using Kind = ValueMatcher::Kind;
    if (!some_present_) return ValueMatcher::absent();
    if (original.kind() == Kind::kPresent || original.kind() == Kind::kAbsent)
        return ValueMatcher::present();
    if (single_unit) {
        if (last_.size() == 1) return ValueMatcher::equals(last_[0]);
        return ValueMatcher::equals_list(last_);
    }
    if (original.kind() == Kind::kEqualsList && !sequence_overflow_)
        return ValueMatcher::equals_list(sequence_);
    if (original.kind() == Kind::kRange && all_numeric_ && min_)
        return ValueMatcher::range(std::min(original.low(), *min_),
                                   std::max(original.high(), *max_));
    if (distinct_.size() == 1 && !distinct_overflow_) return ValueMatcher::equals(distinct_[0]);
    if (all_numeric_ && min_) return ValueMatcher::range(*min_, *max_);
    return ValueMatcher::present();
}

}  // namespace labcheck
