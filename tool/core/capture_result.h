// The outcome of checking one capture against one spec.
#pragma once

#include <string>
#include <vector>

#include "scope_checker.h"
#include "stream_catalog.h"

namespace labcheck {

enum class Verdict { kPass, kFail, kError, kSkip };
const char *verdict_name(Verdict verdict);  // "PASS", "FAIL", "ERROR", "SKIP"

struct CaptureResult {
    std::string capture;  // as given or found
    std::string label;    // its path under the folder searched (or as given), for reports
    std::string spec;
    std::string spec_description;
    Verdict verdict = Verdict::kError;
    std::string reason;               // why ERROR or SKIP
    std::vector<ScopeResult> scopes;  // capture first, then streams (labels even on ERROR/SKIP)
    std::optional<CaptureContents> contents;  // what was graded, when the capture was read
    std::string cut;                          // how the capture ends inside a packet, when it does
    bool updated = false;                     // --update rewrote its spec to match
    double seconds = 0;

    // PASS or FAIL from the scopes' checks.
    static Verdict judge(const std::vector<ScopeResult> &scopes);
    size_t failures() const;
    size_t checks() const;
    // Lines about what was graded and left out, and a cut.
    std::vector<std::string> notes() const;
    // Whether they say more than which connection was graded: other traffic,
    // nothing to grade, or a cut (terminal and JUnit show them only then).
    bool notes_matter() const;
};

// Captures by verdict; one whose spec --update rewrote counts as updated,
// not failed.
struct Totals {
    size_t passed = 0, failed = 0, errors = 0, skipped = 0, updated = 0;

    static Totals of(const std::vector<CaptureResult> &results);
    size_t total() const { return passed + failed + errors + skipped + updated; }
};

}  // namespace labcheck
