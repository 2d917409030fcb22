// JUnit XML for CI: one testcase per capture, and one per stream section of
// its spec, with the same failure text as the terminal report.
#pragma once

#include <string>
#include <vector>

#include "capture_result.h"

namespace labcheck {

std::string junit_report(const std::vector<CaptureResult> &results);

// Text made safe for XML attributes and content (and XML 1.0's character set).
std::string xml_escape(const std::string &text);

}  // namespace labcheck
