// The checks for one scope (the whole capture or one TCP stream), built
// from its expectations.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check.h"
#include "field_plan.h"
#include "value_kind.h"

namespace labcheck {

// Field name -> how its values compare (from tshark -G fields).
using FieldKinds = std::map<std::string, ValueKind>;
ValueKind kind_of(const FieldKinds &kinds, const std::string &field);

struct ScopeResult {
    std::string label;               // "capture" or "stream 0 (name)"
    std::optional<uint64_t> stream;  // for stream scopes
    std::vector<CheckResult> checks;

    bool passed() const;
    size_t failures() const;
};

class ScopeChecker {
  public:
    // `record` keeps what bless() needs to rewrite every expectation; `hex`
    // shows message bodies in hex in the differences.
    ScopeChecker(std::string label, std::optional<uint64_t> stream, const ScopeExpectations &expect,
                 FieldPlan &plan, const FieldKinds &kinds, bool record, bool hex = false);

    void observe(const Frame &frame);
    ScopeResult result() const;
    ScopeExpectations blessed() const;

    // What `labcheck init` starts from: every kind of expectation, to be blessed.
    static ScopeExpectations skeleton();

  private:
    std::string label_;
    std::optional<uint64_t> stream_;
    ScopeExpectations expect_;
    std::vector<std::unique_ptr<Check>> checks_;
};

}  // namespace labcheck
