// JUnit XML for CI: one testcase per capture (its stream sections included),
// classnames from its folders, the same failure text and totals as the
// terminal report, valid under the Jenkins xUnit plugin's junit-10 schema and
// JUnit 5's Jenkins schema (tests/integration/junit-jenkins.xsd).
#pragma once

#include <string>
#include <vector>

#include "capture_result.h"

namespace labcheck {

std::string junit_report(const std::vector<CaptureResult> &results);

// Text made safe for XML attributes and content (and XML 1.0's character set).
std::string xml_escape(const std::string &text);

}  // namespace labcheck
