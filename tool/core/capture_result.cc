#include "capture_result.h"

#include <algorithm>

namespace labcheck {

const char *verdict_name(Verdict verdict) {
    switch (verdict) {
        case Verdict::kPass:
            return "PASS";
        case Verdict::kFail:
            return "FAIL";
        case Verdict::kError:
            return "ERROR";
        case Verdict::kSkip:
            return "SKIP";
    }
    return "?";
}

Verdict CaptureResult::judge(const std::vector<ScopeResult> &scopes) {
    const bool passed =
        std::all_of(scopes.begin(), scopes.end(), [](const auto &s) { return s.passed(); });
    return passed ? Verdict::kPass : Verdict::kFail;
}

Totals Totals::of(const std::vector<CaptureResult> &results) {
    Totals t;
    for (const CaptureResult &r : results) {
        switch (r.verdict) {
            case Verdict::kPass:
                ++t.passed;
                break;
            case Verdict::kFail:
                ++t.failed;
                break;
            case Verdict::kError:
                ++t.errors;
                break;
            case Verdict::kSkip:
                ++t.skipped;
                break;
        }
    }
    return t;
}

}  // namespace labcheck
