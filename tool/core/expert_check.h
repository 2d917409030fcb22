// Expert infos: the highest severity allowed in the scope (any protocol,
// Wireshark's TCP analysis included) and named expert infos (or any field)
// that must or must not appear.
#pragma once

#include "check.h"
#include "field_plan.h"

namespace labcheck {

class ExpertCheck : public Check {
  public:
    ExpertCheck(const ExpertExpectation &expected, FieldPlan &plan);

    void observe(const Frame &frame) override;
    void results(std::vector<CheckResult> &out) const override;
    void bless(ScopeExpectations &scope) const override;

  private:
    struct Named {
        Located<std::string> name;
        size_t field;
        bool required;
        uint64_t seen = 0;
        MismatchList mismatches;
    };

    ExpertExpectation expected_;
    std::optional<size_t> severity_, message_;
    std::optional<Severity> max_seen_;
    MismatchList too_severe_;
    std::vector<Named> named_;
};

}  // namespace labcheck
