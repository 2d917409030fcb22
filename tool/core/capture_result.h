// The outcome of checking one capture against one spec.
#pragma once

#include <string>
#include <vector>

#include "scope_checker.h"

namespace labcheck {

enum class Verdict { kPass, kFail, kError, kSkip };
const char *verdict_name(Verdict verdict);  // "PASS", "FAIL", "ERROR", "SKIP"

struct CaptureResult {
    std::string capture;  // as given or found
    std::string spec;
    Verdict verdict = Verdict::kError;
    std::string reason;               // why ERROR or SKIP
    std::vector<ScopeResult> scopes;  // capture first, then streams (labels even on ERROR/SKIP)
    double seconds = 0;

    // PASS or FAIL from the scopes' checks.
    static Verdict judge(const std::vector<ScopeResult> &scopes);
};

struct Totals {
    size_t passed = 0, failed = 0, errors = 0, skipped = 0;

    static Totals of(const std::vector<CaptureResult> &results);
    size_t total() const { return passed + failed + errors + skipped; }
};

}  // namespace labcheck
