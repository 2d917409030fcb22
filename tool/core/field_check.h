// A field's value on one frame, on the n-th message of a direction, on every
// frame matching a filter, or anywhere in the scope: equals, regex, range,
// present or absent.
#pragma once

#include "check.h"
#include "field_plan.h"
#include "value_kind.h"
#include "value_summary.h"

namespace labcheck {

class FieldCheck : public Check {
  public:
    FieldCheck(size_t index, const FieldExpectation &expected, FieldPlan &plan, ValueKind kind);

    void observe(const Frame &frame) override;
    void results(std::vector<CheckResult> &out) const override;
    void bless(ScopeExpectations &scope) const override;

  private:
    void judge_unit(uint64_t frame, const std::vector<std::string> &occurrences);
    void judge_scope(const Frame &frame);
    void add_end_mismatches(MismatchList &list) const;
    std::string title() const;

    size_t index_;  // in ScopeExpectations::fields
    FieldExpectation expected_;
    ValueKind kind_;
    size_t field_;
    std::optional<size_t> filter_;
    uint64_t units_ = 0;        // frames or messages judged
    uint64_t messages_ = 0;     // of the selected direction, for kMessage
    uint64_t occurrences_ = 0;  // for kCapture
    bool found_ = false;
    MismatchList mismatches_;
    ValueSummary summary_;
};

}  // namespace labcheck
