// How many frames of the scope match a display filter: exactly, at least,
// at most. tshark evaluates the filter (via the filter helper).
#pragma once

#include "check.h"
#include "field_plan.h"

namespace labcheck {

class CountCheck : public Check {
  public:
    CountCheck(size_t index, const CountExpectation &expected, FieldPlan &plan);

    void observe(const Frame &frame) override;
    void results(std::vector<CheckResult> &out) const override;
    void bless(ScopeExpectations &scope) const override;

  private:
    bool met() const;

    size_t index_;  // in ScopeExpectations::counts
    CountExpectation expected_;
    size_t filter_;
    uint64_t count_ = 0;
    std::vector<uint64_t> first_frames_;  // a few, for the report
};

// "exactly 1", "at least 2", "at least 1 and at most 3".
std::string describe_bounds(const CountExpectation &expected);

}  // namespace labcheck
