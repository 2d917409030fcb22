// The terminal report: one line per capture, failures as a diff of what the
// spec expects (-) beside what tshark decoded (+), and a closing tally.
#pragma once

#include <string>

#include "capture_result.h"

namespace labcheck {

struct TextStyle {
    bool color = false;  // ANSI colours, for terminals only
    bool quiet = false;  // PASS and SKIP lines left out
};

// The lines for one capture ("" when quiet hides it), each ending in '\n'.
std::string format_capture(const CaptureResult &result, const TextStyle &style);
// "3 passed, 1 failed, 1 error, 2 skipped".
std::string format_totals(const Totals &totals, const TextStyle &style);
// Just the failed checks, indented like format_capture's (for --update).
std::string format_failures(const std::vector<ScopeResult> &scopes, const TextStyle &style);

}  // namespace labcheck
