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

size_t CaptureResult::failures() const {
    size_t n = 0;
    for (const ScopeResult &s : scopes) n += s.failures();
    return n;
}

size_t CaptureResult::checks() const {
    size_t n = 0;
    for (const ScopeResult &s : scopes) n += s.checks.size();
    return n;
}

std::vector<std::string> CaptureResult::notes() const {
    std::vector<std::string> out;
    if (!cut.empty()) out.push_back(cut);
    if (contents)
        for (const std::string &line : contents->lines()) out.push_back(line);
    return out;
}

bool CaptureResult::notes_matter() const {
    return !cut.empty() || (contents && contents->has_others());
}

Totals Totals::of(const std::vector<CaptureResult> &results) {
    Totals t;
    for (const CaptureResult &r : results) {
        if (r.updated) {
            ++t.updated;
            continue;
        }
        size_t *by_verdict[] = {&t.passed, &t.failed, &t.errors, &t.skipped};
        ++*by_verdict[static_cast<int>(r.verdict)];
    }
    return t;
}

}  // namespace labcheck
