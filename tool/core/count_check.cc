#include "count_check.h"

#include <fmt/format.h>
#include <fmt/ranges.h>  // fmt::join (in format.h before fmt 11)

namespace labcheck {

namespace {
constexpr size_t kFramesShown = 8;
}

std::string describe_bounds(const CountExpectation &c) {
    if (c.exactly) return fmt::format("exactly {}", *c.exactly);
    if (c.at_least && c.at_most)
        return fmt::format("at least {} and at most {}", *c.at_least, *c.at_most);
    if (c.at_least) return fmt::format("at least {}", *c.at_least);
    return fmt::format("at most {}", *c.at_most);
}

CountCheck::CountCheck(size_t index, const CountExpectation &expected, FieldPlan &plan)
    : index_(index), expected_(expected), filter_(plan.filter(expected.filter, expected.where)) {}

void CountCheck::observe(const Frame &frame) {
    if (!frame.matched(filter_)) return;
    ++count_;
    if (first_frames_.size() < kFramesShown) first_frames_.push_back(frame.number);
}

bool CountCheck::met() const {
    const CountExpectation &c = expected_;
    return (!c.exactly || count_ == *c.exactly) && (!c.at_least || count_ >= *c.at_least) &&
           (!c.at_most || count_ <= *c.at_most);
}

void CountCheck::results(std::vector<CheckResult> &out) const {
    CheckResult r{expected_.where,
                  fmt::format("count of \"{}\"", expected_.filter),
                  {},
                  0,
                  expected_.description};
    if (!met()) {
        std::string actual = fmt::format("{} frame{}", count_, count_ == 1 ? "" : "s");
        if (!first_frames_.empty())
            actual += fmt::format(": {}{}", fmt::join(first_frames_, ", "),
                                  count_ > first_frames_.size() ? ", ..." : "");
        r.mismatches.push_back({describe_bounds(expected_), actual, std::nullopt});
    }
    out.push_back(std::move(r));
}

void CountCheck::bless(ScopeExpectations &scope) const {
    if (met()) return;
    CountExpectation &c = scope.counts[index_];
    if (c.exactly) c.exactly = count_;
    if (c.at_least && count_ < *c.at_least) c.at_least = count_;
    if (c.at_most && count_ > *c.at_most) c.at_most = count_;
}

}  // namespace labcheck
