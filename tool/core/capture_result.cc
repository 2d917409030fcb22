#include "capture_result.h"

#include <algorithm>

namespace labcheck {

const char *verdict_name(Verdict verdict) {
    static const char *const names[] = {"PASS", "FAIL", "ERROR", "SKIP"};  // by Verdict
    return names[static_cast<int>(verdict)];
}

Verdict CaptureResult::judge(const std::vector<ScopeResult> &scopes) {
    const bool passed =
        std::all_of(scopes.begin(), scopes.end(), [](const auto &s) { return s.passed(); });
    return passed ? Verdict::kPass : Verdict::kFail;
}

Totals Totals::of(const std::vector<CaptureResult> &results) {
    size_t by_verdict[4] = {};
    for (const CaptureResult &r : results) ++by_verdict[static_cast<int>(r.verdict)];
    return Totals{by_verdict[0], by_verdict[1], by_verdict[2], by_verdict[3]};
}

}  // namespace labcheck
