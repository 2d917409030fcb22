// The results for machines (--json): every capture, every check, pass or not.
// Timings are left out so that runs can be compared byte for byte.
#pragma once

#include <string>
#include <vector>

#include "capture_result.h"
#include "discovery.h"

namespace labcheck {

struct RunInfo {
    std::string tshark_path, tshark_version;
    std::string plugin_path, plugin_version;
    std::string how;  // how tshark was run, e.g. "as nobody via setpriv"
};

// `not_checked`: the files a folder search left out.
std::string json_report(const std::vector<CaptureResult> &results, const RunInfo &run,
                        const std::vector<SkippedFile> &not_checked = {});

}  // namespace labcheck
