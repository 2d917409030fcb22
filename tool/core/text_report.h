// The terminal report: one line per capture, failures as a diff of what the
// spec expects (-) beside what tshark decoded (+), files left out, and a
// closing tally; and the report of one capture for handing back.
#pragma once

#include <string>
#include <vector>

#include "capture_result.h"
#include "discovery.h"

namespace labcheck {

struct TextStyle {
    bool color = false;  // ANSI colours, for terminals only
    bool quiet = false;  // PASS and SKIP lines left out
};

// The lines for one capture ("" when quiet hides it), each ending in '\n'.
// What was graded and left out is shown when the capture holds more than the
// lab's connection.
std::string format_capture(const CaptureResult &result, const TextStyle &style);
// "3 passed, 1 failed, 1 error, 2 skipped".
std::string format_totals(const Totals &totals, const TextStyle &style);
// Just the failed checks, indented like format_capture's (for --update).
std::string format_failures(const std::vector<ScopeResult> &scopes, const TextStyle &style);
// The files a folder search left out, and why (the first 20 unless `all`).
std::string format_skipped_files(const std::vector<SkippedFile> &files, bool all);
// One capture's report for --report-dir: verdict, what was graded, every
// check with its label, passed or not, and the differences.
std::string format_report(const CaptureResult &result);

}  // namespace labcheck
