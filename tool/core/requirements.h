// A spec's `requires:` against the tshark and plugin at hand: the reason to
// SKIP the capture, or nothing when every requirement is met.
#pragma once

#include <optional>
#include <string>

#include "spec.h"

namespace labcheck {

std::optional<std::string> unmet_requirement(const Requirements &requirements,
                                             const Version &tshark,
                                             const std::optional<Version> &plugin);

}  // namespace labcheck
